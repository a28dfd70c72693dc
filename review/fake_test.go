package review

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mailsift/mailsift/pii"
	"github.com/mailsift/mailsift/report"
	"github.com/mailsift/mailsift/store"
)

// The fake case: two people, two messages, six findings.
var (
	fakeSHA1 = strings.Repeat("1a", 32)
	fakeSHA2 = strings.Repeat("2b", 32)
)

// fakeBackend answers from a small fixed data set. Its Search is a toy:
// clauses are ANDed; field:value (type, category, source, person,
// message_sha256, id) is equality, date:>=X and date:<X compare dates,
// anything else is a substring of the context, which it marks. An unknown
// field or an open quote is an error, as a real query parser's would be.
type fakeBackend struct {
	findings []store.Finding // with their raw values
	people   map[string]*Person
	messages map[string]*Message
	report   *report.Report

	mu       sync.Mutex
	searches []SearchRequest // every request, for tests to look at
	reveals  []string
}

func newFake() *fakeBackend {
	f := func(id, typ, value, masked, sha, loc, part, ctx, person string, start int) store.Finding {
		date, src, msgID := "2024-01-15T10:30:00+09:00", "INBOX", "<a1@example.jp>"
		if sha == fakeSHA2 {
			date, src, msgID = "2024-02-03T09:00:00+09:00", "INBOX/取引先", "<b2@example.com>"
		}
		return store.Finding{ID: id, Type: typ, Value: value, Masked: masked, Confidence: 0.9, Detector: typ,
			MessageID: msgID, MessageSHA256: sha, Source: src, Date: date, Location: loc, Part: part,
			Start: start, End: start + len(value), Context: ctx, Person: person}
	}
	b := &fakeBackend{
		findings: []store.Finding{
			f("f-0001", pii.PersonName, "田中太郎", "田*太郎", fakeSHA1, "body", "1", "お客様 田*太郎 様のご登録情報をお送りします", "p-0001", 24),
			f("f-0002", pii.Passport, "TK1234567", "TK*****67", fakeSHA1, "attachment:顧客一覧.xlsx", "2", "お客様 旅券番号: TK*****67 有効期限 2030-04-01", "p-0001", 120),
			f("f-0003", pii.BankAccount, "三菱UFJ銀行 普通 1234567", "普通 ****567", fakeSHA2, "body", "1", "お客様 振込先: 普通 ****567 名義 タナカ", "p-0001", 310),
			f("f-0004", pii.Phone, "090-1234-5678", "090-****-5678", fakeSHA1, "body", "1", "お客様 携帯 090-****-5678 までご連絡ください", "p-0001", 80),
			f("f-0005", pii.PersonName, "佐藤花子", "佐*花子", fakeSHA2, "header:From", "header", "From: 佐*花子 <h****@example.com>", "p-0002", 6),
			f("f-0006", pii.Phone, "03-1234-5678", "03-****-5678", fakeSHA2, "body", "1", "代表 03-****-5678 佐*花子", "p-0002", 400),
		},
		report: &report.Report{
			View:        "全メール all messages",
			PeopleTotal: 2,
			Scope:       report.Scope{Messages: 2, Findings: 6, First: "2024-01-15", Last: "2024-02-03", Sources: []string{"INBOX", "INBOX/取引先"}},
			Categories: []report.Category{
				{ID: "customer", Label: "顧客", People: 1, PersonIDs: []string{"p-0001"},
					Items: map[string]int{pii.PersonName: 1, pii.Passport: 1, pii.BankAccount: 1, pii.Phone: 1}},
				{ID: "partner", Label: "取引先", People: 1, PersonIDs: []string{"p-0002"},
					Items: map[string]int{pii.PersonName: 1, pii.Phone: 1}},
			},
		},
	}
	b.people = map[string]*Person{
		"p-0001": {ID: "p-0001", Name: "田*太郎", Category: "customer", CategoryLabel: "顧客",
			Names: []string{"田*太郎", "タ** タロウ"}, Emails: []string{"t****@example.jp"}, Phones: []string{"090-****-5678"},
			Items:   []string{pii.PersonName, pii.Passport, pii.BankAccount, pii.Phone},
			Reasons: []string{"氏名 田*太郎 と携帯電話番号 090-****-5678 が一致 (name + mobile)"},
			First:   "2024-01-15", Last: "2024-02-03"},
		"p-0002": {ID: "p-0002", Name: "佐*花子", Category: "partner", CategoryLabel: "取引先",
			Names: []string{"佐*花子"}, Emails: []string{"h****@example.com"}, Phones: []string{"03-****-5678"},
			Items: []string{pii.PersonName, pii.Phone}, First: "2024-02-03", Last: "2024-02-03"},
	}
	b.messages = map[string]*Message{
		fakeSHA1: {MessageSummary: MessageSummary{SHA256: fakeSHA1, MessageID: "<a1@example.jp>", Date: "2024-01-15T10:30:00+09:00",
			From: "s****@example.co.jp", Subject: "【至急】お客様情報の送付", Findings: 3},
			To: []string{"t****@example.jp"}, Sources: []string{"INBOX"}},
		fakeSHA2: {MessageSummary: MessageSummary{SHA256: fakeSHA2, MessageID: "<b2@example.com>", Date: "2024-02-03T09:00:00+09:00",
			From: "h****@example.com", Subject: "Re: 口座振込のお願い", Findings: 3},
			To: []string{"s****@example.co.jp"}, Cc: []string{"k****@example.co.jp"}, Sources: []string{"INBOX/取引先"},
			Errors: []string{"part 3: unknown charset x-sjis-broken"}},
	}
	// Person and message views hold their findings, masked, in order.
	for _, fd := range b.findings {
		h := b.hit(fd, nil)
		p := b.people[fd.Person]
		p.Findings = append(p.Findings, h)
		m := b.messages[fd.MessageSHA256]
		if !slices.ContainsFunc(p.Messages, func(s MessageSummary) bool { return s.SHA256 == m.SHA256 }) {
			p.Messages = append(p.Messages, m.MessageSummary)
		}
		i := slices.IndexFunc(m.Parts, func(pt Part) bool { return pt.Part == fd.Part })
		if i < 0 {
			ct := "text/plain; charset=utf-8"
			if strings.HasPrefix(fd.Location, "attachment:") {
				ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
			}
			m.Parts = append(m.Parts, Part{Part: fd.Part, Location: fd.Location, ContentType: ct})
			i = len(m.Parts) - 1
		}
		m.Parts[i].Findings = append(m.Parts[i].Findings, h)
	}
	for _, m := range b.messages {
		slices.SortFunc(m.Parts, func(a, b Part) int { return cmp.Compare(a.Part, b.Part) })
	}
	return b
}

