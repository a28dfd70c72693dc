package office

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/extracttest"
)

// TestCorpus runs the extractors over the real Office attachments of the
// shared mail corpora (read in place, never copied).
func TestCorpus(t *testing.T) {
	dir := "/work/shared/corpora/php-mime-mail-parser"
	raw, err := os.ReadFile(filepath.Join(dir, "issue274.eml"))
	if err != nil {
		t.Skipf("corpus absent (%v): skipping", err)
	}
	msg := extract.Parse(raw, extract.Options{})
	all := []extract.Extractor{XLSX(), DOCX(), PPTX(), ODT(), ODS(), CSV()}
	want := map[string]string{ // attachment → extractor and a text it holds
		"Hello from SwiftMailer.docx": "docx Hello from SwiftMailer",
		"Hello from SwiftMailer.odt":  "odt Hello from SwiftMailer\u00a0!",
	}
	seen := map[string]bool{} // the nested test-localhost.eml carries them again
	for _, p := range msg.Parts {
		w, ok := want[p.Filename]
		if !ok {
			continue
		}
		seen[p.Filename] = true
		name, text, _ := strings.Cut(w, " ")
		f := &extract.File{Name: p.Filename, ContentType: p.ContentType, Location: p.Location, Data: p.Data}
		var x extract.Extractor
		for _, c := range all {
			if c.Match(f) {
				if x != nil {
					t.Errorf("%s: both %s and %s match", p.Filename, x.Name(), c.Name())
				}
				x = c
			}
		}
		if x == nil || x.Name() != name {
			t.Errorf("%s: matched by %v, want %s", p.Filename, x, name)
			continue
		}
		rec := extracttest.Check(t, x, p.Filename, p.Data, nil)
		if !strings.Contains(rec.AllText(), text) {
			t.Errorf("%s: text %q lacks %q", p.Filename, rec.AllText(), text)
		}
		if len(rec.Problems) > 0 {
			t.Errorf("%s: problems %v", p.Filename, rec.Problems)
		}
		t.Logf("%s at %s: %s: %q", p.Filename, p.Location, rec, rec.AllText())
	}
	if len(seen) != len(want) {
		t.Errorf("found %v, want %d attachments", seen, len(want))
	}
}
