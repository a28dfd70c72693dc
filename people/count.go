package people

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/people/resolve"
	"github.com/mailsift/mailsift/pii"
	"github.com/mailsift/mailsift/report"
	"github.com/mailsift/mailsift/store"
)

// Owner is the category of the mailbox owner, when no rule of the
// categories file claims them: the owner's data is in every message, and
// a breach report counts the people outside apart.
const Owner = "owner"

// CountOptions configure Count.
type CountOptions struct {
	// Cases are the case directories: people in several count once.
	Cases []string
	// Categories sorts people; nil puts everyone in DefaultCategory.
	Categories *Categories
	// Reveal puts unmasked values in the people list.
	Reveal bool
	// Lang is the language of the report's sentences ("ja" or "en").
	Lang string
	// Now dates the report (zero: time.Now).
	Now time.Time
	// Access, when the cases record what the attacker accessed, adds the
	// accessed view to the report (and makes it the headline if asked).
	Access *Access
}

// DefaultCategory is the category of unmatched people when there is no
// categories file.
const DefaultCategory = "other"

// Counted is the outcome of Count: the report and the people behind it.
type Counted struct {
	Report   *report.Report
	People   []*resolve.Person
	Category map[string]string // person id → category id
	Resolved *resolve.Result
}

// Count resolves the people of the cases, puts each in a category and
// builds the report.
func Count(ctx context.Context, o CountOptions) (*Counted, error) {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	res, chosen, applied, err := ResolveCases(ctx, o.Cases)
	if err != nil {
		return nil, err
	}
	scope, err := readScope(o.Cases)
	if err != nil {
		return nil, err
	}
	scope.Findings = len(res.Person) + res.Unattributed
	owner := ownerOf(res.People)
	cats := o.Categories
	def := DefaultCategory
	if cats != nil && cats.Default != "" {
		def = cats.Default
	}
	c := &Counted{People: res.People, Category: map[string]string{}, Resolved: res}
	for _, p := range res.People {
		p.Owner = p == owner
		c.Category[p.ID] = categorize(p, cats, def)
		if id, ok := chosen[p.ID]; ok {
			c.Category[p.ID] = id
		}
	}
	c.Report = build(res, c.Category, cats, def, scope, o)
	c.Report.Review.OverridesApplied = applied
	if a := o.Access; a != nil {
		ares, err := accessedView(ctx, o.Cases, res, a.Read)
		if err != nil {
			return nil, err
		}
		ascope := scope
		ascope.Messages = a.Messages
		ascope.Findings = len(ares.Person) + ares.Unattributed
		acc := build(ares, c.Category, cats, def, ascope, o)
		acc.Review.OverridesApplied = applied
		acc.View = map[string]string{"ja": "攻撃者がアクセスしたメール", "en": "messages the attacker accessed"}[lang(o.Lang)]
		all := c.Report
		views := []report.ViewCount{viewCount(ViewAll, all), viewCount(ViewAccessed, acc)}
		if a.Headline {
			c.Report = acc
			c.People = ares.People
			views[0], views[1] = views[1], views[0]
		}
		c.Report.Views = views
		in := map[string]bool{}
		for _, p := range ares.People {
			in[p.ID] = true
		}
		for i := range c.Report.People {
			c.Report.People[i].Access = map[bool]string{true: "accessed", false: "not-accessed"}[in[c.Report.People[i].ID]]
		}
		c.Report.Access = report.AccessSummary{Files: a.Files, Accessed: a.Messages, Synced: a.Synced, Missing: a.Missing, AllMessages: scope.Messages}
	}
	return c, nil
}

// ResolveCases resolves the people of the cases with the investigator's
// overrides applied: it returns the people, the categories the overrides
// set, and how many overrides applied.
func ResolveCases(ctx context.Context, cases []string) (*resolve.Result, map[string]string, int, error) {
	var ovs []Override
	for _, dir := range cases {
		x, err := ParseOverrides(filepath.Join(dir, OverridesFile))
		if err != nil {
			return nil, nil, 0, err
		}
		ovs = append(ovs, x...)
	}
	res, err := resolve.Resolve(ctx, func(fn func(*store.Finding) error) error {
		for _, dir := range cases {
			if err := store.EachFinding(dir, fn); err != nil {
				return fmt.Errorf("%s: %w", dir, err)
			}
		}
		return nil
	}, resolveOptions(ovs))
	if err != nil {
		return nil, nil, 0, err
	}
	chosen, applied := applyPeople(res, ovs)
	return res, chosen, applied, nil
}

