package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/store"
)

// TestScopeCountsBothWays scans the bundled sample with a generated
// Microsoft 365 audit export (Purview CSV: Bind records naming every
// other INBOX message, a Sync of Sent Items, Message-IDs the case lacks,
// other operations, a broken row) and checks the scan summary and both
// views of the report against counts made here from the manifest, the
// findings (each names its message and person) and the people list.
func TestScopeCountsBothWays(t *testing.T) {
	dir := t.TempDir()
	caseDir := filepath.Join(dir, "case")
	src := filepath.Join(sampleDir, "maildir")
	scanJSON(t, "--case", caseDir, src)
	whole := reportJSON(t, caseDir)

	// The manifest: which messages are where.
	type msg struct{ sha, id, folder string }
	var msgs []msg
	if _, err := store.CommittedEach(caseDir, func(e *store.Entry) error {
		if e.Kind == store.KindMessage {
			msgs = append(msgs, msg{e.MessageSHA256, e.MessageID, e.Source})
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	sort.Slice(msgs, func(i, j int) bool { return msgs[i].sha < msgs[j].sha })
	accessed := map[string]bool{}
	var binds []string
	inbox, sent := 0, 0
	for _, m := range msgs {
		switch {
		case m.folder == "INBOX" && m.id != "":
			inbox++
			if inbox%2 == 0 {
				binds = append(binds, m.id)
				accessed[m.sha] = true
			}
		case m.folder == "Sent":
			sent++
			accessed[m.sha] = true
		}
	}
	if len(binds) < 3 || sent == 0 {
		t.Fatalf("sample has %d INBOX messages with a Message-ID and %d in Sent: too few for the test", inbox, sent)
	}

	audit := filepath.Join(dir, "AuditLog.csv")
	writeAudit(t, audit, binds, sent)
	s := mailsift(t, "scan", "--json", "--quiet", "--case", caseDir, "--scope", audit, src)
	if s.code != 0 {
		t.Fatalf("scan --scope: exit %d\n%s", s.code, s.stderr)
	}
	var sum struct {
		Messages, Duplicates int
		Accessed             int `json:"accessed"`
		Synced               int `json:"accessed_synced"`
		Missing              int `json:"accessed_missing"`
		Records              int `json:"scope_records"`
		Ignored              int `json:"scope_ignored"`
		Problems             int `json:"scope_problems"`
	}
	if err := json.Unmarshal([]byte(s.stdout), &sum); err != nil {
		t.Fatalf("summary %q: %v", s.stdout, err)
	}
	want := fmt.Sprintf("accessed %d synced %d missing 2 records 6 ignored 2 problems 1", len(accessed), sent)
	if got := fmt.Sprintf("accessed %d synced %d missing %d records %d ignored %d problems %d", sum.Accessed, sum.Synced, sum.Missing, sum.Records, sum.Ignored, sum.Problems); got != want {
		t.Errorf("scan --scope summary: %s, want %s", got, want)
	}
	if fi, err := os.Stat(filepath.Join(caseDir, store.AccessedFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("%s: %v %v", store.AccessedFile, fi, err)
	}

	// The truth: a person is in the accessed view when a finding about
	// them is in an accessed message; the category is the people list's.
	category := map[string]string{}
	r := mailsift(t, "people", "--case", caseDir, "--format", "jsonl")
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var p struct{ ID, Category string }
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		category[p.ID] = p.Category
	}
	inView := map[string]bool{}
	perCat := map[string]int{}
	for _, f := range readFindings(t, caseDir) {
		if f.Person != "" && accessed[f.MessageSHA256] && !inView[f.Person] {
			inView[f.Person] = true
			perCat[category[f.Person]]++
		}
	}
	if len(inView) == 0 || len(inView) >= whole.PeopleTotal {
		t.Fatalf("the generated scope covers %d of %d people: pick messages that separate the views", len(inView), whole.PeopleTotal)
	}

	acc := reportJSON(t, caseDir, "--scope", "accessed")
	all := reportJSON(t, caseDir, "--scope", "all")
	if acc.PeopleTotal != len(inView) {
		t.Errorf("report --scope accessed: %d people, want %d", acc.PeopleTotal, len(inView))
	}
	for _, c := range acc.Categories {
		if c.People != perCat[c.ID] {
			t.Errorf("report --scope accessed: category %s has %d people, want %d", c.ID, c.People, perCat[c.ID])
		}
	}
	if all.PeopleTotal != whole.PeopleTotal {
		t.Errorf("report --scope all: %d people, without a scope %d", all.PeopleTotal, whole.PeopleTotal)
	}
	// Both reports state both views, the headline's first.
	for _, tc := range []struct {
		name  string
		rep   reportDoc
		first string
	}{{"accessed", acc, "accessed"}, {"all", all, "all"}} {
		v := tc.rep.Views
		if len(v) != 2 || v[0].View != tc.first || v[0].PeopleTotal != tc.rep.PeopleTotal {
			t.Errorf("report --scope %s: views %+v", tc.name, v)
			continue
		}
		byView := map[string]int{v[0].View: v[0].PeopleTotal, v[1].View: v[1].PeopleTotal}
		if byView["accessed"] != len(inView) || byView["all"] != whole.PeopleTotal {
			t.Errorf("report --scope %s: views %v, want accessed %d and all %d", tc.name, byView, len(inView), whole.PeopleTotal)
		}
		if tc.rep.Access == nil || tc.rep.Access.Accessed != len(accessed) || tc.rep.Access.Missing != 2 {
			t.Errorf("report --scope %s: access %+v", tc.name, tc.rep.Access)
		}
	}
	if whole.Views != nil {
		t.Errorf("a report without scope states views: %+v", whole.Views)
	}
	md := mailsift(t, "report", "--case", caseDir, "--scope", "accessed")
	if !strings.Contains(md.stdout, "攻撃者がアクセスしたメール") || !strings.Contains(md.stdout, "漏えい人数（全メール）") {
		t.Errorf("markdown report --scope accessed does not say its view and the other:\n%s", md.stdout)
	}

	// The people list: every row says whether the attacker saw the
	// person's data; --scope accessed lists those only.
	rows := 0
	sc = bufio.NewScanner(strings.NewReader(mailsift(t, "people", "--case", caseDir, "--format", "jsonl").stdout))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var p struct{ ID, Access string }
		json.Unmarshal(sc.Bytes(), &p)
		if want := map[bool]string{true: "accessed", false: "not-accessed"}[inView[p.ID]]; p.Access != want {
			t.Errorf("people: %s access %q, want %q", p.ID, p.Access, want)
		}
		rows++
	}
	if rows != whole.PeopleTotal {
		t.Errorf("people: %d rows, want %d", rows, whole.PeopleTotal)
	}
	if r := mailsift(t, "people", "--case", caseDir, "--scope", "accessed", "--format", "jsonl"); strings.Count(r.stdout, "\n") != len(inView) {
		t.Errorf("people --scope accessed: %d rows, want %d", strings.Count(r.stdout, "\n"), len(inView))
	}

	// A case without a scope: --scope accessed is bad usage.
	other := filepath.Join(dir, "other")
	scanJSON(t, "--case", other, "--no-index", src)
	if r := mailsift(t, "report", "--case", other, "--scope", "accessed"); r.code != 2 || !strings.Contains(r.stderr, "scan --scope") {
		t.Errorf("report --scope accessed without scope: exit %d, %q", r.code, r.stderr)
	}
	// An export with no usable record stops the scan before it writes.
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("RecordId,Operation\n1,Send\n"), 0o600)
	if r := mailsift(t, "scan", "--case", filepath.Join(dir, "new"), "--scope", bad, src); r.code != 2 || !strings.Contains(r.stderr, "--scope") {
		t.Errorf("scan --scope with a file without AuditData: exit %d, %q", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "new")); err == nil {
		t.Error("scan --scope with an unusable file created the case")
	}
}

type reportDoc struct {
	PeopleTotal int `json:"people_total"`
	Categories  []struct {
		ID     string `json:"id"`
		People int    `json:"people"`
	} `json:"categories"`
	Views []struct {
		View        string `json:"view"`
		PeopleTotal int    `json:"people_total"`
	} `json:"views"`
	Access *struct {
		Accessed int `json:"accessed"`
		Missing  int `json:"accessed_missing"`
	} `json:"access"`
}

func reportJSON(t *testing.T, caseDir string, args ...string) reportDoc {
	t.Helper()
	r := mailsift(t, append([]string{"report", "--case", caseDir, "--format", "json"}, args...)...)
	if r.code != 0 {
		t.Fatalf("report %v: exit %d\n%s", args, r.code, r.stderr)
	}
	var d reportDoc
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// writeAudit writes a Purview-style CSV: one Bind record per two
// Message-IDs (and two the case lacks), a Sync of Sent Items, two other
// operations and a row whose AuditData is broken.
func writeAudit(t *testing.T, path string, binds []string, sent int) {
	t.Helper()
	rec := func(id, typ string, folders []map[string]any) string {
		b, _ := json.Marshal(map[string]any{
			"CreationTime": "2024-04-28T10:11:12", "Id": id, "Operation": "MailItemsAccessed", "RecordType": 50,
			"UserId": "owner@example.co.jp", "ClientIPAddress": "198.51.100.23", "SessionId": "sess-1",
			"OperationProperties": []map[string]string{{"Name": "MailAccessType", "Value": typ}},
			"Folders":             folders,
		})
		return string(b)
	}
	items := func(ids ...string) []map[string]any {
		var out []map[string]any
		for _, id := range ids {
			out = append(out, map[string]any{"InternetMessageId": strings.Trim(id, "<>")})
		}
		return out
	}
	half := len(binds) / 2
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.WriteString("\xef\xbb\xbf")
	w := csv.NewWriter(f)
	w.Write([]string{"RecordId", "CreationDate", "RecordType", "Operation", "UserId", "AuditData", "AssociatedAdminUnits"})
	w.Write([]string{"1", "2024-04-28", "ExchangeItemAggregated", "MailItemsAccessed", "owner", rec("r1", "Bind", []map[string]any{{"Path": `\Inbox`, "FolderItems": items(binds[:half]...)}}), ""})
	w.Write([]string{"2", "2024-04-29", "ExchangeItemAggregated", "MailItemsAccessed", "owner", rec("r2", "Bind", []map[string]any{{"Path": `\Inbox`, "FolderItems": items(append(binds[half:], "<deleted-1@example.jp>", "<deleted-2@example.jp>")...)}}), ""})
	w.Write([]string{"3", "2024-04-30", "ExchangeItemAggregated", "MailItemsAccessed", "owner", rec("r3", "Sync", []map[string]any{{"Path": `\Sent Items`}}), ""})
	w.Write([]string{"4", "2024-04-30", "ExchangeItem", "Send", "owner", `{"Id":"r4","Operation":"Send"}`, ""})
	w.Write([]string{"5", "2024-04-30", "ExchangeItem", "MoveToDeletedItems", "owner", `{"Id":"r5","Operation":"MoveToDeletedItems"}`, ""})
	w.Write([]string{"6", "2024-04-30", "ExchangeItemAggregated", "MailItemsAccessed", "owner", `{"Id":"r6","Operation":`, ""})
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	_ = sent
}
