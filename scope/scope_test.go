package scope

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// auditData is a MailItemsAccessed record as Microsoft 365 writes it.
func auditData(id, typ, folder string, msgIDs ...string) string {
	items := []map[string]any{}
	for _, m := range msgIDs {
		items = append(items, map[string]any{"InternetMessageId": m, "SizeInBytes": 1234})
	}
	f := map[string]any{"Id": "LgAAAAB", "Path": folder}
	if len(items) > 0 {
		f["FolderItems"] = items
	}
	b, _ := json.Marshal(map[string]any{
		"CreationTime": "2024-04-28T10:11:12", "Id": id, "Operation": "MailItemsAccessed",
		"RecordType": 50, "UserId": "owner@example.co.jp", "ClientIPAddress": "203.0.113.7",
		"SessionId": "s-1", "OperationProperties": []map[string]string{{"Name": "MailAccessType", "Value": typ}, {"Name": "IsThrottled", "Value": "False"}},
		"Folders": []any{f}, "OperationCount": len(msgIDs),
	})
	return string(b)
}

func TestParseFormats(t *testing.T) {
	bind := auditData("r1", "Bind", `\Inbox`, "<a1@example.jp>", "a2@example.jp")
	sync := auditData("r2", "Sync", `\送信済みアイテム`)
	other := `{"Id":"r3","Operation":"Send","CreationTime":"2024-04-28T10:00:00"}`

	var sb strings.Builder
	sb.WriteString("\xef\xbb\xbf")
	w := csv.NewWriter(&sb)
	w.Write([]string{"RecordId", "CreationDate", "RecordType", "Operation", "UserId", "AuditData", "AssociatedAdminUnits", "Unknown column"})
	w.Write([]string{"r1", "2024-04-28", "ExchangeItemAggregated", "MailItemsAccessed", "owner", bind, "", "x"})
	w.Write([]string{"r2", "2024-04-28", "ExchangeItemAggregated", "MailItemsAccessed", "owner", sync, "", "y"})
	w.Write([]string{"r3", "2024-04-28", "ExchangeItem", "Send", "owner", other, "", ""})
	w.Write([]string{"r4", "2024-04-28", "ExchangeItem", "MailItemsAccessed", "owner", "{not json", "", ""})
	w.Flush()

	rows, _ := json.Marshal([]map[string]string{{"Operations": "MailItemsAccessed", "AuditData": bind}, {"Operations": "MailItemsAccessed", "AuditData": sync}, {"Operations": "Send", "AuditData": other}})
	for _, tc := range []struct {
		name, in, format string
		problems         int
	}{
		{"purview csv", sb.String(), "csv", 1},
		{"json array of records", "[" + bind + "," + sync + "," + other + "]", "json", 0},
		{"json rows with AuditData strings", string(rows), "json", 0},
		{"json lines", bind + "\n" + sync + "\n" + other + "\n", "jsonl", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Parse(strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if e.Format != tc.format || len(e.Problems) != tc.problems {
				t.Errorf("format %s problems %v, want %s and %d", e.Format, e.Problems, tc.format, tc.problems)
			}
			if e.Ignored["Send"] != 1 {
				t.Errorf("ignored %v: want Send counted once", e.Ignored)
			}
			var got []string
			for _, a := range e.Accesses {
				got = append(got, a.Type+" "+a.Folder+" "+a.MessageID+" "+a.Record+" "+a.ClientIP)
			}
			want := []string{
				`Bind \Inbox <a1@example.jp> r1 203.0.113.7`,
				`Bind \Inbox <a2@example.jp> r1 203.0.113.7`,
				`Sync \送信済みアイテム  r2 203.0.113.7`,
			}
			if !slices.Equal(got, want) {
				t.Errorf("accesses\n got %q\nwant %q", got, want)
			}
		})
	}
}

func TestParseList(t *testing.T) {
	e, err := Parse(strings.NewReader("# messages the attacker opened\n<a1@example.jp>\n a2@example.jp \n\nINBOX/取引先\n"))
	if err != nil {
		t.Fatal(err)
	}
	if e.Format != "list" || e.Records != 3 || len(e.Accesses) != 3 {
		t.Fatalf("%+v", e)
	}
	if e.Accesses[1].MessageID != "<a2@example.jp>" || e.Accesses[2].Folder != "INBOX/取引先" || e.Accesses[2].MessageID != "" {
		t.Errorf("%+v", e.Accesses)
	}
}

