//go:build unix

package people

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestCopyPermissions(t *testing.T) {
	old := syscall.Umask(0) // so that nothing is private by the umask's grace
	defer syscall.Umask(old)
	src := t.TempDir()
	writeTree(t, src, map[string]string{
		"categories.yaml": goodYAML,
		"customers.csv":   customersCSV,
		"lists/staff.csv": "name\n佐々木一郎\n",
	})
	c, err := LoadCategories(filepath.Join(src, "categories.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "categories")
	if err := os.Mkdir(dest, 0o755); err != nil { // an existing loose directory
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, "customers.csv"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Copy(c, dest); err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o600)
		if d.IsDir() {
			want = 0o700
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode().Perm(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