// ownerOf is the person in the most messages: the mailbox's owner, in the
// To of what they received and the From of what they sent.
func ownerOf(ps []*resolve.Person) *resolve.Person {
	var best *resolve.Person
	for _, p := range ps {
		if len(p.Emails) == 0 {
			continue
		}
		if best == nil || len(p.Messages) > len(best.Messages) {
			best = p
		}
	}
	if best != nil && len(best.Messages) < 2 {
		return nil
	}
	return best
}

// categorize applies the rules of the categories file in order: the first
// that matches wins.
func categorize(p *resolve.Person, cats *Categories, def string) string {
	if p.Owner {
		// The owner sends and forwards everything (a 履歴書 forwarded is
		// no application): no rule describes them.
		return Owner
	}
	if cats != nil {
		for _, c := range cats.Categories {
			if matchesPeople(p, c.People) || matchesDomains(p, c.Domains) || matchesKeywords(p, c.Keywords) {
				return c.ID
			}
		}
	}
	return def
}

// matchesPeople matches a person to a row of a people file by e-mail, or
// by name and phone.
func matchesPeople(p *resolve.Person, known []KnownPerson) bool {
	for _, k := range known {
		if k.Email != "" && slices.Contains(p.Emails, resolve.EmailKey(k.Email)) {
			return true
		}
		if k.Name != "" && k.Phone != "" && slices.Contains(p.Keys, resolve.NameKey(k.Name)) {
			want := lastDigits(k.Phone)
			for _, ph := range p.Phones {
				if want != "" && lastDigits(ph) == want {
					return true
				}
			}
		}
	}
	return false
}

// lastDigits compares phones written nationally (03-1234-5678) and in
// E.164 (+81312345678): the last nine digits.
func lastDigits(s string) string {
	var d []byte
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			d = append(d, s[i])
		}
	}
	if len(d) < 6 {
		return ""
	}
	return string(d[max(0, len(d)-9):])
}

// matchesDomains matches any of the person's addresses: "fsa.go.jp" that
// domain, "*.go.jp" any domain below go.jp.
func matchesDomains(p *resolve.Person, domains []string) bool {
	for _, e := range p.Emails {
		d := e[strings.LastIndexByte(e, '@')+1:]
		for _, pat := range domains {
			if rest, ok := strings.CutPrefix(pat, "*."); ok {
				if strings.HasSuffix(d, "."+rest) {
					return true
				}
			} else if d == pat {
				return true
			}
		}
	}
	return false
}

// matchesKeywords matches people who sent a message whose findings'
// locations (attachment names: 履歴書_山田.pdf) or masked contexts hold a
// keyword.
// The message text itself is not in the case (the manifest carries no
// content), so a keyword only in a body without findings is not seen.
func matchesKeywords(p *resolve.Person, keywords []string) bool {
	if len(keywords) == 0 || len(p.Sent) == 0 {
		return false
	}
	for _, s := range p.SentText {
		for _, k := range keywords {
			if strings.Contains(s, k) {
				return true
			}
		}
	}
	return false
}

// readScope sums up the manifests of the cases.
func readScope(cases []string) (report.Scope, error) {
	sc := report.Scope{Cases: cases}
	sources := map[string]bool{}
	for _, dir := range cases {
		err := store.EachEntry(dir, nil, func(e *store.Entry) error {
			switch e.Kind {
			case store.KindMessage:
				sc.Messages++
				if e.ErrorParts > 0 {
					sc.Errors++
				}
				sc.Locked += len(e.Locked)
				sources[e.Source] = true
				if len(e.Date) >= 10 {
					d := e.Date[:10]
					if sc.First == "" || d < sc.First {
						sc.First = d
					}
					if d > sc.Last {
						sc.Last = d
					}
				}
			case store.KindSeen:
				sc.Duplicates++
				sources[e.Source] = true
			case store.KindUnlock:
				sc.Locked -= len(e.Unlocked)
			}
			return nil
		})
		if err != nil {
			return sc, fmt.Errorf("%s: %w", dir, err)
		}
	}
	for s := range sources {
		sc.Sources = append(sc.Sources, s)
	}
	slices.Sort(sc.Sources)
	return sc, nil
}

