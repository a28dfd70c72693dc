package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mailsift/mailsift/pii"
)

// testReport is the fixed report of the golden files: three categories
// (the default "other" last), eight people with Japanese and Latin names,
// one of them hostile, and counts derived from the people as package
// people would.
func testReport() *Report {
	r := &Report{
		Generated: time.Date(2024, 11, 15, 10, 0, 0, 0, time.FixedZone("JST", 9*3600)),
		View:      "messages the attacker accessed",
		Scope: Scope{
			Cases:      []string{"/cases/acme-2024"},
			Sources:    []string{"INBOX", "INBOX/取引先", "Sent"},
			First:      "2022-05-01",
			Last:       "2024-05-13",
			Messages:   12345,
			Duplicates: 321,
			Findings:   2540,
			Errors:     3,
			Locked:     2,
		},
		Categories: []Category{
			{ID: "customer", Label: "顧客"},
			{ID: "regulator", Label: "監督省庁・行政機関・協会等"},
			{ID: "other", Label: "その他"},
		},
		People: []Person{
			{ID: "p-0001", Category: "customer", Names: []string{"山田 太郎", "山田太郎"},
				Emails: []string{"taro.yamada@example.jp"}, Phones: []string{"+819012345678"}, Companies: []string{"山田商事株式会社"},
				Items:    []string{pii.PersonName, pii.Passport, pii.BankAccount, pii.Phone, pii.BirthDate, pii.Email, pii.Address, pii.MyNumber},
				Messages: 14, MessageIDs: []string{"<a1@mail.example.jp>", "<a2@mail.example.jp>", "<a3@mail.example.jp>"},
				First: "2022-06-01", Last: "2024-04-30", Reasons: []string{"同じメールアドレス", "署名の電話番号"}},
			{ID: "p-0002", Category: "customer", Names: []string{"佐藤 花子"},
				Emails: []string{"hanako_sato@example.co.jp"}, Phones: []string{"03-1234-5678"}, Companies: []string{"株式会社サンプル"},
				Items:    []string{pii.PersonName, pii.Phone, pii.Email, pii.Company, pii.Title},
				Messages: 3, MessageIDs: []string{"<b1@mail.example.co.jp>", "<b2@mail.example.co.jp>", "<b3@mail.example.co.jp>"},
				First: "2023-01-05", Last: "2023-03-10"},
			{ID: "p-0003", Category: "customer", Names: []string{"John Smith"},
				Emails:   []string{"john.smith@example.com"},
				Items:    []string{pii.PersonName, pii.Passport, pii.Email, pii.Nationality, pii.FacePhoto},
				Messages: 2, MessageIDs: []string{"<c1@example.com>"}, First: "2023-07-21", Last: "2023-07-22"},
			{ID: "p-0004", Category: "customer", Names: []string{"鈴木 一郎"},
				Emails: []string{"ichiro@example.jp"}, Companies: []string{"鈴木工業株式会社"},
				Items:    []string{pii.PersonName, pii.Email, pii.Company, pii.Title},
				Messages: 1, MessageIDs: []string{"<d1@example.jp>"}, First: "2024-02-02", Last: "2024-02-02"},
			{ID: "p-0005", Category: "regulator", Names: []string{"高橋 健"},
				Emails: []string{"k-takahashi@fsa.go.jp"}, Companies: []string{"金融庁"},
				Items:    []string{pii.PersonName, pii.Email, pii.Company, pii.Title},
				Messages: 5, MessageIDs: []string{"<e1@fsa.go.jp>", "<e2@fsa.go.jp>"}, First: "2023-04-01", Last: "2024-03-31"},
			{ID: "p-0006", Category: "regulator", Names: []string{"Marie Dupont"},
				Emails: []string{"marie.dupont@jsda.or.jp"}, Companies: []string{"日本証券業協会"},
				Items:    []string{pii.PersonName, pii.Email, pii.Company, pii.Title},
				Messages: 1, MessageIDs: []string{"<f1@jsda.or.jp>"}, First: "2023-09-09", Last: "2023-09-09"},
			{ID: "p-0007", Category: "other", Names: []string{"<b>Evil</b> =1+2 | x"},
				Emails:   []string{"evil@evil.example"},
				Items:    []string{pii.PersonName, pii.Email},
				Messages: 1, MessageIDs: []string{"<g1@evil.example>"}, First: "2024-05-01", Last: "2024-05-01"},
			{ID: "p-0008", Category: "other", Names: []string{"田中 美咲"},
				Emails: []string{"misaki.tanaka@gmail.com"}, Phones: []string{"090-1111-2222"},
				Items:    []string{pii.PersonName, pii.Phone, pii.Email, pii.Gender, pii.Age, pii.CreditCard},
				Messages: 2, MessageIDs: []string{"<h1@gmail.com>", "<h2@gmail.com>"}, First: "2023-11-11", Last: "2024-01-20",
				Internal: true},
		},
		Unmatched: []DomainCount{{Domain: "evil.example", People: 1}, {Domain: "gmail.com", People: 1}},
		Definition: Definition{Rules: []string{
			"氏名とほかの項目を1つ以上持つ人、または役割アドレスでないメールアドレスを持つ人を1人と数えます。",
			"同じメールアドレス、または氏名と電話番号が一致する場合は同一人物とします。",
			"1人は報告書全体で1回、区分ファイルで最初に一致した区分で数えます。",
		}},
		Review: Review{Conflicts: 1, NameOnly: 2, OverridesApplied: 1, Unattributed: 7},
	}
	derive(r)
	return r
}

