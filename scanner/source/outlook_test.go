package source

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	ot "github.com/mailsift/mailsift/scanner/source/outlook/outlooktest"
)

// TestOutlookCorpora: the corpus PSTs and .msg files are sources (they
// were skipped as "not a mail header field" before): 18 items in the two
// PSTs (17 messages and an appointment, as pffexport counts them), one
// message per .msg, no errors, and a PST folder path as the source.
func TestOutlookCorpora(t *testing.T) {
	root := corpora(t)
	for name, want := range map[string]int{
		"go-pst-data/32-bit.pst":  1,
		"go-pst-data/support.pst": 17,
		"ruby-msg":                8,
	} {
		got, _ := countSource(t, filepath.Join(root, name))
		if got.Messages != want || got.Errors != 0 {
			t.Errorf("%s: %+v, want %d messages and no error", name, got, want)
		}
	}
	s, err := Open(filepath.Join(root, "go-pst-data", "support.pst"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	folders := map[string]int{}
	hashes := map[[32]byte]bool{}
	s.Messages(context.Background(), func(m *Message, err error) error {
		if m != nil {
			folders[m.Folder]++
			hashes[m.CanonicalSHA256] = true
			if m.Kind != "pst" || m.Offset == 0 || m.CanonicalSHA256 != CanonicalHash(m.Data) {
				t.Errorf("%s: kind %q node %d", m.Where(), m.Kind, m.Offset)
			}
		}
		return nil
	})
	if folders["Sent Messages"] != 11 || folders["Drafts"] != 6 {
		t.Errorf("folders %v", folders)
	}
	// A second read gives the same hashes: message_sha256 is stable.
	s.Messages(context.Background(), func(m *Message, err error) error {
		if m != nil && !hashes[m.CanonicalSHA256] {
			t.Errorf("%s: hash changed between two reads", m.Where())
		}
		return nil
	})
}

// TestMSGSourceSkipsOtherCompoundFiles: a .doc (a compound file that is
// not an Outlook item) in a tree is skipped as before, not an error; a
// .msg beside it is read.
func TestMSGSourceSkipsOtherCompoundFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.doc"), ot.CFB([]*ot.Entry{{Name: "WordDocument", Data: []byte("x")}}), 0o644)
	os.WriteFile(filepath.Join(dir, "b.msg"), ot.MSG(&ot.Message{Props: []ot.Prop{ot.Unicode(0x0037, "hello")}}), 0o644)
	os.WriteFile(filepath.Join(dir, "c.pst"), []byte("!BDN truncated"), 0o644)
	got, _ := countSource(t, dir)
	if got != (counts{Messages: 1, Skipped: 1, Errors: 1}) {
		t.Errorf("got %+v", got)
	}
	var sk *Skipped
	s, _ := Open(filepath.Join(dir, "a.doc"), Options{})
	s.Messages(context.Background(), func(m *Message, err error) error {
		if !errors.As(err, &sk) {
			t.Errorf("a.doc: %v", err)
		}
		return nil
	})
}
