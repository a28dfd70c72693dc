package index

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/mailsift/mailsift/store"
)

// caseWith creates a case in a temporary directory holding findings,
// committed message by message with their manifest lines.
func caseWith(t *testing.T, findings []store.Finding) (string, *store.Case) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "case")
	c, _, err := store.Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	commitFindings(t, c, findings)
	return dir, c
}

// commitFindings commits findings grouped by message, as a scan does.
func commitFindings(t *testing.T, c *store.Case, findings []store.Finding) {
	t.Helper()
	var b store.Batch
	for i, f := range findings {
		b.Findings = append(b.Findings, f)
		if i+1 == len(findings) || findings[i+1].MessageSHA256 != f.MessageSHA256 {
			b.Entries = append(b.Entries, store.Entry{Kind: store.KindMessage, MessageSHA256: f.MessageSHA256,
				Path: "/m/" + f.MessageSHA256, Findings: len(b.Findings)})
			if err := c.Commit(&b); err != nil {
				t.Fatal(err)
			}
			b = store.Batch{}
		}
	}
}

func openFollowerT(t *testing.T, dir string, c Committed) *Follower {
	t.Helper()
	f, err := OpenFollower(dir, c, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestFollowerCatchesUpToCommitted(t *testing.T) {
	all := genFindings(150, 7)
	dir, c := caseWith(t, all[:100])
	f := openFollowerT(t, dir, c)
	if n, err := f.CatchUp(context.Background()); err != nil || n != 100 {
		t.Fatalf("CatchUp = %d, %v; want 100", n, err)
	}
	if n, err := f.CatchUp(context.Background()); err != nil || n != 0 {
		t.Fatalf("second CatchUp = %d, %v; want 0", n, err)
	}
	commitFindings(t, c, all[100:])
	if n, err := f.CatchUp(context.Background()); err != nil || n != 50 {
		t.Fatalf("CatchUp after a commit = %d, %v; want 50", n, err)
	}
	if got := count(t, f.Index()); got != 150 {
		t.Errorf("index holds %d findings, want 150", got)
	}
	if m, _ := f.Index().Mark(); m != strconv.FormatInt(c.Committed(), 10) {
		t.Errorf("mark %q, want the committed offset %d", m, c.Committed())
	}
}

// lagging reports less committed than the file holds: the state of a case
// after the index went ahead of it (which must never be trusted).
type lagging struct {
	*store.Case
	at int64
	n  int
}

func (l lagging) Committed() int64  { return l.at }
func (l lagging) FindingCount() int { return l.n }

func TestFollowerRebuildsAnIndexAheadOfTheFindings(t *testing.T) {
	all := genFindings(60, 8)
	dir, c := caseWith(t, all[:30])
	at := c.Committed()
	commitFindings(t, c, all[30:])
	f := openFollowerT(t, dir, c)
	if _, err := f.CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.c = lagging{c, at, 30}
	if _, err := f.CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := count(t, f.Index()); got != 30 {
		t.Errorf("after the rebuild the index holds %d findings, want the 30 committed", got)
	}
}

func TestFollowerVerifyRebuildsOnMissingFindings(t *testing.T) {
	all := genFindings(80, 9)
	dir, c := caseWith(t, all)
	f := openFollowerT(t, dir, c)
	if _, err := f.CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := f.Index().Delete([]string{all[3].ID, all[40].ID}); err != nil {
		t.Fatal(err)
	}
	if err := f.Verify(); err != nil {
		t.Fatal(err)
	}
	if got := count(t, f.Index()); got != 80 {
		t.Errorf("after Verify the index holds %d findings, want 80", got)
	}
}

func TestFollowerFollowsUntilDone(t *testing.T) {
	all := genFindings(200, 10)
	dir, c := caseWith(t, all[:50])
	f := openFollowerT(t, dir, c)
	done := make(chan struct{})
	errc := f.Follow(context.Background(), done)
	commitFindings(t, c, all[50:])
	close(done)
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	if got := count(t, f.Index()); got != 200 {
		t.Errorf("index holds %d findings after Follow, want 200", got)
	}
}

func TestFollowerRebuildsADamagedIndex(t *testing.T) {
	all := genFindings(40, 11)
	dir, c := caseWith(t, all)
	f, err := OpenFollower(dir, c, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.Close()
	overwrite(t, filepath.Join(dir, store.IndexDir, metaFile), 0)
	f = openFollowerT(t, dir, c)
	if got := count(t, f.Index()); got != 40 {
		t.Errorf("rebuilt index holds %d findings, want 40", got)
	}
}

func TestFollowerSaysTheCaseIsBusy(t *testing.T) {
	dir, c := caseWith(t, genFindings(10, 12))
	openFollowerT(t, dir, c)
	if _, err := OpenFollower(dir, c, nil); !errors.Is(err, ErrCaseBusy) {
		t.Errorf("second OpenFollower = %v, want ErrCaseBusy", err)
	}
}
