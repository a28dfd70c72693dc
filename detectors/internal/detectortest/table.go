package detectortest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/detectors"
)

// Table runs a detector's table test. Each row of tests is a subtest: it
// normalizes the row's text, runs d on it and compares what d finds with
// what the row wants, all of it and in order; a row that wants nothing is
// a hard negative.
//
// Each test package declares its own row and match types, so that its
// table may use unkeyed literals (go vet's composites check rejects them
// for another package's struct types), and Table reads them by field name,
// ignoring case:
//
//   - tests is a slice of structs with the fields in (the text, as in
//     mail) and want (a slice of matches, nil for none) and, optionally,
//     name (the subtest's name; in if absent), field (the Text's Field;
//     "body" if absent) and column (the Text's Column).
//   - a match is a struct with one or more of the fields Type, Text (the
//     normalized text of the match's span), Value and Confidence: the ones
//     it has are compared, exactly.
//
// Any other field fails the test, so that a misspelt one cannot turn a
// check off.
func Table(t *testing.T, d detectors.Detector, tests any) {
	t.Helper()
	rows := reflect.ValueOf(tests)
	if rows.Kind() != reflect.Slice {
		t.Fatalf("detectortest.Table: tests is a %T, want a slice of structs", tests)
	}
	rowFields, matchFields, err := tableFields(rows.Type().Elem())
	if err != nil {
		t.Fatalf("detectortest.Table: %v", err)
	}
	for i := range rows.Len() {
		row := rows.Index(i)
		c := tableRow{field: "body"}
		for k, f := range rowFields {
			switch v := row.Field(k); f {
			case "name":
				c.name = v.String()
			case "in":
				c.in = v.String()
			case "field":
				c.field = v.String()
			case "column":
				c.column = v.String()
			case "want":
				c.want = readMatches(v, matchFields)
			}
		}
		name := c.name
		if name == "" {
			name = c.in
			if c.column != "" {
				name = c.column + "=" + c.in
			}
		}
		t.Run(name, func(t *testing.T) {
			t.Helper()
			got := detectMatches(d, c, matchFields)
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("Detect(%q, field %q, column %q) (-want +got):\n%s", c.in, c.field, c.column, diff)
			}
		})
	}
}

// tableRow is a row of a table test.
type tableRow struct {
	name, in, field, column string
	want                    []tableMatch
}

// tableMatch is a match as a table compares it: the fields the table's
// match type lacks stay zero, in the wanted and the found matches alike.
type tableMatch struct {
	Type, Text, Value string
	Confidence        float64
}

// matchIndex gives the index in tableMatch of a match field, by its
// lower-cased name.
var matchIndex = map[string]int{"type": 0, "text": 1, "value": 2, "confidence": 3}

// tableFields returns the lower-cased names of the fields of the row type,
// in their order, and the tableMatch index of each field of its want's
// match type, after checking them.
func tableFields(row reflect.Type) (rowFields []string, matchFields []int, err error) {
	if row.Kind() != reflect.Struct {
		return nil, nil, fmt.Errorf("a row is a %v, want a struct", row)
	}
	var match reflect.Type
	for i := range row.NumField() {
		f := row.Field(i)
		name := strings.ToLower(f.Name)
		switch {
		case name == "want" && f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct:
			match = f.Type.Elem()
		case (name == "name" || name == "in" || name == "field" || name == "column") && f.Type.Kind() == reflect.String:
		default:
			return nil, nil, fmt.Errorf("row field %s %v: want in, want []match, name, field or column", f.Name, f.Type)
		}
		rowFields = append(rowFields, name)
	}
	if match == nil || !slices.Contains(rowFields, "in") {
		return nil, nil, fmt.Errorf("row type %v has no in or no want", row)
	}
	for i := range match.NumField() {
		f := match.Field(i)
		k, ok := matchIndex[strings.ToLower(f.Name)]
		if !ok || reflect.TypeFor[tableMatch]().Field(k).Type != f.Type {
			return nil, nil, fmt.Errorf("match field %s %v: want Type, Text, Value (string) or Confidence (float64)", f.Name, f.Type)
		}
		matchFields = append(matchFields, k)
	}
	if len(matchFields) == 0 {
		return nil, nil, fmt.Errorf("match type %v has no fields", match)
	}
	return rowFields, matchFields, nil
}

// readMatches returns the wanted matches of a row, nil for none.
func readMatches(want reflect.Value, fields []int) []tableMatch {
	var out []tableMatch
	for i := range want.Len() {
		var m tableMatch
		dst := reflect.ValueOf(&m).Elem()
		for k, f := range fields {
			// The row's fields may be unexported: read them by kind.
			if src := want.Index(i).Field(k); src.Kind() == reflect.Float64 {
				dst.Field(f).SetFloat(src.Float())
			} else {
				dst.Field(f).SetString(src.String())
			}
		}
		out = append(out, m)
	}
	return out
}

// detectMatches returns what d finds in the row's text, keeping the given
// fields only; nil for nothing.
func detectMatches(d detectors.Detector, c tableRow, fields []int) []tableMatch {
	tx := detectors.Normalize(c.in)
	tx.Field, tx.Column = c.field, c.column
	var out []tableMatch
	for _, m := range d.Detect(tx) {
		all := reflect.ValueOf(tableMatch{m.Type, tx.Norm[m.Start:m.End], m.Value, m.Confidence})
		var g tableMatch
		for _, f := range fields {
			reflect.ValueOf(&g).Elem().Field(f).Set(all.Field(f))
		}
		out = append(out, g)
	}
	return out
}
