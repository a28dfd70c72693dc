package realmail

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/store"
)

// Floors of issue 15 on real mail.
const (
	minPrecision = 0.95
	// minJudged is how many judged findings a type needs before its
	// precision is held to the floor: below it, one finding is 10%.
	minJudged = 10
	// maxUnjudged is the share of the sample's findings that may lack a
	// label: detectors change, and what they newly find must be judged.
	maxUnjudged = 0.05
)

// TestRealMail scans the labelled messages of the corpora and holds the
// detectors to the precision floor per type. Run it with -v for the table.
func TestRealMail(t *testing.T) {
	root, err := RepoRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	corpora, err := CorporaDir(root)
	if err != nil {
		t.Skipf("real-mail accuracy needs the corpora beside the repository: %v", err)
	}
	dir := LabelsDir(root)
	msgs, err := ReadMessages(dir)
	if err != nil {
		t.Fatal(err)
	}
	labels, err := ReadLabels(dir)
	if err != nil {
		t.Fatal(err)
	}
	refs := make([]Ref, len(msgs))
	for i, m := range msgs {
		refs[i] = m.Ref
	}
	res, err := Scan(context.Background(), corpora, t.TempDir(), refs)
	if errors.Is(err, ErrNoTools) {
		t.Skipf("real-mail accuracy: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	ev := Evaluate(msgs, labels, res.Findings)
	t.Logf("%d messages, %d labels; precision per type on real mail:\n%s", len(msgs), len(labels), ev.Table())
	for _, r := range ev.Missing {
		t.Errorf("sampled message %s #%d (%s) was not read", r.Path, r.Index, r.SHA256[:12])
	}
	for _, r := range ev.Rows {
		if r.Judged() >= minJudged && r.Precision() < minPrecision {
			t.Errorf("%s: precision %.3f (%d tp, %d fp) on real mail, want >= %.2f", r.Type, r.Precision(), r.TP, r.FP, minPrecision)
		}
	}
	if tot := ev.Total(); tot.Findings > 0 && float64(tot.Unjudged) > maxUnjudged*float64(tot.Findings) {
		t.Errorf("%d of %d findings on real mail have no label (more than %.0f%%): the detectors changed; judge them with\n"+
			"  go run ./internal/realmail/cmd/judge            # lists them with their context, writes a to-do file\n"+
			"  go run ./internal/realmail/cmd/judge -apply FILE # after filling in tp/fp and reasons\n"+
			"(see testdata/accuracy/real/README.md)", tot.Unjudged, tot.Findings, 100*maxUnjudged)
	}
}

// TestLabelsCarryNoValues guards the rule that labels hold hashes only:
// no field may be named value, written or context.
func TestLabelsCarryNoValues(t *testing.T) {
	root, err := RepoRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	err = readJSONL(LabelsDir(root)+"/"+LabelsFile, func(b []byte) error {
		for _, k := range []string{`"value":`, `"written":`, `"context":`, `"raw":`} {
			if strings.Contains(string(b), k) {
				return fmt.Errorf("label holds %s", k)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func finding(sha, part, loc, typ, value string, start, end int) Finding {
	return Finding{Finding: store.Finding{
		ID: fmt.Sprintf("%s-%s-%d", sha, typ, start), MessageSHA256: sha, Part: part, Location: loc,
		Type: typ, Value: value, Start: start, End: end,
	}}
}

func label(f Finding, verdict, reason string) Label {
	l := LabelOf(&f)
	l.Verdict, l.Reason = verdict, reason
	return l
}

func TestEvaluate(t *testing.T) {
	a1 := finding("a", "1", "body", "email", "x@example.com", 10, 23)
	a2 := finding("a", "1", "body", "email", "x@example.com", 90, 103) // same value, later: a Message-ID
	a3 := finding("a", "1", "body", "phone", "+81312345678", 40, 52)
	a4 := finding("a", "header", "header:From", "person_name", "TaroYamada", 0, 11) // new: no label
	b1 := finding("b", "2", "attachment:x.txt", "bank_account", "GB82WEST12345698765432", 5, 27)
	b2 := finding("b", "2", "attachment:x.txt", "bank_account", "GB33BUKB20201555555555", 50, 72) // not drawn
	// c is not in the sample.
	c1 := finding("c", "1", "body", "age", "40", 3, 5)
	msgs := []Message{
		{Ref: Ref{Path: "p/a", Index: 1, SHA256: "a"}, Mode: Full, Findings: 4},
		{Ref: Ref{Path: "p/b", Index: 1, SHA256: "b"}, Mode: Partial, Findings: 300, Drawn: []string{b1.ID}},
		{Ref: Ref{Path: "p/d", Index: 1, SHA256: "d"}, Mode: Full, Findings: 2}, // not read any more
	}
	gone := finding("a", "1", "body", "phone", "+81398765432", 60, 72)
	missFound := Label{SHA256: "a", Part: "1", Location: "body", Type: "phone", Hash: ValueHash("+81 3 1234 5678"), Verdict: Missed, Reason: "phone in a signature"}
	missCut := Label{SHA256: "a", Part: "1", Location: "body", Type: "email", Hash: ValueHash("tar.o'x@example.com"), Start: 0, End: 23, Verdict: Missed, Reason: "address with an apostrophe"}
	labels := []Label{
		label(a1, TP, ""), label(a2, FP, "Message-ID, not a mailbox"), label(a3, TP, ""),
		label(b1, TP, ""), label(gone, FP, "part number"), missFound, missCut,
	}
	ev := Evaluate(msgs, labels, []Finding{a1, a2, a3, a4, b1, b2, c1})
	var rows []string
	for _, r := range ev.Rows {
		rows = append(rows, fmt.Sprintf("%s n=%d tp=%d fp=%d unj=%d tpgone=%d fpgone=%d missed=%d/%d", r.Type, r.Findings, r.TP, r.FP, r.Unjudged, r.TPGone, r.FPGone, r.MissedFound, r.MissedTotal))
	}
	want := []string{
		"bank_account n=1 tp=1 fp=0 unj=0 tpgone=0 fpgone=0 missed=0/0",
		"email n=2 tp=1 fp=1 unj=0 tpgone=0 fpgone=0 missed=0/1",
		"person_name n=1 tp=0 fp=0 unj=1 tpgone=0 fpgone=0 missed=0/0",
		"phone n=1 tp=1 fp=0 unj=0 tpgone=0 fpgone=1 missed=1/1",
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if ev.Outside != 1 {
		t.Errorf("outside = %d, want 1 (the undrawn finding of the partial message)", ev.Outside)
	}
	if len(ev.Unjudged) != 1 || ev.Unjudged[0].ID != a4.ID {
		t.Errorf("unjudged = %v, want the new person_name", ev.Unjudged)
	}
	if len(ev.Missing) != 1 || ev.Missing[0].SHA256 != "d" {
		t.Errorf("missing = %v, want message d", ev.Missing)
	}
	if got := ev.Rows[1].FPReasons["Message-ID, not a mailbox"]; got != 1 {
		t.Errorf("email fp reasons = %v", ev.Rows[1].FPReasons)
	}
	if tab := ev.Table(); !strings.Contains(tab, "0.500") || !strings.Contains(tab, "Message-ID, not a mailbox") {
		t.Errorf("table lacks the email precision or the reason:\n%s", tab)
	}
}

// A label follows its finding when offsets move (a decoder change shifts
// the text): of two labels of one value, the nearest wins.
func TestEvaluateNearest(t *testing.T) {
	a1 := finding("a", "1", "body", "email", "x@example.com", 10, 23)
	a2 := finding("a", "1", "body", "email", "x@example.com", 90, 103)
	labels := []Label{label(a1, TP, ""), label(a2, FP, "Message-ID, not a mailbox")}
	a1.Start, a1.End, a2.Start, a2.End = 14, 27, 95, 108
	ev := Evaluate([]Message{{Ref: Ref{SHA256: "a"}, Mode: Full}}, labels, []Finding{a1, a2})
	if r := ev.Rows[0]; r.TP != 1 || r.FP != 1 {
		t.Errorf("tp=%d fp=%d, want 1 and 1", r.TP, r.FP)
	}
}

func TestValueHash(t *testing.T) {
	for _, c := range [][2]string{
		{"Taro@Example.COM", "taro@example.com"},
		{"山田 太郎", "山田太郎"},
		{"ＴＫ１２３４５６７", "TK1234567"},
	} {
		if ValueHash(c[0]) != ValueHash(c[1]) {
			t.Errorf("ValueHash(%q) != ValueHash(%q)", c[0], c[1])
		}
	}
	if h := ValueHash("x"); len(h) != 16 {
		t.Errorf("hash %q: want 16 hex digits", h)
	}
	if ValueHash("a@b.c") == ValueHash("a@b.d") {
		t.Error("different values hash alike")
	}
}

func TestCheckLabel(t *testing.T) {
	ok := Label{SHA256: "a", Type: "email", Hash: ValueHash("x"), Verdict: TP}
	if err := CheckLabel(ok); err != nil {
		t.Errorf("valid label: %v", err)
	}
	for name, l := range map[string]Label{
		"no reason for fp":   {SHA256: "a", Type: "email", Hash: ValueHash("x"), Verdict: FP},
		"unknown verdict":    {SHA256: "a", Type: "email", Hash: ValueHash("x"), Verdict: "maybe"},
		"short hash":         {SHA256: "a", Type: "email", Hash: "abc", Verdict: TP},
		"no message":         {Type: "email", Hash: ValueHash("x"), Verdict: TP},
		"no reason for miss": {SHA256: "a", Type: "phone", Hash: ValueHash("x"), Verdict: Missed},
	} {
		if CheckLabel(l) == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestSample(t *testing.T) {
	res := &Result{PerMessage: map[string]int{}}
	add := func(sha, typ string, n int) {
		for i := range n {
			f := finding(sha, "1", "body", typ, fmt.Sprint(i), i, i+1)
			f.Ref = Ref{Path: "p/" + sha, Index: 1, SHA256: sha}
			res.Findings = append(res.Findings, f)
			res.PerMessage[sha]++
		}
	}
	for i := range 30 {
		add(fmt.Sprintf("m%02d", i), "email", 2)
	}
	add("big", "bank_account", 50)
	o := SampleOptions{Seed: 1, PerType: 5, MaxFull: 10}
	a, b := Sample(res, o), Sample(res, o)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Fatalf("two draws with one seed differ:\n%s", diff)
	}
	var full, partial, drawn int
	for _, m := range a {
		if m.Mode == Full {
			full++
		} else {
			partial++
			drawn += len(m.Drawn)
		}
	}
	if partial != 1 || drawn != 5 {
		t.Errorf("partial messages %d with %d drawn, want 1 with 5", partial, drawn)
	}
	if full < 3 || full > 5 {
		t.Errorf("%d full messages for 5 email draws", full)
	}
	if c := Sample(res, SampleOptions{Seed: 2, PerType: 5, MaxFull: 10}); cmp.Equal(a, c) {
		t.Error("another seed drew the same sample")
	}
}
