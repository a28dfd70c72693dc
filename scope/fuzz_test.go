package scope

import (
	"strings"
	"testing"
)

// FuzzParse feeds Parse what an attacker or a broken export tool could
// write: it must return an export or an error, never panic, and every
// access must name a message or a folder.
func FuzzParse(f *testing.F) {
	f.Add(auditData("r1", "Bind", `\Inbox`, "<a@x>"))
	f.Add("[" + auditData("r2", "Sync", `\Inbox`) + "]")
	f.Add("RecordId,AuditData\nr1,\"" + strings.ReplaceAll(auditData("r1", "Bind", `\Inbox`, "<a@x>"), `"`, `""`) + "\"\n")
	f.Add("<a@x>\nINBOX\n")
	f.Add(`[{"AuditData":"{\"Operation\":\"MailItemsAccessed\",\"Folders\":[{\"Path\":\"\\\\Inbox\"}]}"}]`)
	f.Add("\xef\xbb\xbfAuditData\n\"{\"\"Operation\"\":1}\"\n")
	f.Fuzz(func(t *testing.T, in string) {
		e, err := Parse(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, a := range e.Accesses {
			if a.MessageID == "" && a.Folder == "" && a.Type != Sync {
				t.Fatalf("access names nothing: %+v", a)
			}
		}
		e.Mark([]Message{{SHA256: "m", MessageID: "<a@x>", Folder: "INBOX"}})
	})
}
