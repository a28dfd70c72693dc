package scope

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrNoRecords is returned for a file in which no record could be read.
var ErrNoRecords = errors.New("no MailItemsAccessed record, Message-ID or folder found")

// ErrNoAuditData is returned for a table without an AuditData column.
var ErrNoAuditData = errors.New("a table with no AuditData column: export the audit search with its AuditData column (Purview: Export results; PowerShell: Search-UnifiedAuditLog -Operations MailItemsAccessed | Export-Csv)")

// maxProblems bounds the problems kept (all are counted in Records).
const maxProblems = 100

// Parse reads an export: a CSV with an AuditData column (Purview's audit
// search export, Search-UnifiedAuditLog | Export-Csv), JSON (an array of
// records or of rows holding AuditData), JSON lines, or a plain list with
// one Message-ID or folder per line ('#' starts a comment). The format
// is told by the content, not the file name.
func Parse(r io.Reader) (*Export, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	// A UTF-8 byte order mark leads Purview's CSV.
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	first, err := firstByte(br)
	if err != nil {
		return nil, err
	}
	e := &Export{Ignored: map[string]int{}}
	switch {
	case first == '[' || first == '{':
		err = e.parseJSON(br, first == '[')
	default:
		head, _ := br.Peek(4096)
		line := head
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
		}
		switch {
		case bytes.Contains(bytes.ToLower(line), []byte("auditdata")):
			err = e.parseCSV(br)
		case bytes.ContainsAny(line, ",\t"):
			// A list holds one Message-ID or folder per line; a table
			// without AuditData is an export that lost what scope reads.
			return nil, ErrNoAuditData
		default:
			err = e.parseList(br)
		}
	}
	if err != nil {
		return nil, err
	}
	if len(e.Accesses) == 0 && e.Records == 0 {
		return nil, ErrNoRecords
	}
	return e, nil
}

// firstByte is the first byte that is not white space, unread.
func firstByte(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.ReadByte()
		if err == io.EOF {
			return 0, ErrNoRecords
		}
		if err != nil {
			return 0, err
		}
		if b != ' ' && b != '\t' && b != '\r' && b != '\n' {
			br.UnreadByte()
			return b, nil
		}
	}
}

func (e *Export) problem(where, why string) {
	if len(e.Problems) < maxProblems {
		e.Problems = append(e.Problems, where+": "+why)
	} else if len(e.Problems) == maxProblems {
		e.Problems = append(e.Problems, "more problems not listed")
	}
}

// parseJSON reads a JSON array or a stream of JSON values (JSON lines).
func (e *Export) parseJSON(r io.Reader, array bool) error {
	e.Format = "jsonl"
	dec := json.NewDecoder(r)
	if array {
		e.Format = "json"
		if _, err := dec.Token(); err != nil {
			return fmt.Errorf("JSON: %w", err)
		}
	}
	for n := 1; ; n++ {
		if array && !dec.More() {
			return nil
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err == io.EOF {
			return nil
		} else if err != nil {
			// A broken value ends what a decoder can read; keep what was read.
			e.Records++
			e.problem(fmt.Sprintf("record %d", n), "not JSON: "+err.Error())
			return nil
		}
		e.Records++
		e.record(fmt.Sprintf("record %d", n), raw)
	}
}

// parseCSV reads rows whose AuditData column holds a record.
func (e *Export) parseCSV(r io.Reader) error {
	e.Format = "csv"
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return fmt.Errorf("CSV header: %w", err)
	}
	col := -1
	for i, h := range head {
		if strings.EqualFold(strings.TrimSpace(h), "AuditData") {
			col = i
		}
	}
	if col < 0 {
		return fmt.Errorf("CSV: no AuditData column in the header")
	}
	for n := 2; ; n++ {
		row, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		line, _ := cr.FieldPos(0)
		where := fmt.Sprintf("line %d", line)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				e.Records++
				e.problem(where, "bad CSV: "+pe.Err.Error())
				continue
			}
			return fmt.Errorf("CSV %s: %w", where, err)
		}
		e.Records++
		if col >= len(row) || strings.TrimSpace(row[col]) == "" {
			e.problem(where, "no AuditData")
			continue
		}
		e.record(where, json.RawMessage(row[col]))
	}
}

