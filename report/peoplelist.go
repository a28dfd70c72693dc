package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// peopleColumns are the columns of the people list.
var peopleColumns = []string{"id", "category", "category_label", "names", "emails", "phones", "companies", "items",
	"my_number", "messages", "first", "last", "message_ids", "owner", "merged_because", "access"}

// RenderPeople writes the people list (the notification list) as csv,
// jsonl or xlsx: one row per person.
func RenderPeople(w io.Writer, people []Person, cats []Category, format string) error {
	label := map[string]string{}
	for _, c := range cats {
		label[c.ID] = c.Label
	}
	row := func(p Person) []string {
		myNumber := "0"
		for _, it := range p.Items {
			if it == "my_number" {
				myNumber = "1"
			}
		}
		owner := "0"
		if p.Internal {
			owner = "1"
		}
		return []string{p.ID, p.Category, label[p.Category], strings.Join(p.Names, "; "), strings.Join(p.Emails, "; "),
			strings.Join(p.Phones, "; "), strings.Join(p.Companies, "; "), strings.Join(p.Items, " "), myNumber,
			strconv.Itoa(p.Messages), p.First, p.Last, strings.Join(p.MessageIDs, " "), owner, strings.Join(p.Reasons, "; "), p.Access}
	}
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(peopleColumns)
		for _, p := range people {
			r := row(p)
			for i := range r {
				r[i] = formulaSafe(r[i])
			}
			cw.Write(r)
		}
		cw.Flush()
		return cw.Error()
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, p := range people {
			if err := enc.Encode(personJSON(p, label[p.Category])); err != nil {
				return err
			}
		}
		return nil
	case "xlsx":
		f := excelize.NewFile()
		defer f.Close()
		const sheet = "人物一覧"
		f.SetSheetName("Sheet1", sheet)
		bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
		for i, h := range peopleColumns {
			cell, _ := excelize.CoordinatesToCellName(i+1, 1)
			f.SetCellValue(sheet, cell, h)
			f.SetCellStyle(sheet, cell, cell, bold)
		}
		for r, p := range people {
			for i, v := range row(p) {
				cell, _ := excelize.CoordinatesToCellName(i+1, r+2)
				if n, err := strconv.Atoi(v); err == nil && (i == 8 || i == 9 || i == 13) {
					f.SetCellValue(sheet, cell, n)
				} else {
					f.SetCellStr(sheet, cell, v)
				}
			}
		}
		return f.Write(w)
	}
	return fmt.Errorf("people list format %q: use csv, jsonl or xlsx", format)
}

// personJSON is a person as the interface's JSON names it.
type personLine struct {
	ID            string   `json:"id"`
	Category      string   `json:"category"`
	CategoryLabel string   `json:"category_label,omitempty"`
	Names         []string `json:"names"`
	Emails        []string `json:"emails"`
	Phones        []string `json:"phones"`
	Companies     []string `json:"companies,omitempty"`
	Items         []string `json:"items"`
	MyNumber      bool     `json:"my_number"`
	Messages      int      `json:"messages"`
	First         string   `json:"first,omitempty"`
	Last          string   `json:"last,omitempty"`
	MessageIDs    []string `json:"message_ids,omitempty"`
	Owner         bool     `json:"owner,omitempty"`
	Reasons       []string `json:"merged_because,omitempty"`
	Access        string   `json:"access,omitempty"`
}

func personJSON(p Person, label string) personLine {
	l := personLine{ID: p.ID, Category: p.Category, CategoryLabel: label, Names: nz(p.Names), Emails: nz(p.Emails),
		Phones: nz(p.Phones), Companies: p.Companies, Items: nz(p.Items), Messages: p.Messages, First: p.First,
		Last: p.Last, MessageIDs: p.MessageIDs, Owner: p.Internal, Reasons: p.Reasons, Access: p.Access}
	for _, it := range p.Items {
		l.MyNumber = l.MyNumber || it == "my_number"
	}
	return l
}
