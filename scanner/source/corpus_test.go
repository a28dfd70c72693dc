package source

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpora is the shared, read-only collection of real mail
// (/work/shared/corpora next to the repository). Tests that need it skip
// when it is absent; nothing is ever written there.
var corporaDir = filepath.Join("..", "..", "..", "shared", "corpora")

func corpora(t *testing.T) string {
	t.Helper()
	if fi, err := os.Stat(corporaDir); err != nil || !fi.IsDir() {
		t.Skipf("corpora not found at %s", corporaDir)
	}
	return corporaDir
}

type counts struct{ Messages, Skipped, Errors int }

func countSource(t *testing.T, p string) (counts, map[string]*Message) {
	t.Helper()
	s, err := Open(p, Options{})
	if err != nil {
		t.Fatalf("Open(%s): %v", p, err)
	}
	var c counts
	byPath := map[string]*Message{}
	err = s.Messages(context.Background(), func(m *Message, err error) error {
		var sk *Skipped
		switch {
		case errors.As(err, &sk):
			c.Skipped++
		case err != nil:
			c.Errors++
			t.Logf("%s: %v", p, err)
		default:
			c.Messages++
			if m.Index == 1 {
				m.Data = nil // keep memory low; hashes are what is compared
				byPath[m.Path] = m
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Messages(%s): %v", p, err)
	}
	return c, byPath
}

// TestCorpora opens every corpus folder as a tree and checks the counts
// that are known from the corpora's own documentation and expected
// outputs; the others are logged for the record.
func TestCorpora(t *testing.T) {
	root := corpora(t)
	want := map[string]counts{
		"sisimai-set-of-emails/mailbox/mbox-0":             {37, 0, 0},
		"sisimai-set-of-emails/mailbox/mbox-1":             {1, 0, 0},
		"mimekit-testdata/mbox/content-length.mbox.txt":    {29, 0, 0},
		"mimekit-testdata/mbox/issue1189.mbox.txt":         {4, 0, 0},
		"mimekit-testdata/mbox/simple.mbox.txt":            {3, 0, 0},
		"mimekit-testdata/mbox/unmunged.mbox.txt":          {2, 0, 0},
		"notmuch-corpora":                                  {321, 3, 0},
		"joruri-mail-fixtures":                             {27, 2, 0},
		"mikel-mail-fixtures":                              {103, 3, 0},
		"tnefparse-examples":                               {0, 21, 0},
		"sisimai-set-of-emails/maildir/err":                {37, 0, 0},
		"spamassassin-publiccorpus":                        {0, 2, 0},
		"notmuch-corpora/default":                          {53, 0, 0},
		"mimekit-testdata/mbox/content-length-summary.txt": {29, 0, 0},
	}
	ents, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range ents {
		if e.IsDir() {
			paths = append(paths, e.Name())
		}
	}
	for p := range want {
		if strings.Contains(p, "/") {
			paths = append(paths, p)
		}
	}
	for _, p := range paths {
		got, _ := countSource(t, filepath.Join(root, p))
		t.Logf("%-50s messages %4d  skipped %3d  errors %d", p, got.Messages, got.Skipped, got.Errors)
		if w, ok := want[p]; ok && got != w {
			t.Errorf("%s: got %+v, want %+v", p, got, w)
		}
	}
}

// TestCorpusLineEndings: Sisimai keeps each bounce as LF (bsd), CRLF (dos)
// and CR-only (mac) files, some with an mbox From_ line. Where the three
// hold the same message (by a plain independent normalisation; some were
// edited since), they must have one message_sha256, and otherwise not.
func TestCorpusLineEndings(t *testing.T) {
	dir := filepath.Join(corpora(t), "sisimai-set-of-emails", "maildir")
	msgs := map[string]map[string]*Message{}
	for _, v := range []string{"bsd", "dos", "mac"} {
		_, msgs[v] = countSource(t, filepath.Join(dir, v))
	}
	same := 0
	for p, d := range msgs["dos"] {
		name := filepath.Base(p)
		for _, v := range []string{"bsd", "mac"} {
			o := msgs[v][filepath.Join(dir, v, name)]
			if o == nil {
				continue
			}
			want := normalized(t, p) == normalized(t, o.Path)
			if want {
				same++
			}
			if got := o.CanonicalSHA256 == d.CanonicalSHA256; got != want {
				t.Errorf("%s: dos and %s: same content %v, same message_sha256 %v", name, v, want, got)
			}
		}
	}
	if same < 130 {
		t.Errorf("%d pairs with the same content, want at least 130", same)
	}
}

// normalized is a file's message with LF line endings, no From_ line and
// no trailing newlines: what canonical form does, written another way. A
// CR is a line ending only in a file without LF (lhost-dragonfly-01 in
// bsd/ has "\r\r\n" where dos/ has "\r\n": they differ).
func normalized(t *testing.T, p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	if !bytes.Contains(b, []byte("\n")) {
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	if strings.HasPrefix(s, "From ") {
		_, s, _ = strings.Cut(s, "\n")
	}
	return strings.TrimRight(s, "\n")
}

// TestCorpusMimeKitOffsets compares message offsets with MimeKit's
// expected-output files, for the file as it is (unix) and with CRLF line
// endings (dos), which MimeKit's tests generate the same way.
func TestCorpusMimeKitOffsets(t *testing.T) {
	dir := filepath.Join(corpora(t), "mimekit-testdata", "mbox")
	for _, name := range []string{"content-length", "issue1189"} {
		data, err := os.ReadFile(filepath.Join(dir, name+".mbox.txt"))
		if err != nil {
			t.Fatal(err)
		}
		for _, variant := range []string{"unix", "dos"} {
			in := data
			if variant == "dos" {
				in = bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
			}
			js, err := os.ReadFile(filepath.Join(dir, name+"."+variant+"-offsets.json"))
			if err != nil {
				t.Fatal(err)
			}
			var want []struct {
				MboxMarkerOffset, BeginOffset int64
			}
			if err := json.Unmarshal(js, &want); err != nil {
				t.Fatal(err)
			}
			r := NewMboxReader(bytes.NewReader(in), name, Options{})
			i := 0
			for ; ; i++ {
				m, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s %s: %v", name, variant, err)
				}
				if i >= len(want) {
					continue
				}
				fromLine := int64(bytes.IndexByte(in[m.Offset:], '\n') + 1)
				if m.Offset != want[i].MboxMarkerOffset || m.Offset+fromLine != want[i].BeginOffset {
					t.Errorf("%s %s message %d: offset %d, content at %d; want %d, %d", name, variant, i+1,
						m.Offset, m.Offset+fromLine, want[i].MboxMarkerOffset, want[i].BeginOffset)
				}
			}
			if i != len(want) {
				t.Errorf("%s %s: %d messages, want %d", name, variant, i, len(want))
			}
		}
	}
}
