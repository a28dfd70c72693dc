package mailgen

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

var update = flag.Bool("update", false, "regenerate testdata/sample from the generator")

// sampleDir is the committed bundle, relative to this package.
const sampleDir = "../../testdata/sample"

// sampleOwn lists files in sampleDir that the generator does not write.
var sampleOwn = []string{"README.md", ".gitattributes"}

// TestSample regenerates the bundled sample and compares it byte for byte
// with testdata/sample, so that the committed files cannot drift from the
// generator. Run with -update to rewrite them.
func TestSample(t *testing.T) {
	c := Generate(SampleOptions())
	if *update {
		if err := RemoveBundle(sampleDir); err != nil {
			t.Fatal(err)
		}
		if err := c.WriteBundle(sampleDir); err != nil {
			t.Fatal(err)
		}
	}
	tmp := t.TempDir()
	if err := c.WriteBundle(tmp); err != nil {
		t.Fatal(err)
	}
	want := readTree(t, tmp)
	got := readTree(t, sampleDir)
	for _, f := range sampleOwn {
		delete(got, f)
	}
	size := 0
	for name, b := range want {
		size += len(b)
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s: missing from %s", name, sampleDir)
		case !bytes.Equal(g, b):
			t.Errorf("%s: differs from the generator", name)
		}
	}
	var extra []string
	for name := range got {
		if _, ok := want[name]; !ok {
			extra = append(extra, name)
		}
	}
	slices.Sort(extra)
	for _, name := range extra {
		t.Errorf("%s: in %s but not generated", name, sampleDir)
	}
	if t.Failed() {
		t.Log("regenerate with: go test ./internal/mailgen -run TestSample -update")
	}
	if size >= 1<<20 {
		t.Errorf("sample is %d bytes, keep it under 1 MiB", size)
	}
	if _, err := os.Stat(filepath.Join(sampleDir, "README.md")); err != nil {
		t.Error(err)
	}
}
