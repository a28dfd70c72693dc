package imapsrc

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/scanner/source"
)

func TestCollectReturnsTheEvidence(t *testing.T) {
	ms := startMem(t, memOpts{})
	for i := 0; i < 5; i++ {
		ms.add(t, "INBOX", "Subject: m\r\nMessage-ID: <"+strings.Repeat("a", i+1)+"@x>\r\n\r\nbody\r\n")
	}
	dir := t.TempDir()
	a := &Account{Options: ms.options()}
	src, st, err := a.Collect(context.Background(), dir, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Messages != 5 {
		t.Errorf("fetched %d messages, want 5", st.Messages)
	}
	if src.Name() != a.Name() || !strings.HasPrefix(src.Name(), "imap://") {
		t.Errorf("source name %q, want the account's URL %q", src.Name(), a.Name())
	}
	n := 0
	err = src.Messages(context.Background(), func(m *source.Message, err error) error {
		if err != nil {
			return err
		}
		if m.Folder != "INBOX" {
			t.Errorf("message in folder %q, want INBOX", m.Folder)
		}
		n++
		return nil
	})
	if err != nil || n != 5 {
		t.Errorf("evidence yields %d messages (%v), want 5", n, err)
	}
	// Collected again: nothing fetched, the same evidence.
	_, st, err = a.Collect(context.Background(), dir, source.Options{})
	if err != nil || st.Messages != 0 || st.Already != 5 {
		t.Errorf("second Collect: fetched %d, already %d, %v; want 0, 5", st.Messages, st.Already, err)
	}
}

func TestCollectFailsWithoutASource(t *testing.T) {
	ms := startMem(t, memOpts{})
	o := ms.options()
	o.Password = "wrong"
	o.Retries = 1
	src, _, err := (&Account{Options: o}).Collect(context.Background(), t.TempDir(), source.Options{})
	if err == nil || src != nil {
		t.Fatalf("Collect with a wrong password = %v, %v; want an error and no source", src, err)
	}
	if errors.Is(err, context.Canceled) {
		t.Errorf("unexpected error %v", err)
	}
}