// build makes the report of the counted people.
func build(res *resolve.Result, category map[string]string, cats *Categories, def string, scope report.Scope, o CountOptions) *report.Report {
	r := &report.Report{Generated: o.Now, Scope: scope, PeopleTotal: len(res.People)}
	r.View = map[string]string{"ja": "調査対象のすべてのメール", "en": "all messages of the case"}[lang(o.Lang)]
	// Categories in the file's order, then the default and the owner.
	var order []report.Category
	index := map[string]int{}
	addCat := func(id, label string) {
		if _, ok := index[id]; !ok {
			index[id] = len(order)
			order = append(order, report.Category{ID: id, Label: label, Items: map[string]int{}})
		}
	}
	if cats != nil {
		for _, c := range cats.Categories {
			addCat(c.ID, c.Label)
		}
	}
	addCat(def, defaultLabel(cats, def, o.Lang))
	for _, p := range res.People {
		if id := category[p.ID]; id != Owner {
			addCat(id, id) // a category an investigator set that the file lacks
		}
	}
	addCat(Owner, map[string]string{"ja": "メールボックスの所有者", "en": "mailbox owner"}[lang(o.Lang)])
	combos := map[string]*report.Combination{}
	domains := map[string]int{}
	for _, p := range res.People {
		c := &order[index[category[p.ID]]]
		c.People++
		c.PersonIDs = append(c.PersonIDs, p.ID)
		for _, it := range p.Items {
			c.Items[it]++
		}
		key := strings.Join(p.Items, ",")
		if combos[key] == nil {
			combos[key] = &report.Combination{Items: p.Items}
		}
		combos[key].People++
		combos[key].PersonIDs = append(combos[key].PersonIDs, p.ID)
		has := func(ts ...string) bool {
			for _, t := range ts {
				if slices.Contains(p.Items, t) {
					return true
				}
			}
			return false
		}
		if has(pii.MyNumber) {
			r.Special.MyNumberPeople++
			r.Special.MyNumberIDs = append(r.Special.MyNumberIDs, p.ID)
		}
		if has(pii.IDDocument, pii.Passport, pii.DriversLicense, pii.FacePhoto) {
			r.Special.IDDocumentPeople++
			r.Special.IDDocumentIDs = append(r.Special.IDDocumentIDs, p.ID)
		}
		if has(pii.BankAccount, pii.CreditCard) {
			r.Special.FinancialPeople++
			r.Special.FinancialIDs = append(r.Special.FinancialIDs, p.ID)
		}
		if category[p.ID] == def {
			seen := map[string]bool{}
			for _, e := range p.Emails {
				d := e[strings.LastIndexByte(e, '@')+1:]
				if !seen[d] {
					seen[d] = true
					domains[d]++
				}
			}
		}
		r.People = append(r.People, person(p, category[p.ID], o.Reveal))
	}
	for _, c := range order {
		if c.People > 0 || c.ID != Owner {
			slices.Sort(c.PersonIDs)
			r.Categories = append(r.Categories, c)
		}
	}
	for _, c := range combos {
		r.Combinations = append(r.Combinations, *c)
	}
	slices.SortFunc(r.Combinations, func(a, b report.Combination) int {
		return cmp.Or(cmp.Compare(b.People, a.People), cmp.Compare(len(a.Items), len(b.Items)), cmp.Compare(strings.Join(a.Items, ","), strings.Join(b.Items, ",")))
	})
	for d, n := range domains {
		r.Unmatched = append(r.Unmatched, report.DomainCount{Domain: d, People: n})
	}
	slices.SortFunc(r.Unmatched, func(a, b report.DomainCount) int {
		return cmp.Or(cmp.Compare(b.People, a.People), cmp.Compare(a.Domain, b.Domain))
	})
	rank := map[string]int{}
	for i, c := range r.Categories {
		rank[c.ID] = i
	}
	slices.SortStableFunc(r.People, func(a, b report.Person) int {
		return cmp.Or(cmp.Compare(rank[a.Category], rank[b.Category]), cmp.Compare(a.ID, b.ID))
	})
	for _, p := range res.People {
		if p.NameOnly {
			r.Review.NameOnly++
		}
	}
	r.Review.Conflicts = len(res.Conflicts)
	r.Review.Unattributed = res.Unattributed
	r.Definition = definition(o.Lang)
	return r
}