func TestParseRejects(t *testing.T) {
	for _, in := range []string{"", "   \n", "RecordId,AuditData\n", "[]"} {
		if _, err := Parse(strings.NewReader(in)); !errors.Is(err, ErrNoRecords) {
			t.Errorf("%q: err %v, want ErrNoRecords", in, err)
		}
	}
	for _, in := range []string{"RecordId,Operation\n1,Send\n", "RecordId\tOperations\n"} {
		if _, err := Parse(strings.NewReader(in)); !errors.Is(err, ErrNoAuditData) {
			t.Errorf("%q: err %v, want ErrNoAuditData", in, err)
		}
	}
	// A record that is MailItemsAccessed but names nothing is a problem,
	// not an access.
	e, err := Parse(strings.NewReader(`{"Id":"x","Operation":"MailItemsAccessed"}`))
	if err != nil || len(e.Accesses) != 0 || len(e.Problems) != 1 {
		t.Errorf("%+v %v", e, err)
	}
}

func TestMark(t *testing.T) {
	e, err := Parse(strings.NewReader(strings.Join([]string{
		auditData("r1", "Bind", `\Inbox`, "<A1@Example.jp>", "<gone@example.jp>"),
		auditData("r2", "Sync", `\送信済みアイテム`),
		auditData("r3", "Sync", `\Inbox\取引先`),
		auditData("r4", "Sync", `\Archive 2019`),
		auditData("r5", "Bind", `\Inbox`, "<a1@example.jp>"),
	}, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	msgs := []Message{
		{SHA256: "m1", MessageID: "<a1@example.jp>", Folder: "INBOX"},    // Bind, twice
		{SHA256: "m2", MessageID: "<b@example.jp>", Folder: "Sent"},      // Sync of 送信済みアイテム
		{SHA256: "m3", MessageID: "<c@example.jp>", Folder: "INBOX/取引先"}, // Sync of a subfolder
		{SHA256: "m4", MessageID: "<d@example.jp>", Folder: "inbox/取引先.mbox"},
		{SHA256: "m5", MessageID: "<e@example.jp>", Folder: "INBOX"}, // neither
		{SHA256: "m6", Folder: "Drafts"},                             // no Message-ID
		{SHA256: "m1", Folder: "Drafts"},                             // a copy of m1: one mark
		{SHA256: "m7", MessageID: "<f@example.jp>", Folder: "INBOX"},
		{SHA256: "m7", Folder: "Sent"}, // a copy in a synced folder, no Message-ID on the seen line
	}
	marks, missing := e.Mark(msgs)
	got := map[string]string{}
	for _, m := range marks {
		got[m.MessageSHA256] = m.Status + " " + strings.Join(m.Records, ",") + " " + m.First
	}
	want := map[string]string{
		"m1": "accessed r1,r5 2024-04-28T10:11:12", "m2": "folder-synced r2 2024-04-28T10:11:12",
		"m3": "folder-synced r3 2024-04-28T10:11:12", "m4": "folder-synced r3 2024-04-28T10:11:12",
		"m5": "not-accessed  ", "m6": "not-accessed  ", "m7": "folder-synced r2 2024-04-28T10:11:12",
	}
	if len(marks) != len(want) {
		t.Errorf("%d marks for %d messages: copies must share one", len(marks), len(want))
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
	var ms []string
	for _, a := range missing {
		if a.MessageID != "" {
			ms = append(ms, a.MessageID)
		} else {
			ms = append(ms, a.Folder)
		}
	}
	if !slices.Equal(ms, []string{"<gone@example.jp>", `\Archive 2019`}) {
		t.Errorf("missing %q", ms)
	}
}

func TestSaveLoad(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(dir); !errors.Is(err, ErrNoScope) {
		t.Fatalf("Load of an unscoped case: %v", err)
	}
	marks := []Mark{{MessageSHA256: "m1", Status: Accessed, Records: []string{"r1"}}, {MessageSHA256: "m2", Status: NotAccessed}, {MessageSHA256: "m3", Status: FolderSynced, Records: []string{"r2"}}}
	if err := Save(dir, Header{File: "audit.csv", Records: 3}, marks, []Access{{Record: "r1", Type: Bind, MessageID: "<gone@x>"}}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, "accessed.jsonl"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("accessed.jsonl: %v %v", fi, err)
	}
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	h := c.Header
	if h.Accessed != 1 || h.FolderSynced != 1 || h.NotAccessed != 1 || h.Missing != 1 || h.File != "audit.csv" {
		t.Errorf("header %+v", h)
	}
	if !c.Read("m1") || c.Read("m2") || !c.Read("m3") || len(c.Missing) != 1 || c.Missing[0].MessageID != "<gone@x>" {
		t.Errorf("case %+v", c)
	}
}
