package scanner

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/archive"
	"github.com/mailsift/mailsift/scanner/extract/office"
	"github.com/mailsift/mailsift/scanner/source"
	"github.com/mailsift/mailsift/store"
)

// ppapMailbox writes a directory of two messages from one sender: an
// encrypted ZIP (顧客リスト.csv: 山田太郎,090-1234-5678) and, three minutes
// later, its password.
func ppapMailbox(t *testing.T) string {
	t.Helper()
	zip, err := os.ReadFile(filepath.Join("extract", "archive", "testdata", "ppap-zipcrypto.zip"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	locked := "From: sender@example.jp\r\nSubject: 資料\r\nDate: Thu, 2 May 2024 10:00:00 +0900\r\nMessage-ID: <a@example.jp>\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
		"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n資料をお送りします。\r\n" +
		"--b\r\nContent-Type: application/zip\r\nContent-Disposition: attachment; filename=list.zip\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
		base64.StdEncoding.EncodeToString(zip) + "\r\n--b--\r\n"
	password := "From: sender@example.jp\r\nSubject: 資料\r\nDate: Thu, 2 May 2024 10:03:00 +0900\r\nMessage-ID: <b@example.jp>\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n\r\nパスワード：Himitsu2024!\r\n"
	for name, raw := range map[string]string{"1-locked.eml": locked, "2-password.eml": password} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(raw), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// zipDetector finds the phone number; on texts from inside the ZIP it
// panics or, when hang is set, waits for its context.
type zipDetector struct{ panics, hang bool }

func (d zipDetector) Detect(ctx context.Context, in Input) ([]Hit, error) {
	if strings.Contains(in.Field, "list.zip/") {
		switch {
		case d.panics:
			panic("detector bug")
		case d.hang:
			<-ctx.Done()
			return nil, ctx.Err()
		}
	}
	return wordDetector{"090-1234-5678"}.Detect(ctx, in)
}

func scanPPAP(t *testing.T, c *store.Case, dir string, det Detector, opts Options) Summary {
	t.Helper()
	src, err := source.Open(dir, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opts.Extractors = []extract.Extractor{office.CSV(), archive.Zip()}
	sum, err := Scan(context.Background(), c, det, []source.Source{src}, opts)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func unlockLines(t *testing.T, c *store.Case) []store.Entry {
	t.Helper()
	var out []store.Entry
	err := store.EachEntry(c.Dir, nil, func(e *store.Entry) error {
		if e.Kind == store.KindUnlock {
			out = append(out, *e)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestScanOpensPPAPArchives(t *testing.T) {
	c, _, err := store.Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sum := scanPPAP(t, c, ppapMailbox(t), zipDetector{}, Options{})
	if want := (PPAPSummary{Unlocked: 1, Findings: 1}); sum.PPAP != want {
		t.Errorf("PPAP pass %+v, want %+v", sum.PPAP, want)
	}
	// The scan counted the locked part as an error; the pass adds none.
	if sum.Unlocked != 1 || sum.Locked != 0 || sum.Findings != 1 || sum.Errors != 1 {
		t.Errorf("summary %+v: want the pass's counts in it", sum)
	}
	var fs []store.Finding
	store.EachFinding(c.Dir, func(f *store.Finding) error { fs = append(fs, *f); return nil })
	if len(fs) != 1 || fs[0].PasswordFrom == "" || !strings.HasPrefix(fs[0].Location, "attachment:list.zip/") {
		t.Errorf("findings %+v: want the phone number in the ZIP, with password_from", fs)
	}
}

// The PPAP pass reads messages like the scan does: a panic is an error of
// the pass, not of the scan, and commits nothing, so the next run tries
// again.
func TestPPAPPassRecoversFromPanics(t *testing.T) {
	c, _, err := store.Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	dir := ppapMailbox(t)
	var warned []string
	warn := func(msg string, _ ...any) {
		if strings.HasPrefix(msg, "unlock:") {
			warned = append(warned, msg)
		}
	}
	sum := scanPPAP(t, c, dir, zipDetector{panics: true}, Options{Warn: warn})
	if want := (PPAPSummary{Locked: 1, Errors: 1}); sum.PPAP != want {
		t.Errorf("PPAP pass %+v, want %+v", sum.PPAP, want)
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "internal error") {
		t.Errorf("warnings %q", warned)
	}
	if got := unlockLines(t, c); len(got) != 0 {
		t.Errorf("unlock lines after a panic: %+v", got)
	}
	if sum := scanPPAP(t, c, dir, zipDetector{}, Options{}); sum.PPAP.Unlocked != 1 {
		t.Errorf("re-run: PPAP pass %+v, want the archive opened", sum.PPAP)
	}
}

// A message of the PPAP pass has the scan's time limit: what was found in
// time is committed, and the line says detection is incomplete.
func TestPPAPPassHasTheMessageTimeLimit(t *testing.T) {
	c, _, err := store.Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	start := time.Now()
	sum := scanPPAP(t, c, ppapMailbox(t), zipDetector{hang: true}, Options{MessageTimeout: time.Second})
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("scan took %v", d)
	}
	// Errors of the part whose detection was cut, and of the message.
	if want := (PPAPSummary{Unlocked: 1, Errors: 2}); sum.PPAP != want {
		t.Errorf("PPAP pass %+v, want %+v", sum.PPAP, want)
	}
	lines := unlockLines(t, c)
	if len(lines) != 1 || lines[0].ErrorParts != 2 || !slices.Contains(lines[0].Errors, timedOut) {
		t.Errorf("unlock lines %+v: want one, with the timeout as its error", lines)
	}
}

// The PPAP pass masks like the scan: a value of the opened file in the
// container's name is masked in the locations of its findings, whose ids
// come from the raw location, and the scan's problem naming the locked
// container is masked by what the detector finds in the name.
func TestPPAPPassMasksKnownValues(t *testing.T) {
	dir := ppapMailbox(t)
	p := filepath.Join(dir, "1-locked.eml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), "filename=list.zip", `filename="山田太郎.zip"`, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	c, _, err := store.Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	det := listDetector{{"山田太郎", "person_name", "****", ""}, {"090-1234-5678", "phone", "+81*******78", ""}}
	var warned []string
	warn := func(msg string, attrs ...any) { warned = append(warned, fmt.Sprint(append([]any{msg}, attrs...)...)) }
	sum := scanPPAP(t, c, dir, det, Options{Warn: warn})
	if sum.PPAP.Unlocked != 1 || sum.PPAP.Findings != 2 {
		t.Fatalf("PPAP pass %+v, want the archive opened and both cells found", sum.PPAP)
	}
	var fs []store.Finding
	store.EachFinding(c.Dir, func(f *store.Finding) error { fs = append(fs, *f); return nil })
	for _, f := range fs {
		if f.PasswordFrom == "" {
			continue
		}
		rawLoc := strings.Replace(f.Location, "****", "山田太郎", 1)
		if !strings.HasPrefix(f.Location, "attachment:****.zip/") || strings.Contains(f.Location+f.Context, "山田太郎") {
			t.Errorf("finding %s at %q, context %q: want the name masked", f.Type, f.Location, f.Context)
		}
		if want := findingID(f.MessageSHA256, f.Part, rawLoc, Hit{Type: f.Type, Detector: f.Detector, Start: f.Start, End: f.End}); f.ID != want {
			t.Errorf("finding %s at %q: id %s, want %s from %q", f.Type, f.Location, f.ID, want, rawLoc)
		}
	}
	var problems []string
	store.EachEntry(c.Dir, nil, func(e *store.Entry) error { problems = append(problems, e.Errors...); return nil })
	if len(problems) == 0 || len(warned) == 0 {
		t.Fatalf("problems %q, warnings %q: want the locked archive's", problems, warned)
	}
	for _, s := range append(problems, warned...) {
		if strings.Contains(s, "山田太郎") || !strings.Contains(s, "****.zip") {
			t.Errorf("problem %q: want the archive's name masked", s)
		}
	}
}
