// Package resolve turns a case's findings into people: it groups the
// findings of each message into identities (an address in a header field
// with its display name, a row of a table, a name with what follows it in
// a signature or a form), then links identities that share strong
// evidence, recording why, and lists what disagrees for review.
//
// What links two identities (shared/spec/people.md):
//   - the same e-mail address (EmailKey), unless it is a role or list
//     mailbox (IsRoleAddress), which is no person at all;
//   - the same name (NameKey) and the same mobile phone, birth date,
//     company or personal address;
//   - the same mobile phone when their names do not disagree.
//
// A name alone never links two identities, with one exception that keeps
// a mention from becoming a person of its own: a name without other
// evidence joins the one person of the same message with that name (the
// 佐藤です of a body and the 佐藤 花子 of its signature). Full names that
// remain alone are counted once per name key and flagged NameOnly; family
// names alone count as nobody.
package resolve

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/mailsift/mailsift/pii"
	"github.com/mailsift/mailsift/store"
)

// Person is one resolved person.
type Person struct {
	ID string
	// Names are the names as written, most frequent first; Keys their
	// match keys.
	Names     []string
	Keys      []string
	Emails    []string
	Phones    []string
	Companies []string
	// Items are the finding types found about the person, in pii order.
	Items []string
	// Findings are the ids of the findings about the person.
	Findings []string
	// Messages are the message_sha256 of the messages those findings are
	// in, sorted; MessageIDs their Message-IDs (the first few).
	Messages   []string
	MessageIDs []string
	First      string // date of the first and last of those messages
	Last       string
	// Sent are the messages the person sent (their address in From), and
	// SentText the places and (masked) contexts of the findings in them
	// (attachment names such as 履歴書_山田.pdf), for keyword rules.
	Sent     []string
	SentText []string
	// Reasons say why identities were merged into this person.
	Reasons  []string
	NameOnly bool // known by a name and nothing else
	Owner    bool // the mailbox owner
}

// Conflict is evidence that links identities which disagree: an address
// used under two unrelated names, a person with two birth dates.
type Conflict struct {
	Person string // the person the identities were merged into
	Kind   string // "names", "birth_date"
	Values []string
}

// Result is the people of a case.
type Result struct {
	People []*Person // sorted by ID
	// Person maps a finding id to the id of the person it is about.
	Person       map[string]string
	Conflicts    []Conflict
	Unattributed int // findings about nobody identifiable
}

// Options configure Resolve.
type Options struct {
	// Gap is how far (bytes) a finding may follow the previous finding of
	// an identity in running text and still belong to it; 0 = 300.
	Gap int
	// Exclude are findings an investigator marked false positives: they
	// are about nobody.
	Exclude map[string]bool
	// Apart are keys (an e-mail address as EmailKey, or a name as
	// NameKey) an investigator split off: identities holding one are
	// linked only with identities holding it too.
	Apart map[string]bool
}