// record is the part of an audit record scope reads. Field names are
// those of the Office 365 Management Activity API schema.
type record struct {
	ID                  string `json:"Id"`
	CreationTime        string
	Operation           string
	UserID              string `json:"UserId"`
	ClientIPAddress     string
	ClientIP            string
	SessionID           string `json:"SessionId"`
	OperationProperties []struct{ Name, Value string }
	Folders             []struct {
		Path        string
		FolderItems []struct{ InternetMessageId string }
	}
	// Single-item shapes of older and other Exchange records.
	Item          *item
	AffectedItems []item
	// A row of a JSON export wrapping the record as a string.
	AuditData json.RawMessage
}

type item struct {
	InternetMessageId string
	ParentFolder      struct{ Path string }
}

func (e *Export) record(where string, raw json.RawMessage) {
	var rec record
	if err := json.Unmarshal(raw, &rec); err != nil {
		e.problem(where, "AuditData is not a JSON object: "+shortErr(err))
		return
	}
	if len(rec.AuditData) > 0 && rec.Operation == "" {
		// {"Operations": ..., "AuditData": "{...}"}: a JSON export of rows.
		var s string
		if json.Unmarshal(rec.AuditData, &s) == nil {
			raw = json.RawMessage(s)
		} else {
			raw = rec.AuditData
		}
		rec = record{}
		if err := json.Unmarshal(raw, &rec); err != nil {
			e.problem(where, "AuditData is not a JSON object: "+shortErr(err))
			return
		}
	}
	switch {
	case rec.Operation == "":
		e.problem(where, "no Operation")
		return
	case !strings.EqualFold(rec.Operation, "MailItemsAccessed"):
		e.Ignored[rec.Operation]++
		return
	}
	typ := ""
	for _, p := range rec.OperationProperties {
		if strings.EqualFold(p.Name, "MailAccessType") {
			typ = p.Value
		}
	}
	base := Access{Record: rec.ID, Time: rec.CreationTime, User: rec.UserID, ClientIP: rec.ClientIPAddress, SessionID: rec.SessionID}
	if base.ClientIP == "" {
		base.ClientIP = rec.ClientIP
	}
	if base.Record == "" {
		base.Record = where
	}
	n := len(e.Accesses)
	for _, f := range rec.Folders {
		if len(f.FolderItems) == 0 || strings.EqualFold(typ, Sync) {
			a := base
			a.Type, a.Folder = Sync, f.Path
			e.Accesses = append(e.Accesses, a)
			continue
		}
		for _, it := range f.FolderItems {
			e.bind(where, base, f.Path, it.InternetMessageId)
		}
	}
	if rec.Item != nil {
		e.bind(where, base, rec.Item.ParentFolder.Path, rec.Item.InternetMessageId)
	}
	for _, it := range rec.AffectedItems {
		e.bind(where, base, it.ParentFolder.Path, it.InternetMessageId)
	}
	if len(e.Accesses) == n {
		e.problem(where, "MailItemsAccessed record names no message and no folder")
	}
}

func (e *Export) bind(where string, base Access, folder, id string) {
	id, ok := NormalizeMessageID(id)
	if !ok {
		e.problem(where, "an item without InternetMessageId")
		return
	}
	a := base
	a.Type, a.Folder, a.MessageID = Bind, folder, id
	e.Accesses = append(e.Accesses, a)
}

// parseList reads one Message-ID or folder per line.
func (e *Export) parseList(r io.Reader) error {
	e.Format = "list"
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		e.Records++
		a := Access{Record: fmt.Sprintf("line %d", n), Type: List}
		if id, ok := NormalizeMessageID(l); ok && strings.Contains(l, "@") && !strings.ContainsAny(id, " \t") {
			a.MessageID = id
		} else {
			a.Folder = l
		}
		e.Accesses = append(e.Accesses, a)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("list: %w", err)
	}
	return nil
}

// NormalizeMessageID returns the Message-ID in angle brackets, without
// the spaces around it: audit logs write it with or without brackets.
func NormalizeMessageID(s string) (string, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "<"), ">")
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	return "<" + s + ">", true
}

func shortErr(err error) string {
	s := err.Error()
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}
