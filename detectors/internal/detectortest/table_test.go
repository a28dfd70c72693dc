package detectortest

import (
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/pii"
)

// telDetector reports every "tel" as a phone, valued in upper case.
type telDetector struct{}

func (telDetector) Name() string       { return "tel" }
func (telDetector) Types() []string    { return []string{pii.Phone} }
func (telDetector) Keywords() []string { return nil }
func (telDetector) MaxLen() int        { return 3 }
func (telDetector) Detect(t *detectors.Text) []detectors.Match {
	var out []detectors.Match
	for i := 0; ; i += 3 {
		k := strings.Index(t.Norm[i:], "tel")
		if k < 0 {
			return out
		}
		i += k
		out = append(out, detectors.Match{Type: pii.Phone, Start: i, End: i + 3, Value: "TEL", Confidence: 0.5})
	}
}

type found struct {
	Text, Value string
	Confidence  float64
}

func TestTable(t *testing.T) {
	Table(t, telDetector{}, []struct {
		name, in string
		want     []found
	}{
		{"one", "a tel", []found{{"tel", "TEL", 0.5}}},
		{"full-width", "ｔｅｌ ｔｅｌ", []found{{"tel", "TEL", 0.5}, {"tel", "TEL", 0.5}}},
		{"none", "phone", nil},
	})
	type typed struct{ Type string }
	Table(t, telDetector{}, []struct {
		in, field, column string
		want              []typed
	}{
		{"tel", "header:To", "TEL", []typed{{pii.Phone}}},
	})
}

// TestTableCompares checks that the wanted and found matches keep exactly
// the fields of the table's match type.
func TestTableCompares(t *testing.T) {
	type valueOnly struct{ Value string }
	rows := []struct {
		in   string
		want []valueOnly
	}{{"tel", []valueOnly{{"TEL"}}}}
	_, fields, err := tableFields(reflect.TypeOf(rows).Elem())
	if err != nil {
		t.Fatal(err)
	}
	want := readMatches(reflect.ValueOf(rows).Index(0).Field(1), fields)
	got := detectMatches(telDetector{}, tableRow{in: "tel"}, fields)
	if diff := cmp.Diff([]tableMatch{{Value: "TEL"}}, want); diff != "" {
		t.Errorf("want (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]tableMatch{{Value: "TEL"}}, got); diff != "" {
		t.Errorf("got (-want +got):\n%s", diff)
	}
	if got := detectMatches(telDetector{}, tableRow{in: "x tel"}, []int{matchIndex["text"], matchIndex["confidence"]}); !cmp.Equal(got, []tableMatch{{Text: "tel", Confidence: 0.5}}) {
		t.Errorf("text and confidence: %+v", got)
	}
}

// TestTableFieldsRejects checks that a misspelt or mistyped field is an
// error, not a check silently dropped.
func TestTableFieldsRejects(t *testing.T) {
	type m struct{ Value string }
	for _, row := range []any{
		struct {
			in      string
			colummn string
			want    []m
		}{},
		struct {
			in   string
			want []string
		}{},
		struct{ want []m }{},
		struct{ in string }{},
		struct {
			in   string
			want []struct{ Valeu string }
		}{},
		struct {
			in   string
			want []struct{ Confidence float32 }
		}{},
		struct {
			in   string
			want []struct{}
		}{},
	} {
		if _, _, err := tableFields(reflect.TypeOf(row)); err == nil {
			t.Errorf("tableFields(%T) accepted it", row)
		}
	}
}
