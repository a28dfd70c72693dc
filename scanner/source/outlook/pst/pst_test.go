package pst

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/scanner/source/outlook"
)

// corpusDir holds the shared real PSTs (read-only, never copied here).
var corpusDir = filepath.Join("..", "..", "..", "..", "..", "shared", "corpora", "go-pst-data")

func corpusFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir, name))
	if err != nil {
		t.Skipf("corpus PST not available: %v", err)
	}
	return b
}

// item is what the comparison with pffexport looks at.
type item struct{ Folder, Subject string }

// readAll reads every item of a PST held in memory.
func readAll(t testing.TB, data []byte) (items []item, store *Store, errs []error) {
	t.Helper()
	f, err := Open(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, []error{err}
	}
	s, err := f.Load(context.Background())
	if err != nil {
		return nil, nil, []error{err}
	}
	errs = append(errs, s.Problems...)
	err = f.Items(context.Background(), s, 64<<20, func(e *Entry, err error) error {
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		items = append(items, item{e.Folder, outlook.Subject(e.Item.Props)})
		_ = outlook.Build(e.Item)
		errs = append(errs, e.Item.Problems...)
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	return items, s, errs
}

// pffexportItems runs libpff's pffexport (Debian pff-tools) on a file
// and returns each item it exports: the folder it is in and its subject.
func pffexportItems(t *testing.T, path string) []item {
	t.Helper()
	bin, err := exec.LookPath("pffexport")
	if err != nil {
		t.Skip("pffexport not installed (apt-get install pff-tools): comparison skipped")
	}
	out := filepath.Join(t.TempDir(), "x")
	if b, err := exec.Command(bin, "-q", "-m", "all", "-t", out, path).CombinedOutput(); err != nil {
		t.Fatalf("pffexport: %v\n%s", err, b)
	}
	var items []item
	root := out + ".export"
	err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		name := d.Name()
		kind := strings.TrimRight(name, "0123456789")
		if kind == name || len(name)-len(kind) != 5 {
			return nil
		}
		switch kind {
		case "Message", "Appointment", "Contact", "Task", "Meeting", "Note", "Activity", "DistributionList", "Document":
		default:
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		subject := ""
		files, _ := filepath.Glob(filepath.Join(p, "*.txt"))
		sort.Strings(files)
		for _, fn := range files {
			b, _ := os.ReadFile(fn)
			for _, line := range strings.Split(string(b), "\n") {
				if v, ok := strings.CutPrefix(line, "Subject:"); ok && subject == "" && !strings.Contains(fn, "InternetHeaders") {
					subject = strings.TrimSpace(v)
				}
			}
		}
		items = append(items, item{filepath.ToSlash(rel), subject})
		return filepath.SkipDir
	})
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// TestAgainstPffexport: every item that libpff's pffexport finds in the
// corpus PSTs is found, in the same folder and with the same subject.
// pffexport names folders from the root, so its first component, the
// IPM subtree ("Top of Personal Folders"), is dropped for the comparison.
func TestAgainstPffexport(t *testing.T) {
	for _, name := range []string{"32-bit.pst", "support.pst"} {
		t.Run(name, func(t *testing.T) {
			data := corpusFile(t, name)
			want := pffexportItems(t, filepath.Join(corpusDir, name))
			got, s, errs := readAll(t, data)
			for _, e := range errs {
				t.Errorf("problem: %v", e)
			}
			ipm := s.IPMSubtreeName()
			for i := range want {
				if rest, ok := strings.CutPrefix(want[i].Folder, ipm+"/"); ok && ipm != "" {
					want[i].Folder = rest
				}
			}
			count := map[item]int{}
			for _, g := range got {
				count[g]++
			}
			for _, w := range want {
				if count[w] == 0 {
					t.Errorf("pffexport item %+v not found", w)
					continue
				}
				count[w]--
			}
			t.Logf("%s: pffexport %d items, mailsift %d items", name, len(want), len(got))
			if len(got) < len(want) {
				t.Errorf("%d items, pffexport finds %d", len(got), len(want))
			}
		})
	}
}

// TestCorpusCounts pins what the corpus holds (as pffexport counts it),
// so that the comparison cannot pass on an empty export.
func TestCorpusCounts(t *testing.T) {
	for name, want := range map[string]int{"32-bit.pst": 1, "support.pst": 17} {
		got, s, errs := readAll(t, corpusFile(t, name))
		if len(got) != want || len(errs) != 0 {
			t.Errorf("%s: %d items, %d problems (%v); want %d items, none", name, len(got), len(errs), errs, want)
		}
		if s.Password {
			t.Errorf("%s: has no password", name)
		}
	}
	got, _, _ := readAll(t, corpusFile(t, "support.pst"))
	folders := map[string]bool{}
	for _, g := range got {
		folders[g.Folder] = true
	}
	if !folders["Sent Messages"] || !folders["Drafts"] {
		t.Errorf("folders %v", folders)
	}
}

// TestDamagedFile cuts the corpus files at many offsets and overwrites
// bytes: never a panic or a hang; a read that misses items reports
// problems; an item read from a cut file is one of the intact file's.
func TestDamagedFile(t *testing.T) {
	for _, name := range []string{"32-bit.pst", "support.pst"} {
		data := corpusFile(t, name)
		all, _, _ := readAll(t, data)
		valid := map[string]bool{}
		for _, it := range all {
			valid[it.Subject] = true
		}
		check := func(what string, b []byte, cut bool) int {
			got, _, errs := readAll(t, b)
			for _, g := range got {
				// A cut loses bytes but changes none: an item read from a
				// cut file is one of the file's items (its folder path may
				// be shorter when the store or a folder was lost).
				if cut && !valid[g.Subject] {
					t.Errorf("%s %s: item %+v is not in the intact file", name, what, g)
				}
			}
			if len(got) < len(all) && len(errs) == 0 {
				t.Errorf("%s %s: %d of %d items and no problem reported", name, what, len(got), len(all))
			}
			return len(got)
		}
		maxAtCut := 0
		for _, frac := range []float64{0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999} {
			cut := int(float64(len(data)) * frac)
			n := check(fmt.Sprintf("cut at %d", cut), data[:cut], true)
			maxAtCut = max(maxAtCut, n)
		}
		if name == "support.pst" && maxAtCut == 0 {
			t.Errorf("%s: no item read from any cut file", name)
		}
		r := rand.New(rand.NewPCG(1, 2))
		for i := 0; i < 200; i++ {
			b := bytes.Clone(data)
			for j := 0; j < 1+i%20; j++ {
				b[r.IntN(len(b))] = byte(r.IntN(256))
			}
			check(fmt.Sprintf("damage %d", i), b, false)
		}
	}
}

// TestTruncatedKeepsEarlierItems: the cut that keeps the node and block
// B-trees but loses the data of later items still gives the items whose
// blocks are intact. Found on support.pst: the B-tree pages sit before
// most message blocks, so a cut in the last tenth keeps many items.
func TestTruncatedKeepsEarlierItems(t *testing.T) {
	data := corpusFile(t, "support.pst")
	all, _, _ := readAll(t, data)
	best := 0
	for cut := len(data) / 2; cut < len(data); cut += len(data) / 64 {
		got, _, errs := readAll(t, data[:cut])
		if len(got) > 0 && len(got) < len(all) && len(errs) > 0 {
			best = max(best, len(got))
		}
	}
	t.Logf("best partial read: %d of %d items", best, len(all))
	if best == 0 {
		t.Error("no cut of the file gave the items before the damage")
	}
}

func TestCryptTables(t *testing.T) {
	r, s, inv := mpbbCrypt[:256], mpbbCrypt[256:512], mpbbCrypt[512:]
	seen := [3][256]bool{}
	for i := 0; i < 256; i++ {
		if inv[r[i]] != byte(i) {
			t.Fatalf("mpbbI is not the inverse of mpbbR at %d", i)
		}
		seen[0][r[i]], seen[1][s[i]], seen[2][inv[i]] = true, true, true
	}
	for k := range seen {
		for i, ok := range seen[k] {
			if !ok {
				t.Fatalf("table %d is not a permutation: %d missing", k, i)
			}
		}
	}
	// Cyclic encoding is its own inverse (MS-PST 5.2 uses one function).
	b := []byte("Cyclic encryption, keyed by the block ID.")
	orig := bytes.Clone(b)
	decrypt(b, cryptCyclic, 0x12345678)
	if bytes.Equal(b, orig) {
		t.Fatal("cyclic: nothing changed")
	}
	decrypt(b, cryptCyclic, 0x12345678)
	if !bytes.Equal(b, orig) {
		t.Fatalf("cyclic twice: %q", b)
	}
}

func TestNotPST(t *testing.T) {
	for _, in := range []string{"", "!BD", "From x\n", "!BDN" + strings.Repeat("\x00", 600)} {
		_, err := Open(strings.NewReader(in), int64(len(in)))
		if err == nil {
			t.Errorf("%q: no error", in)
		}
	}
	if _, err := Open(strings.NewReader("xBDN"), 4); !errors.Is(err, ErrNotPST) {
		t.Errorf("err = %v", err)
	}
}