// hit is a masked hit of fd.
func (b *fakeBackend) hit(fd store.Finding, marks [][2]int) Hit {
	fd.Value, fd.Written = "", ""
	h := Hit{Finding: fd, Score: 1, Marks: marks, Subject: b.messages[fd.MessageSHA256].Subject}
	if p := b.people[fd.Person]; p != nil {
		h.PersonName, h.Category = p.Name, p.Category
	}
	return h
}

func (b *fakeBackend) category(fd store.Finding) string {
	if p := b.people[fd.Person]; p != nil {
		return p.Category
	}
	return ""
}

// fakeClauses splits a query at spaces outside quotes.
func fakeClauses(q string) ([]string, error) {
	var out []string
	var cur strings.Builder
	quoted := false
	for _, c := range q {
		switch {
		case c == '"':
			quoted = !quoted
		case c == ' ' && !quoted:
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
			continue
		}
		cur.WriteRune(c)
	}
	if quoted {
		return nil, errors.New("query: syntax error: unterminated quote")
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out, nil
}

func (b *fakeBackend) Search(ctx context.Context, r SearchRequest) (*SearchResult, error) {
	b.mu.Lock()
	b.searches = append(b.searches, r)
	b.mu.Unlock()
	cs, err := fakeClauses(r.Query)
	if err != nil {
		return nil, err
	}
	var hits []Hit
	for _, fd := range b.findings {
		ok, marks := true, [][2]int(nil)
		for _, c := range cs {
			c = strings.TrimPrefix(c, "+")
			field, value, qualified := strings.Cut(c, ":")
			value = strings.ReplaceAll(value, `"`, "")
			if !qualified {
				text := strings.ReplaceAll(c, `"`, "")
				if !strings.Contains(fd.Context, text) {
					ok = false
				}
				for off := 0; ; {
					i := strings.Index(fd.Context[off:], text)
					if i < 0 || text == "" {
						break
					}
					marks = append(marks, [2]int{off + i, off + i + len(text)})
					off += i + len(text)
				}
				continue
			}
			var got string
			switch field {
			case "type":
				got = fd.Type
			case "category":
				got = b.category(fd)
			case "source":
				got = fd.Source
			case "person":
				got = fd.Person
			case "message_sha256":
				got = fd.MessageSHA256
			case "id":
				got = fd.ID
			case "date":
				day := fd.Date[:10]
				if v, found := strings.CutPrefix(value, ">="); found {
					got, value = "in", "in"
					if day < v {
						got = "out"
					}
				} else if v, found := strings.CutPrefix(value, "<"); found {
					got, value = "in", "in"
					if day >= v {
						got = "out"
					}
				} else {
					got = day
				}
			default:
				return nil, fmt.Errorf("query: unknown field %q: the fields are type, category, source, person, message_sha256, id, date", field)
			}
			if got != value {
				ok = false
			}
		}
		if ok {
			slices.SortFunc(marks, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
			hits = append(hits, b.hit(fd, marks))
		}
	}
	res := &SearchResult{Total: uint64(len(hits)), Took: 12 * time.Millisecond}
	for _, field := range r.Facets {
		res.Facets = append(res.Facets, b.facet(field, hits))
	}
	switch r.Sort {
	case "date":
		slices.SortStableFunc(hits, func(a, b Hit) int { return cmp.Compare(a.Finding.Date, b.Finding.Date) })
	case "-date":
		slices.SortStableFunc(hits, func(a, b Hit) int { return cmp.Compare(b.Finding.Date, a.Finding.Date) })
	case "type":
		slices.SortStableFunc(hits, func(a, b Hit) int { return cmp.Compare(a.Finding.Type, b.Finding.Type) })
	case "id":
		slices.SortStableFunc(hits, func(a, b Hit) int { return cmp.Compare(a.Finding.ID, b.Finding.ID) })
	}
	from := min(r.From, len(hits))
	res.Hits = hits[from:min(from+r.Size, len(hits))]
	return res, nil
}

func (b *fakeBackend) facet(field string, hits []Hit) Facet {
	count := map[string]int{}
	for _, h := range hits {
		var term string
		switch field {
		case "type":
			term = h.Finding.Type
		case "category":
			term = h.Category
		case "source":
			term = h.Finding.Source
		case "date":
			term = h.Finding.Date[:7]
		}
		count[term]++
	}
	f := Facet{Field: field}
	for term, n := range count {
		t := FacetTerm{Term: term, Count: n, Filter: clause(field, term)}
		switch field {
		case "type":
			t.Label = typeLabel(term)
		case "category":
			for _, c := range b.report.Categories {
				if c.ID == term {
					t.Label = c.Label
				}
			}
		case "date":
			d, _ := time.Parse("2006-01", term)
			t.Label = d.Format("2006年1月")
			t.Filter = fmt.Sprintf(`+date:>="%s" +date:<"%s"`, d.Format("2006-01-02"), d.AddDate(0, 1, 0).Format("2006-01-02"))
		}
		f.Terms = append(f.Terms, t)
	}
	slices.SortFunc(f.Terms, func(a, b FacetTerm) int {
		if field == "date" {
			return cmp.Compare(a.Term, b.Term)
		}
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Term, b.Term))
	})
	return f
}

func (b *fakeBackend) Person(ctx context.Context, id string) (*Person, error) {
	if p, ok := b.people[id]; ok {
		return p, nil
	}
	return nil, ErrNotFound
}

func (b *fakeBackend) Message(ctx context.Context, sha string) (*Message, error) {
	if m, ok := b.messages[sha]; ok {
		return m, nil
	}
	return nil, ErrNotFound
}

func (b *fakeBackend) Categories(ctx context.Context) (*report.Report, error) {
	return b.report, nil
}

func (b *fakeBackend) Reveal(ctx context.Context, id string) (Revealed, error) {
	b.mu.Lock()
	b.reveals = append(b.reveals, id)
	b.mu.Unlock()
	for _, fd := range b.findings {
		if fd.ID == id {
			return Revealed{FindingID: id, Type: fd.Type, Value: fd.Value}, nil
		}
	}
	return Revealed{}, ErrNotFound
}

// lastSearch is the last request Search got.
func (b *fakeBackend) lastSearch() SearchRequest {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.searches) == 0 {
		return SearchRequest{}
	}
	return b.searches[len(b.searches)-1]
}