// Resolve reads every finding from each (in findings-file order, which
// keeps a message's findings together) and returns the people.
func Resolve(ctx context.Context, each func(fn func(*store.Finding) error) error, opts Options) (*Result, error) {
	if opts.Gap <= 0 {
		opts.Gap = 300
	}
	b := newBuilder(opts)
	var group []store.Finding
	flush := func() {
		if len(group) > 0 {
			b.message(group)
			group = group[:0]
		}
	}
	n := 0
	// A finding's id is derived from its message and place: the same
	// message in two mailboxes gives the same findings, counted once.
	seen := map[string]struct{}{}
	err := each(func(f *store.Finding) error {
		if _, dup := seen[f.ID]; (dup && f.ID != "") || opts.Exclude[f.ID] {
			return nil
		}
		seen[f.ID] = struct{}{}
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if len(group) > 0 && group[0].MessageSHA256 != f.MessageSHA256 {
			flush()
		}
		group = append(group, *f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("resolve people: %w", err)
	}
	flush()
	return b.result(), nil
}

// identity is what one place says about one person: the findings of an
// address in a header, a table row, a name and what follows it.
type identity struct {
	msg       int // index into builder.msgs
	names     []string
	nameKeys  []string
	emails    []string // EmailKey
	phones    []string // E.164
	births    []string
	companies []string
	addresses []string
	findings  []int // indexes into builder.finds
	from      bool  // the address of a From header
	role      bool  // holds a role or list address
	header    bool  // an address of a header field
	row       bool  // a row of a table
}

type findingRef struct {
	id, typ string
}

type msgInfo struct {
	sha, messageID, date string
	places               string // the distinct locations of its findings, cut
}

type builder struct {
	opts   Options
	msgs   []msgInfo
	finds  []findingRef
	ids    []*identity
	unattr int
}

func newBuilder(opts Options) *builder { return &builder{opts: opts} }

// message cuts the findings of one message into identities.
func (b *builder) message(fs []store.Finding) {
	mi := len(b.msgs)
	info := msgInfo{sha: fs[0].MessageSHA256, messageID: fs[0].MessageID, date: fs[0].Date}
	var places strings.Builder
	seen := map[string]bool{}
	for i := range fs {
		for _, l := range [...]string{fs[i].Location, fs[i].Context} {
			if l != "" && !seen[l] && places.Len() < 8192 {
				seen[l] = true
				places.WriteString(l)
				places.WriteByte('\n')
			}
		}
	}
	info.places = places.String()
	b.msgs = append(b.msgs, info)
	units := map[string][]int{}
	var order []string
	for i := range fs {
		k := unitKey(fs[i].Location)
		if _, ok := units[k]; !ok {
			order = append(order, k)
		}
		units[k] = append(units[k], i)
	}
	var ids []*identity
	for _, k := range order {
		idx := units[k]
		slices.SortStableFunc(idx, func(a, c int) int { return cmp.Compare(fs[a].Start, fs[c].Start) })
		switch {
		case strings.HasPrefix(k, "header:"):
			ids = append(ids, b.header(mi, k, fs, idx)...)
		case strings.HasPrefix(k, "row:"):
			id := &identity{msg: mi, row: true}
			for _, i := range idx {
				b.add(id, &fs[i])
			}
			ids = append(ids, id)
		default:
			ids = append(ids, b.text(mi, fs, idx)...)
		}
	}
	b.familyToPrincipal(ids)
	for _, id := range ids {
		if len(id.findings) == 0 {
			continue
		}
		if (len(id.emails) == 0 && len(id.nameKeys) == 0) || (id.header && id.role && len(id.emails) == 0) {
			// A role mailbox's display name is a team's, not a person's.
			b.unattr += len(id.findings)
			continue
		}
		b.ids = append(b.ids, id)
	}
}

// familyToPrincipal gives the family items of a message (a 続柄 cell in
// the row of 配偶者 山田花子, a 続柄：子 under the child's name in a form)
// to the person whose family it is: the sender of the message. The family
// member stays a person of their own with the rest of their row or block.
func (b *builder) familyToPrincipal(ids []*identity) {
	var sender *identity
	for _, id := range ids {
		if id.header && id.from && len(id.emails) > 0 && !id.role {
			sender = id
			break
		}
	}
	if sender == nil {
		return
	}
	for _, id := range ids {
		if id.header || id == sender {
			continue
		}
		kept := id.findings[:0]
		for _, fi := range id.findings {
			if b.finds[fi].typ == pii.Family {
				sender.findings = append(sender.findings, fi)
			} else {
				kept = append(kept, fi)
			}
		}
		id.findings = kept
	}
}

// header cuts an address-list field into one identity per address: the
// address and the display name before it.
func (b *builder) header(mi int, loc string, fs []store.Finding, idx []int) []*identity {
	var out []*identity
	cur := &identity{msg: mi, from: loc == "header:From", header: true}
	for _, i := range idx {
		f := &fs[i]
		b.add(cur, f)
		if f.Type == pii.Email {
			out = append(out, cur)
			cur = &identity{msg: mi, from: cur.from, header: true}
		}
	}
	return append(out, cur)
}

// text cuts running text: an identity starts at a name (or at an address
// with no name before it) and takes what follows within Gap bytes.
func (b *builder) text(mi int, fs []store.Finding, idx []int) []*identity {
	var out []*identity
	var cur *identity
	lastEnd := -1 << 30
	lastName := ""
	lastNameEnd := -1 << 30
	for n, i := range idx {
		f := &fs[i]
		near := f.Start-lastEnd <= b.opts.Gap
		switch {
		case f.Type == pii.PersonName && cur != nil && len(cur.names) > 0 && f.Start-lastNameEnd <= readingGap &&
			isKana(lastName) != isKana(f.Value):
			// 山田 太郎 then its reading (ヤマダ タロウ) on the next line:
			// one person's name in two scripts.
		case f.Type == pii.PersonName && (cur == nil || len(cur.names) > 0 || !near):
			cur = &identity{msg: mi}
			out = append(out, cur)
		case f.Type == pii.Email && cur != nil && len(cur.emails) > 0:
			cur = &identity{msg: mi}
			out = append(out, cur)
		case cur == nil || !near:
			cur = &identity{msg: mi}
			out = append(out, cur)
		case (f.Type == pii.Company || f.Type == pii.Title) && cur != nil && len(cur.names) > 0 && headsBlock(fs, idx[n:]):
			// A signature often puts company and title above the name
			// (株式会社X / 営業部 部長 / 山田 太郎): they start the next
			// person's block, not the end of the previous one.
			cur = &identity{msg: mi}
			out = append(out, cur)
		}
		b.add(cur, f)
		lastEnd = max(lastEnd, f.End)
		if f.Type == pii.PersonName {
			lastName, lastNameEnd = f.Value, f.End
		}
	}
	return out
}

// readingGap is how close a name's reading follows it (the next line of a
// form: お名前 / フリガナ).
const readingGap = 60

// headsBlock reports whether the company and title findings at the start
// of rest lead to a name close below them: the head of a signature.
func headsBlock(fs []store.Finding, rest []int) bool {
	end := fs[rest[0]].End
	for _, i := range rest[1:] {
		f := &fs[i]
		if f.Start-end > 120 {
			return false
		}
		switch f.Type {
		case pii.PersonName:
			return true
		case pii.Company, pii.Title:
			end = f.End
		default:
			return false
		}
	}
	return false
}

// kanaRank puts a reading after the name it reads.
func kanaRank(s string) int {
	if isKana(s) {
		return 1
	}
	return 0
}

// isKana reports whether a name is written in kana only (a reading).
func isKana(s string) bool {
	kana := false
	for _, r := range s {
		switch {
		case r >= 'ぁ' && r <= 'ゖ', r >= 'ァ' && r <= 'ヺ', r == 'ー', r >= 'ｦ' && r <= 'ﾟ':
			kana = true
		case r == ' ' || r == '　' || r == '・':
		default:
			return false
		}
	}
	return kana
}

// add puts a finding into an identity.
func (b *builder) add(id *identity, f *store.Finding) {
	id.findings = append(id.findings, len(b.finds))
	b.finds = append(b.finds, findingRef{id: f.ID, typ: f.Type})
	v := f.Value
	switch f.Type {
	case pii.PersonName:
		// The name as written keeps its spaces (YAMADA Taro) for the key
		// and the display; the value is the fallback.
		w := strings.TrimSpace(f.Written)
		if w == "" {
			w = v
		}
		if k := NameKey(w); k != "" {
			id.names = append(id.names, w)
			id.nameKeys = append(id.nameKeys, k)
		}
	case pii.Email:
		if k := EmailKey(v); k != "" && !IsRoleAddress(k) {
			id.emails = append(id.emails, k)
		} else {
			id.role = true
		}
	case pii.Phone:
		id.phones = append(id.phones, v)
	case pii.BirthDate:
		id.births = append(id.births, v)
	case pii.Company:
		id.companies = append(id.companies, strings.ToLower(v))
	case pii.Address:
		id.addresses = append(id.addresses, v)
	}
}

// unitKey groups the findings of a message into places: a header field,
// a table row ("attachment:a.xlsx#Sheet1!C12" and "#B2" rows), or a text.
func unitKey(loc string) string {
	if strings.HasPrefix(loc, "header:") || strings.Contains(loc, ".header:") {
		return "header:" + strings.TrimPrefix(loc, "header:")
	}
	if i := strings.LastIndexByte(loc, '#'); i >= 0 {
		cell := loc[i+1:]
		if j := strings.LastIndexByte(cell, '!'); j >= 0 {
			cell = cell[j+1:]
		}
		k := 0
		for k < len(cell) && cell[k] >= 'A' && cell[k] <= 'Z' {
			k++
		}
		if k > 0 && k < len(cell) && allDigits(cell[k:]) {
			return "row:" + loc[:len(loc)-len(cell)] + cell[k:]
		}
	}
	return "text:" + loc
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// result links the identities and builds the people.
func (b *builder) result() *Result {
	u := newUnion(len(b.ids))
	reasons := map[int][]string{} // by identity: why it joined its group
	// The full names of each group, by its root: a weak link must not join
	// groups whose names disagree.
	names := map[int]map[string]bool{}
	for i, id := range b.ids {
		for _, k := range id.nameKeys {
			if FullName(k) {
				if names[i] == nil {
					names[i] = map[string]bool{}
				}
				names[i][k] = true
			}
		}
	}
	apart := func(id *identity) string {
		for _, k := range id.emails {
			if b.opts.Apart[k] {
				return k
			}
		}
		for _, k := range id.nameKeys {
			if b.opts.Apart[k] {
				return k
			}
		}
		return ""
	}
	link := func(i, j int, why string) {
		if len(b.opts.Apart) > 0 && apart(b.ids[i]) != apart(b.ids[j]) {
			return // split off by the investigator
		}
		ri, rj := u.find(i), u.find(j)
		if !u.union(i, j) {
			return
		}
		reasons[j] = append(reasons[j], why)
		r := u.find(i)
		merged := names[ri]
		if merged == nil {
			merged = map[string]bool{}
		}
		for k := range names[rj] {
			merged[k] = true
		}
		delete(names, ri)
		delete(names, rj)
		names[r] = merged
	}
	agree := func(i, j int) bool {
		a, c := names[u.find(i)], names[u.find(j)]
		if len(a) == 0 || len(c) == 0 {
			return true
		}
		for k := range a {
			if c[k] {
				return true
			}
		}
		return false
	}
	first := map[string]int{}
	by := func(key string, i int, why string) {
		if j, ok := first[key]; ok {
			link(j, i, why)
		} else {
			first[key] = i
		}
	}
	for i, id := range b.ids {
		for _, e := range id.emails {
			by("e\x00"+e, i, "same e-mail address")
		}
		for _, n := range id.nameKeys {
			if !FullName(n) {
				continue // a family name, or a word taken for a name
			}
			for _, p := range id.phones {
				if Mobile(p) {
					by("np\x00"+n+"\x00"+p, i, "same name and mobile phone")
				}
			}
			for _, d := range id.births {
				by("nb\x00"+n+"\x00"+d, i, "same name and birth date")
			}
			for _, c := range id.companies {
				by("nc\x00"+n+"\x00"+c, i, "same name and company")
			}
			for _, a := range id.addresses {
				by("na\x00"+n+"\x00"+a, i, "same name and address")
			}
		}
	}
	// The same full name twice in one message, each with other evidence
	// (the From address and the signature, a form's 申告者 and the sender)
	// is one person.
	inMsg := map[string]int{}
	for pass := 0; pass < 2; pass++ {
		// Rows only join the sender's or a text's identity: two rows of
		// one list with one name are namesakes.
		for i, id := range b.ids {
			if !strongIdentity(id) || id.row != (pass == 1) {
				continue
			}
			for _, k := range id.nameKeys {
				if !FullName(k) {
					continue
				}
				key := fmt.Sprint(id.msg) + "\x00" + k
				if j, ok := inMsg[key]; ok {
					link(j, i, "same full name in one message")
				} else if !id.row {
					inMsg[key] = i
				}
			}
		}
	}
	// A mobile alone links identities whose names do not disagree.
	mob := map[string]int{}
	for i, id := range b.ids {
		for _, p := range id.phones {
			if !Mobile(p) {
				continue
			}
			if j, ok := mob[p]; ok && agree(j, i) {
				link(j, i, "same mobile phone, names agree")
			} else if !ok {
				mob[p] = i
			}
		}
	}
	// A name without other evidence joins the one person of its message
	// with that name.
	byMsg := map[int][]int{}
	for i, id := range b.ids {
		byMsg[id.msg] = append(byMsg[id.msg], i)
	}
	for i, id := range b.ids {
		if strongIdentity(id) {
			continue
		}
		match := -1
		ambiguous := false
		for _, j := range byMsg[id.msg] {
			other := b.ids[j]
			if j == i || !strongIdentity(other) || !shareNameOrFamily(id.nameKeys, other.nameKeys) {
				continue
			}
			if match >= 0 && u.find(match) != u.find(j) {
				ambiguous = true
			}
			match = j
		}
		if match >= 0 && !ambiguous {
			link(match, i, "name mentioned in a message where it names one person")
		}
	}
	// A full name without other evidence anywhere joins the one person of
	// the case known by that name with other evidence.
	strongByName := map[string]int{}
	multiple := map[string]bool{}
	for i, id := range b.ids {
		if !strongIdentity(id) {
			continue
		}
		for _, k := range id.nameKeys {
			if !FullName(k) {
				continue
			}
			if j, ok := strongByName[k]; ok && u.find(j) != u.find(i) {
				multiple[k] = true
			} else if !ok {
				strongByName[k] = i
			}
		}
	}
	for i, id := range b.ids {
		if strongIdentity(id) || u.find(i) != i && len(reasons[i]) > 0 {
			continue
		}
		for _, k := range id.nameKeys {
			if j, ok := strongByName[k]; ok && !multiple[k] && FullName(k) {
				link(j, i, "full name of one known person, mentioned alone")
				break
			}
		}
	}
	return b.people(u, reasons)
}

func strongIdentity(id *identity) bool {
	return len(id.emails) > 0 || len(id.phones) > 0 || len(id.births) > 0 || len(id.companies) > 0 || len(id.addresses) > 0
}

// shareNameOrFamily reports whether a mention's name is one of the names,
// or the family name at the start of one (佐藤 of 佐藤花子).
func shareNameOrFamily(mention, names []string) bool {
	for _, m := range mention {
		for _, n := range names {
			if m == n || (strings.HasPrefix(m, "j:") && !FullName(m) && strings.HasPrefix(n, m)) {
				return true
			}
		}
	}
	return false
}

// people builds one Person per group of linked identities.
func (b *builder) people(u *union, reasons map[int][]string) *Result {
	groups := map[int][]int{}
	for i := range b.ids {
		r := u.find(i)
		groups[r] = append(groups[r], i)
	}
	res := &Result{Person: map[string]string{}, Unattributed: b.unattr}
	nameOnly := map[string]*Person{}
	conflicts := map[*Person][]Conflict{}
	for _, members := range groups {
		p := &Person{}
		names, emails, phones, companies := counter{}, counter{}, counter{}, counter{}
		keys := map[string]bool{}
		items := map[string]bool{}
		msgs := map[int]bool{}
		births := map[string]bool{}
		strong := false
		for _, i := range members {
			id := b.ids[i]
			for k, n := range id.names {
				names.add(n)
				keys[id.nameKeys[k]] = true
			}
			for _, e := range id.emails {
				emails.add(e)
				if id.from {
					p.Sent = append(p.Sent, b.msgs[id.msg].sha)
					p.SentText = append(p.SentText, b.msgs[id.msg].places)
				}
			}
			for _, x := range id.phones {
				phones.add(x)
			}
			for _, x := range id.companies {
				companies.add(x)
			}
			for _, x := range id.births {
				births[x] = true
			}
			strong = strong || strongIdentity(id)
			msgs[id.msg] = true
			for _, fi := range id.findings {
				items[b.finds[fi].typ] = true
				p.Findings = append(p.Findings, b.finds[fi].id)
			}
		}
		p.Names, p.Emails, p.Phones, p.Companies = names.sorted(), emails.sorted(), phones.sorted(), companies.sorted()
		for k := range keys {
			p.Keys = append(p.Keys, k)
		}
		slices.Sort(p.Keys)
		if !strong {
			// A name alone: a full name counts once per key, a family
			// name counts as nobody.
			full := ""
			for _, k := range p.Keys {
				if FullName(k) {
					full = k
					break
				}
			}
			if full == "" {
				res.Unattributed += len(p.Findings)
				continue
			}
			if q := nameOnly[full]; q != nil {
				q.Findings = append(q.Findings, p.Findings...)
				for m := range msgs {
					q.Messages = append(q.Messages, b.msgs[m].sha)
				}
				continue
			}
			p.NameOnly = true
			nameOnly[full] = p
		}
		for _, t := range pii.Names() {
			if items[t] {
				p.Items = append(p.Items, t)
			}
		}
		for m := range msgs {
			p.Messages = append(p.Messages, b.msgs[m].sha)
		}
		for _, i := range members {
			p.Reasons = append(p.Reasons, reasons[i]...)
		}
		p.Reasons = dedupe(p.Reasons)
		if len(births) > 1 {
			conflicts[p] = append(conflicts[p], Conflict{Kind: "birth_date", Values: sortedKeys(births)})
		}
		if conflictingNames(p.Keys) && len(p.Emails) > 0 {
			conflicts[p] = append(conflicts[p], Conflict{Kind: "names", Values: p.Names})
		}
		res.People = append(res.People, p)
	}
	msgBySHA := map[string]msgInfo{}
	for _, m := range b.msgs {
		if _, ok := msgBySHA[m.sha]; !ok {
			msgBySHA[m.sha] = m
		}
	}
	for _, p := range res.People {
		p.Messages = dedupe(p.Messages)
		p.Sent = dedupe(p.Sent)
		for _, m := range p.Messages {
			mi := msgBySHA[m]
			if mi.date != "" {
				d := mi.date[:min(10, len(mi.date))]
				if p.First == "" || d < p.First {
					p.First = d
				}
				if d > p.Last {
					p.Last = d
				}
			}
			if mi.messageID != "" && len(p.MessageIDs) < 20 {
				p.MessageIDs = append(p.MessageIDs, mi.messageID)
			}
		}
		slices.Sort(p.MessageIDs)
		p.ID = personID(p)
	}
	// Two people with the same id would be the same evidence twice; keep
	// ids unique by the order of their findings.
	slices.SortFunc(res.People, func(a, c *Person) int {
		return cmp.Or(cmp.Compare(a.ID, c.ID), cmp.Compare(a.Findings[0], c.Findings[0]))
	})
	for i := 1; i < len(res.People); i++ {
		if res.People[i].ID == res.People[i-1].ID {
			res.People[i].ID += fmt.Sprintf("-%d", i)
		}
	}
	for _, p := range res.People {
		for _, f := range p.Findings {
			res.Person[f] = p.ID
		}
		for _, c := range conflicts[p] {
			c.Person = p.ID
			res.Conflicts = append(res.Conflicts, c)
		}
	}
	return res
}

// conflictingNames reports Japanese-script names that share nothing (an
// address used by two people), as opposed to one name in two scripts.
func conflictingNames(keys []string) bool {
	var ja []string
	for _, k := range keys {
		if strings.HasPrefix(k, "j:") && FullName(k) {
			ja = append(ja, k)
		}
	}
	for i := range ja {
		for j := i + 1; j < len(ja); j++ {
			a, c := []rune(ja[i][2:]), []rune(ja[j][2:])
			if a[0] != c[0] {
				return true
			}
		}
	}
	return false
}

// personID is stable across runs over the same case: derived from the
// person's strongest evidence.
func personID(p *Person) string {
	var key string
	switch {
	case len(p.Emails) > 0:
		key = "e:" + slices.Min(p.Emails)
	case len(p.Keys) > 0 && len(p.Phones) > 0:
		key = "np:" + p.Keys[0] + "|" + slices.Min(p.Phones)
	case len(p.Keys) > 0:
		key = "n:" + p.Keys[0] + "|" + slices.Min(p.Findings)
	default:
		key = "f:" + slices.Min(p.Findings)
	}
	if p.NameOnly {
		key = "n:" + p.Keys[0]
	}
	sum := sha256.Sum256([]byte(key))
	return "p-" + hex.EncodeToString(sum[:5])
}

type counter map[string]int

func (c counter) add(s string) { c[s]++ }

// sorted returns the values most frequent first, then the longest (a full
// name before a family name, a name with its space before one without),
// then in byte order.
func (c counter) sorted() []string {
	out := make([]string, 0, len(c))
	for s := range c {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b string) int {
		return cmp.Or(cmp.Compare(c[b], c[a]), cmp.Compare(kanaRank(a), kanaRank(b)), cmp.Compare(len(b), len(a)), cmp.Compare(a, b))
	})
	return out
}

func dedupe(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// union is a union-find over identities.
type union struct{ parent, rank []int }

func newUnion(n int) *union {
	u := &union{parent: make([]int, n), rank: make([]int, n)}
	for i := range u.parent {
		u.parent[i] = i
	}
	return u
}

func (u *union) find(i int) int {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

// union merges the groups of i and j and reports whether they were apart.
func (u *union) union(i, j int) bool {
	a, b := u.find(i), u.find(j)
	if a == b {
		return false
	}
	if u.rank[a] < u.rank[b] {
		a, b = b, a
	}
	u.parent[b] = a
	if u.rank[a] == u.rank[b] {
		u.rank[a]++
	}
	return true
}
