package pdf

import (
	"bytes"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailsift/mailsift/scanner/extract"
)

const corpora = "/work/shared/corpora"

// TestCorpus reads the PDFs attached to real public mails (see
// /work/shared/corpora/SOURCES.md): made by Word via PScript5, PDF4NET, a
// RICOH scanner and SwiftMailer's test generator.
func TestCorpus(t *testing.T) {
	if _, err := os.Stat(corpora); err != nil {
		t.Skipf("corpora not available: %v", err)
	}
	x := sharedExtractor(t)
	tests := []struct {
		file, attachment string
		wantText         []string // substrings of the extracted text
		wantColumns      []string // segments with these Columns
		wantRendered     int      // scanned pages rendered
	}{
		{"php-mime-mail-parser/issue274.eml", "Hello from SwiftMailer.pdf", []string{"Hello from SwiftMailer !"}, nil, 0},
		{"spamscope-mail-parser/mail_test_10", "Move To Eight ZWEP6227F.pdf", []string{"ZWEP6227F"}, []string{"author", "creator", "title"}, 0},
		{"spamscope-mail-parser/mail_test_2", "Bollettino.pdf", []string{"BOLLETTINO METEOROLOGICO"}, nil, 0},
		// A scanner's image-only PDF: its one page goes to OCR.
		{"spamscope-mail-parser/mail_test_7", "20170609091403417.pdf", []string{"RICOH"}, nil, 1},
	}
	for _, tc := range tests {
		t.Run(tc.attachment, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(corpora, tc.file))
			if err != nil {
				t.Skipf("corpus file missing: %v", err)
			}
			var part *extract.Part
			for _, p := range extract.Parse(raw, extract.Options{}).Parts {
				if p.Filename == tc.attachment {
					part = p
				}
			}
			if part == nil || !x.Match(&extract.File{Name: part.Filename, ContentType: part.ContentType, Data: part.Data}) {
				t.Fatalf("no PDF %q in %s", tc.attachment, tc.file)
			}
			// A generous time limit: under -race rendering is ~30× slower.
			env := &extract.Env{Limits: extract.Limits{Timeout: 10 * time.Minute}}
			rec, err := extractPDF(t, x, part.Filename, part.Data, env)
			if err != nil || len(rec.Problems) > 0 {
				t.Fatalf("err %v, problems %v", err, rec.Problems)
			}
			text := rec.AllText()
			for _, w := range tc.wantText {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q", w)
				}
			}
			cols := map[string]bool{}
			for _, s := range rec.Segments {
				cols[s.Column] = true
			}
			for _, c := range tc.wantColumns {
				if !cols[c] {
					t.Errorf("no segment with Column %q", c)
				}
			}
			if len(rec.Files) != tc.wantRendered {
				t.Fatalf("%d files, want %d rendered pages", len(rec.Files), tc.wantRendered)
			}
			for _, f := range rec.Files {
				if _, err := png.Decode(bytes.NewReader(f.Data)); err != nil {
					t.Errorf("%s: %v", f.Name, err)
				}
			}
		})
	}
}

// TestCorpusBroken: the corpora's damaged PDFs (cut to 1 KB, a few bytes,
// not a PDF at all) are reported as corrupt, never a panic or a hang.
func TestCorpusBroken(t *testing.T) {
	if _, err := os.Stat(corpora); err != nil {
		t.Skipf("corpora not available: %v", err)
	}
	x := sharedExtractor(t)
	for _, file := range []string{
		"mikel-mail-fixtures/attachment_emails/attachment_pdf.eml",
		"mikel-mail-fixtures/mime_emails/raw_email7.eml",
		"notmuch-corpora/indexing/fake-pdf:2,S",
	} {
		raw, err := os.ReadFile(filepath.Join(corpora, file))
		if err != nil {
			t.Skipf("corpus file missing: %v", err)
		}
		n := 0
		for _, p := range extract.Parse(raw, extract.Options{}).Parts {
			if !x.Match(&extract.File{Name: p.Filename, ContentType: p.ContentType, Data: p.Data}) || len(p.Data) == 0 {
				continue
			}
			n++
			_, err := extractPDF(t, x, p.Filename, p.Data, nil)
			if !errors.Is(err, extract.ErrCorrupt) {
				t.Errorf("%s %s: err %v, want ErrCorrupt", file, p.Filename, err)
			}
		}
		if n == 0 {
			t.Errorf("%s: no PDF part", file)
		}
	}
}