func lang(l string) string {
	if l == "en" {
		return "en"
	}
	return "ja"
}

func defaultLabel(cats *Categories, def, l string) string {
	if cats != nil {
		if lb := cats.Label(def); lb != def {
			return lb
		}
	}
	if def == DefaultCategory {
		return map[string]string{"ja": "その他", "en": "other"}[lang(l)]
	}
	return def
}

// person is the report's row of a person, masked unless reveal.
func person(p *resolve.Person, category string, reveal bool) report.Person {
	mask := func(typ string, vs []string) []string {
		out := make([]string, len(vs))
		for i, v := range vs {
			if reveal {
				out[i] = v
			} else {
				out[i] = detectors.Mask(typ, v)
			}
		}
		return out
	}
	return report.Person{
		ID: p.ID, Category: category,
		Names: mask(pii.PersonName, p.Names), Emails: mask(pii.Email, p.Emails), Phones: mask(pii.Phone, p.Phones),
		Companies: p.Companies, Items: p.Items, Messages: len(p.Messages), MessageIDs: p.MessageIDs,
		First: p.First, Last: p.Last, Internal: p.Owner, Reasons: p.Reasons,
	}
}

// definition states what makes a person count.
func definition(l string) report.Definition {
	if lang(l) == "en" {
		return report.Definition{Rules: []string{
			"A person is someone the mail identifies: by an e-mail address that is not a role or list mailbox (info@, noreply@, list addresses), or by a name together with another item about them (phone, address, birth date, company ...), or by a full name alone (counted once per name, listed for review). A family name alone counts as nobody.",
			"Identities are one person when they share an e-mail address, or a name and a mobile phone, birth date, company or address, or a mobile phone with names that agree. A name alone never merges two identities; a landline or switchboard never does.",
			"Each item counts for the person it is about: the cells of one row of a table belong to that row's person, the lines of a signature to its name, an address in a header to its display name.",
			"Each person counts once in the whole report, in the first category of the categories file whose rule matches (people file by e-mail, or name and phone; e-mail domain; keyword), else in the default category; the mailbox owner is counted apart.",
		}}
	}
	return report.Definition{Rules: []string{
		"人数は、メールから特定できる個人の数です。役割・配信用アドレス（info@、noreply@、メーリングリスト等）ではないメールアドレス、または氏名とその方に関する他の項目（電話番号、住所、生年月日、会社名等）、または氏名（姓名）のみ（同じ氏名は1人として数え、確認対象として一覧化）で特定される方を1人と数えます。姓のみの記載は数えていません。",
		"同じメールアドレス、または同じ氏名と携帯電話番号・生年月日・会社名・住所、または氏名が矛盾しない同じ携帯電話番号を持つものを同一人物としています。氏名のみ、代表電話番号のみで同一人物とすることはありません。",
		"各項目は、その情報が示す方の項目として数えています（表の1行はその行の方、署名欄はその署名の方、ヘッダーのアドレスはその表示名の方）。",
		"各人は報告全体で1回だけ、分類ファイルで最初に該当した区分（名簿のメールアドレスまたは氏名と電話番号、メールアドレスのドメイン、キーワード）に数え、該当しない方は既定の区分に数えています。メールボックスの所有者は別に示しています。",
	}}
}
