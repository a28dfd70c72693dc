package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestRenderPeople(t *testing.T) {
	people := []Person{
		{ID: "p-1", Category: "customer", Names: []string{"山田 太郎"}, Emails: []string{"t***@e******.jp"}, Items: []string{"person_name", "email", "my_number"}, Messages: 3, Reasons: []string{"same e-mail address"}},
		{ID: "p-2", Category: "other", Names: []string{"=cmd|' /C calc'!A0"}, Phones: []string{"+81********78"}, Items: []string{"person_name", "phone"}, Messages: 1},
	}
	cats := []Category{{ID: "customer", Label: "顧客"}, {ID: "other", Label: "その他"}}
	var b bytes.Buffer
	if err := RenderPeople(&b, people, cats, "csv"); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("csv: %v, %d rows", err, len(rows))
	}
	if rows[1][2] != "顧客" || rows[1][8] != "1" || rows[2][3] != "'=cmd|' /C calc'!A0" || rows[2][5] != "'+81********78" {
		t.Errorf("csv rows %q", rows[1:])
	}
	b.Reset()
	if err := RenderPeople(&b, people, cats, "jsonl"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	var p personLine
	if len(lines) != 2 || json.Unmarshal([]byte(lines[0]), &p) != nil || !p.MyNumber || p.CategoryLabel != "顧客" || p.Phones == nil {
		t.Errorf("jsonl %q", lines)
	}
	b.Reset()
	if err := RenderPeople(&b, people, cats, "xlsx"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := f.GetCellValue("人物一覧", "D2"); v != "山田 太郎" {
		t.Errorf("xlsx D2 = %q", v)
	}
	if err := RenderPeople(&b, people, cats, "pdf"); err == nil {
		t.Error("unknown format accepted")
	}
}