// derive fills the counts of r from its people: per category the people
// and the people per item, the combinations (most frequent first, ties
// fewer items first, then by the items), the special counts.
func derive(r *Report) {
	idx := map[string]int{}
	for i := range r.Categories {
		idx[r.Categories[i].ID] = i
		r.Categories[i].Items = map[string]int{}
	}
	combos := map[string]*Combination{}
	r.PeopleTotal = len(r.People)
	for _, p := range r.People {
		c := &r.Categories[idx[p.Category]]
		c.People++
		c.PersonIDs = append(c.PersonIDs, p.ID)
		for _, it := range p.Items {
			c.Items[it]++
		}
		key := strings.Join(p.Items, ",")
		if combos[key] == nil {
			combos[key] = &Combination{Items: p.Items}
		}
		combos[key].People++
		combos[key].PersonIDs = append(combos[key].PersonIDs, p.ID)
		if slices.Contains(p.Items, pii.MyNumber) {
			r.Special.MyNumberPeople++
			r.Special.MyNumberIDs = append(r.Special.MyNumberIDs, p.ID)
		}
		if slices.ContainsFunc(p.Items, func(it string) bool {
			return it == pii.IDDocument || it == pii.Passport || it == pii.DriversLicense || it == pii.FacePhoto
		}) {
			r.Special.IDDocumentPeople++
			r.Special.IDDocumentIDs = append(r.Special.IDDocumentIDs, p.ID)
		}
		if slices.Contains(p.Items, pii.BankAccount) || slices.Contains(p.Items, pii.CreditCard) {
			r.Special.FinancialPeople++
			r.Special.FinancialIDs = append(r.Special.FinancialIDs, p.ID)
		}
	}
	for _, c := range combos {
		r.Combinations = append(r.Combinations, *c)
	}
	slices.SortFunc(r.Combinations, func(a, b Combination) int {
		if a.People != b.People {
			return b.People - a.People
		}
		if len(a.Items) != len(b.Items) {
			return len(a.Items) - len(b.Items)
		}
		return strings.Compare(strings.Join(a.Items, ","), strings.Join(b.Items, ","))
	})
}

// bigReport is a report of the size of the reference case (2,540 people
// in nine categories), for benchmarks.
func bigReport() *Report {
	r := testReport()
	names := pii.Names()
	r.Categories = nil
	for _, id := range []string{"customer", "investor", "counterparty", "fund", "prospect", "vendor", "applicant", "regulator", "other"} {
		r.Categories = append(r.Categories, Category{ID: id, Label: id + "の関係者"})
	}
	r.People = nil
	for i := range 2540 {
		var items []string
		for j, name := range names {
			if (i*7+j*13)%5 < 2 || name == pii.PersonName {
				items = append(items, name)
			}
		}
		r.People = append(r.People, Person{
			ID: fmt.Sprintf("p-%06d", i), Category: r.Categories[i%9].ID, Names: []string{fmt.Sprintf("山田 太郎%d", i)},
			Emails: []string{fmt.Sprintf("user%d@example.jp", i)}, Items: items, Messages: 1 + i%17,
			MessageIDs: []string{fmt.Sprintf("<m%d@example.jp>", i)},
		})
	}
	slices.SortStableFunc(r.People, func(a, b Person) int { return strings.Compare(a.Category, b.Category) })
	r.Combinations, r.Special = nil, Special{}
	derive(r)
	return r
}
