package mailgen

import (
	piitypes "github.com/mailsift/mailsift/pii"

	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// PeopleOptions select the people corpus.
type PeopleOptions struct {
	// Seed makes the corpus: the same options always give the same bytes.
	Seed int64
}

// peopleCustomers is the number of rows of the customer list.
const peopleCustomers = 300

// PeopleCorpus is the mailbox of one person, 西村 直人 of みらいアセット株式会社,
// with the truth about everyone in it: who is who, in which category, and
// which items the mail reveals about them. It is what a person-counting
// tool is measured against (People).
type PeopleCorpus struct {
	*Corpus
	Truth *PeopleTruth
	// Categories is the categories file (YAML) an investigator would write
	// for this mailbox; it names PeopleCustomersFile as its customers.
	Categories []byte
	// CustomersCSV is the customer register (name,email,phone) the
	// categories file names: the firm's own list of its customers.
	CustomersCSV []byte
}

// The files WritePeople writes into its directory.
const (
	PeopleMboxFile       = "people.mbox"
	PeopleCategoriesFile = "categories.yaml"
	PeopleCustomersFile  = "customers.csv"
	PeopleTruthFile      = "truth.json"
)

// PeopleTruth is who is who in a PeopleCorpus.
type PeopleTruth struct {
	Seed int64 `json:"seed"`
	// Rules say what the truth counts as a person and how it links
	// identities: the definition the counts are right under.
	Rules      []string        `json:"rules"`
	Owner      string          `json:"owner"` // id of the mailbox owner
	Categories []TruthCategory `json:"categories"`
	People     []TruthPerson   `json:"people"`
	// NotPeople are the addresses in the mail that are no person: role
	// and team mailboxes, a mailing list's addresses.
	NotPeople []TruthRole `json:"not_people"`
	// Messages is the number of messages.
	Messages int `json:"messages"`
}

// TruthCategory is a category of the categories file with its true count.
type TruthCategory struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	People int    `json:"people"`
	// Items counts the people of the category per item type.
	Items map[string]int `json:"items"`
}

// TruthPerson is one real person of the corpus.
type TruthPerson struct {
	ID       string `json:"id"`
	Category string `json:"category"`
	// Names are the forms of the person's name the mail writes, each with
	// how the mail links it to the person's other evidence.
	Names  []TruthName `json:"names"`
	Emails []string    `json:"emails,omitempty"` // lower case, as written
	Phones []string    `json:"phones,omitempty"` // E.164
	// Items are the finding types the mail reveals about the person, in
	// pii order: only what the mail holds, of the kinds the detectors
	// report.
	Items []string `json:"items"`
	// Messages is the number of messages that say anything about them;
	// MessageIDs their Message-IDs (without angle brackets), sorted.
	Messages   int      `json:"messages"`
	MessageIDs []string `json:"message_ids"`
	// Cases name the hard cases the person is part of.
	Cases []string `json:"cases,omitempty"`
}

// TruthName is one written form of a name.
type TruthName struct {
	Form string `json:"form"` // kanji, kana, latin
	Text string `json:"text"`
	// Link says what in the mail ties this form to the person: "same row
	// of 顧客名簿.xlsx", "same signature block", "display name of the
	// address", ... The mail never links forms by their reading alone.
	Link string `json:"link"`
}

// TruthRole is an address that is no person.
type TruthRole struct {
	Email string `json:"email"`
	Kind  string `json:"kind"` // role, team, list
}

// WritePeople writes the corpus into dir: PeopleMboxFile, the categories
// file and the customer register it names, and the truth as JSON.
func (pc *PeopleCorpus) WritePeople(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("mailgen: %w", err)
	}
	if err := writeFile(filepath.Join(dir, PeopleMboxFile), pc.WriteMbox); err != nil {
		return err
	}
	truth, err := json.MarshalIndent(pc.Truth, "", " ")
	if err != nil {
		return fmt.Errorf("mailgen: truth: %w", err)
	}
	for name, b := range map[string][]byte{
		PeopleCategoriesFile: pc.Categories,
		PeopleCustomersFile:  pc.CustomersCSV,
		PeopleTruthFile:      append(truth, '\n'),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return fmt.Errorf("mailgen: %w", err)
		}
	}
	return nil
}

// ReadPeopleTruth reads the truth WritePeople wrote.
func ReadPeopleTruth(path string) (*PeopleTruth, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("mailgen: %w", err)
	}
	var t PeopleTruth
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("mailgen: %s: %w", path, err)
	}
	return &t, nil
}

// The categories of the corpus, in the order of the categories file.
const (
	catCustomer     = "customer"
	catRegulator    = "regulator"
	catCounterparty = "counterparty"
	catVendor       = "vendor"
	catApplicant    = "applicant"
	catOther        = "other"
	catOwner        = "owner"
)

var peopleCategories = []struct{ id, label string }{
	{catCustomer, "顧客"},
	{catRegulator, "監督官庁・行政機関・協会"},
	{catCounterparty, "取引先"},
	{catVendor, "委託先"},
	{catApplicant, "採用応募者"},
	{catOther, "その他"},
	{catOwner, "メールボックスの所有者"},
}

// truthRules is the definition the truth follows.
var truthRules = []string{
	"A person is someone the mail identifies: by an e-mail address that is not a role, team or list mailbox, or by a name together with another item about them, or by a full name alone. A family name alone is nobody.",
	"Identities are one person when the mail links them: the same address, the same row of a table, the same signature block or form, a name with the same mobile phone, or the same full name within one message that has one person of that name. A kanji and a Latin or kana form are linked only that way, never by reading them.",
	"Family members listed with a name and a date of birth in an employee's form are people of their own; their items are their own, not the employee's.",
	"Each person counts once, in the first category of categories.yaml whose rule matches them (customers.csv by e-mail or by name and phone, e-mail domain, keyword in a message they sent, attachment names included); the mailbox owner, whom no rule should claim, counts as owner.",
	"Items are the finding types the mail reveals about the person: the cells of their row, the lines of their signature (company address and switchboard included), the fields of their form, their addresses in headers.",
}

// pcompany is a company (or office) of the people corpus.
type pcompany struct {
	name, nameEn string
	domain       string
	postal       string // 〒NNN-NNNN
	address      string
	addressEn    string
	area         string
	main, fax    phone
	cat          string
	english      bool
}

// pperson is a person of the people corpus, with what the mail has
// revealed about them so far.
type pperson struct {
	id       string
	cat      string
	fam, giv jname
	latin    string // a non-Japanese name ("Emily Clark"); fam, giv empty then
	emails   []string
	mobile   phone
	direct   phone
	home     phone // home landline, instead of a mobile
	co       *pcompany
	dept     string
	title    string
	titleEn  string
	birth    time.Time
	address  string // home address
	passport string
	myNumber string
	licence  string

	items map[string]bool
	names []TruthName
	msgs  map[string]bool // Message-IDs
	cases []string
}

func (p *pperson) email() string { return p.emails[0] }

// work is p's address at their company, else their first.
func (p *pperson) work() string { return p.emails[p.at()] }

// at is the index of p's address at their company, else 0.
func (p *pperson) at() int {
	if p.co != nil {
		for i, e := range p.emails {
			if strings.HasSuffix(e, "@"+p.co.domain) {
				return i
			}
		}
	}
	return 0
}

// kanji is "西村 直人"; kanjiTight "西村直人".
func (p *pperson) kanji() string {
	if p.latin != "" {
		return p.latin
	}
	return p.fam.kanji + " " + p.giv.kanji
}
func (p *pperson) kanjiTight() string { return p.fam.kanji + p.giv.kanji }
func (p *pperson) kana() string       { return p.fam.kana + " " + p.giv.kana }

// roman is "Naoto Nishimura"; romanUpper "NISHIMURA Naoto".
func (p *pperson) roman() string {
	if p.latin != "" {
		return p.latin
	}
	return p.giv.romaji + " " + p.fam.romaji
}
func (p *pperson) romanUpper() string { return strings.ToUpper(p.fam.romaji) + " " + p.giv.romaji }

// phone is the number the person gives as theirs: the mobile, else the
// home line, else the direct line.
func (p *pperson) phone() phone {
	switch {
	case p.mobile != phone{}:
		return p.mobile
	case p.home != phone{}:
		return p.home
	}
	return p.direct
}

func (p *pperson) addCase(c string) {
	if !slices.Contains(p.cases, c) {
		p.cases = append(p.cases, c)
	}
}

// pgen is one People run.
type pgen struct {
	g      *gen
	r      *rand.Rand // the cast's stream
	opts   PeopleOptions
	phones map[string]bool
	inUse  map[string]bool
	full   map[string]bool // full kanji names in use
	people []*pperson
	roles  []TruthRole
	clock  time.Time

	owner      *pperson
	own        *pcompany // the owner's company
	colleagues []*pperson
	customers  []*pperson
	counterCos []*pcompany
	vendorCos  []*pcompany
	staff      map[*pcompany][]*pperson
	regulators []*pperson
	applicants []*pperson
	posters    []*pperson
	regCos     []*pcompany
	listCos    []*pcompany
	lawyer     *pperson
}

// People generates the people corpus for opts: about 200 messages of a
// Japanese securities firm's general-affairs manager, with a customer list
// of 300 rows, counterparties and vendors who write with
// signatures, regulators, applicants sending résumés, a mailing list, role
// and team mailboxes, colleagues' family forms, and the hard cases of
// person counting (namesakes, one person under two addresses or in three
// scripts, a name alone). It is deterministic.
func People(opts PeopleOptions) *PeopleCorpus {
	g := &gen{opts: Options{Seed: opts.Seed}, slugs: map[string]bool{}}
	pg := &pgen{g: g, r: g.rand("people/cast"), opts: opts, phones: map[string]bool{}, inUse: map[string]bool{},
		full: map[string]bool{}, staff: map[*pcompany][]*pperson{},
		clock: time.Date(2023, 4, 3, 9, 0, 0, 0, jst)}
	pg.cast()
	pg.mails()
	width := max(4, len(fmt.Sprint(len(g.out))))
	for i, m := range g.out {
		m.Name = fmt.Sprintf("%0*d-%s.eml", width, i+1, m.Name)
	}
	return &PeopleCorpus{Corpus: &Corpus{Messages: g.out}, Truth: pg.truth(), Categories: pg.categoriesYAML(), CustomersCSV: pg.customersCSV()}
}

// newPerson makes a person with a fresh full name (unless name is given).
func (pg *pgen) newPerson(cat string, name *[2]jname) *pperson {
	p := &pperson{id: fmt.Sprintf("t-%04d", len(pg.people)+1), cat: cat, items: map[string]bool{}, msgs: map[string]bool{}}
	if name != nil {
		p.fam, p.giv = name[0], name[1]
	} else {
		for {
			p.fam = familyNamesKana[pg.r.IntN(len(familyNamesKana))]
			p.giv = givenNamesKana[pg.r.IntN(len(givenNamesKana))]
			// Two one-kanji parts make a two-character name (林 誠) that
			// tells little; the cast avoids them.
			if len([]rune(p.fam.kanji))+len([]rune(p.giv.kanji)) >= 3 && !pg.full[p.kanjiTight()] {
				break
			}
		}
	}
	pg.full[p.kanjiTight()] = true
	pg.people = append(pg.people, p)
	return p
}

// newEnglish makes a person with a Latin name only.
func (pg *pgen) newEnglish(cat, given, family string) *pperson {
	p := &pperson{id: fmt.Sprintf("t-%04d", len(pg.people)+1), cat: cat, latin: given + " " + family, items: map[string]bool{}, msgs: map[string]bool{}}
	p.giv.romaji, p.fam.romaji = given, family
	pg.people = append(pg.people, p)
	return p
}

// phone draws an unused number of kind.
func (pg *pgen) phone(kind string) phone { return uniquePhone(pg.r, pg.phones, kind) }

// address gives p a unique address built by local at domain.
func (pg *pgen) address(p *pperson, local, domain string) string {
	a := local + "@" + domain
	for n := 2; pg.inUse[a]; n++ {
		a = fmt.Sprintf("%s%d@%s", local, n, domain)
	}
	pg.inUse[a] = true
	p.emails = append(p.emails, a)
	return a
}

// workLocal is a company address's local part in one of the usual shapes.
func workLocal(r *rand.Rand, p *pperson) string {
	return localPart(r, &person{givenR: p.giv.romaji, familyR: p.fam.romaji})
}

// privateDomains are the free and provider mail domains of private
// addresses.
var privateDomains = []string{"mail.example.jp", "example.ne.jp", "freemail.example.com", "mobile.example.ne.jp"}

// privateLocal is a private address's local part.
func privateLocal(r *rand.Rand, p *pperson) string {
	g, f := strings.ToLower(p.giv.romaji), strings.ToLower(p.fam.romaji)
	switch r.IntN(4) {
	case 0:
		return fmt.Sprintf("%s.%s%d", g, f[:1], 60+r.IntN(40))
	case 1:
		return fmt.Sprintf("%s_%s", f, g)
	case 2:
		return fmt.Sprintf("%s%s%02d", g[:1], f, r.IntN(100))
	default:
		return fmt.Sprintf("%s-%s", g, f)
	}
}

// companyOf makes a company with its numbers.
func (pg *pgen) company(name, nameEn, domain, postal, address, area, cat string) *pcompany {
	c := &pcompany{name: name, nameEn: nameEn, domain: domain, postal: postal, address: address, area: area, cat: cat}
	c.main, c.fax = pg.phone(area), pg.phone(area)
	return c
}

// worker makes a person at company c with a work address, a direct line
// and (mostly) a mobile.
func (pg *pgen) worker(c *pcompany, cat string, mobile bool) *pperson {
	p := pg.newPerson(cat, nil)
	pg.employ(p, c, mobile)
	return p
}

// employ gives p a post at c.
func (pg *pgen) employ(p *pperson, c *pcompany, mobile bool) {
	p.co = c
	p.dept = departments[pg.r.IntN(len(departments))]
	p.title = titles[pg.r.IntN(len(titles))]
	p.titleEn = titleEn[p.title]
	pg.address(p, workLocal(pg.r, p), c.domain)
	p.direct = pg.phone(c.area)
	if mobile {
		p.mobile = pg.phone("mobile")
	}
	pg.staff[c] = append(pg.staff[c], p)
}

// cast draws everyone.
func (pg *pgen) cast() {
	r := pg.r
	pg.own = pg.company("みらいアセット株式会社", "Mirai Asset Co., Ltd.", "mirai-asset.example.co.jp", "〒100-0004", "東京都千代田区大手町1-5-1 みらいビル12F", "03", catOther)
	pg.own.addressEn = "1-5-1 Otemachi, Chiyoda-ku, Tokyo"
	owner := pg.newPerson(catOwner, &[2]jname{{"西村", "ニシムラ", "Nishimura"}, {"直人", "ナオト", "Naoto"}})
	owner.co = pg.own
	owner.dept, owner.title = "総務部", "課長"
	pg.address(owner, "n-nishimura", pg.own.domain)
	owner.direct, owner.mobile = pg.phone("03"), pg.phone("mobile")
	owner.addCase("owner")
	pg.owner = owner

	// Customers: the rows of the customer list. Two pairs share a full
	// name (同姓同名) and are two people each.
	// Rows the mail comes back to have an address and a mobile.
	special := map[int]bool{}
	for _, i := range []int{5, 10, 12, 20, 31, 42, 45, 57, 64, 75, 80, 88, 97, 111, 123, 140, 150, 177, 190, 201, 220, 233, 260} {
		special[i] = true
	}
	for i := 0; i < peopleCustomers; i++ {
		var name *[2]jname
		switch i {
		case 150, 220:
			name = &[2]jname{pg.customers[i-140].fam, pg.customers[i-140].giv}
		}
		p := pg.newPerson(catCustomer, name)
		if name != nil {
			p.addCase("namesake")
			pg.customers[i-140].addCase("namesake")
		}
		p.birth = drawBirth(r)
		p.address = homeAddress(r)
		if r.IntN(5) == 0 && !special[i] {
			p.home = pg.phone([]string{"03", "06", "045", "052", "092"}[r.IntN(5)])
		} else {
			p.mobile = pg.phone("mobile")
		}
		if r.IntN(33) != 0 || special[i] {
			pg.address(p, privateLocal(r, p), privateDomains[r.IntN(len(privateDomains))])
		}
		if r.IntN(12) == 0 {
			p.passport = passportNo(r)
		}
		if r.IntN(20) == 0 {
			p.myNumber = myNumber(r)
		}
		pg.customers = append(pg.customers, p)
	}

	// The owner's colleagues; two of them are 佐藤.
	for i := 0; i < 9; i++ {
		var name *[2]jname
		switch i {
		case 0:
			name = &[2]jname{familyNamesKana[0], {"健一", "ケンイチ", "Kenichi"}}
		case 1:
			name = &[2]jname{familyNamesKana[0], {"美咲", "ミサキ", "Misaki"}}
		}
		p := pg.newPerson(catOther, name)
		pg.employ(p, pg.own, r.IntN(2) == 0)
		if i < 2 {
			p.addCase("same-surname")
		}
		pg.colleagues = append(pg.colleagues, p)
	}
	pg.colleagues[0].dept, pg.colleagues[0].title = "営業部", "課長"
	pg.colleagues[1].dept, pg.colleagues[1].title = "経理部", "主任"
	pg.colleagues[2].dept, pg.colleagues[2].title = "営業部", "部長"

	// Counterparties: five companies of the package's table, six people
	// each.
	table := []company{companyTable[0], companyTable[1], companyTable[4], companyTable[5], companyTable[6],
		{name: "株式会社サンプル不動産", nameEn: "Sample Realty Co., Ltd.", domain: "sample-fudosan.example.co.jp", postal: "〒604-8006", address: "京都府京都市中京区河原町通三条上る恵比須町427", area: "075"}}
	for ci, tc := range table {
		c := pg.company(tc.name, tc.nameEn, tc.domain, tc.postal, tc.address, tc.area, catCounterparty)
		c.english, c.addressEn = tc.english, tc.addressEn
		pg.counterCos = append(pg.counterCos, c)
		for k := 0; k < 6; k++ {
			var p *pperson
			var name *[2]jname
			switch {
			case ci == 0 && k < 2:
				// Two 鈴木 at one company.
				name = &[2]jname{familyNamesKana[1], [2]jname{{"一郎", "イチロウ", "Ichiro"}, {"由美子", "ユミコ", "Yumiko"}}[k]}
			case ci == 2 && k == 0:
				// The namesake of a customer.
				name = &[2]jname{pg.customers[10].fam, pg.customers[10].giv}
			case c.english && k == 0:
				name = &[2]jname{{"大野", "オオノ", "Ohno"}, {"健一", "ケンイチ", "Kenichi"}}
			}
			switch {
			case c.english && k >= 4:
				p = pg.newEnglish(catCounterparty, englishGiven[(k*3+1)%len(englishGiven)], englishFamily[(k*5+2)%len(englishFamily)])
				p.co, p.titleEn = c, titlesEn[k%len(titlesEn)]
				pg.address(p, strings.ToLower(p.giv.romaji+"."+p.fam.romaji), c.domain)
				p.direct, p.mobile = pg.phone(c.area), pg.phone("mobile")
				pg.staff[c] = append(pg.staff[c], p)
			default:
				p = pg.newPerson(catCounterparty, name)
				pg.employ(p, c, k%3 != 2)
			}
		}
	}
	// Vendors: two of the table, a recruiting agency and a one-person
	// translation office.
	for _, i := range []int{2, 3} {
		tc := companyTable[i]
		c := pg.company(tc.name, tc.nameEn, tc.domain, tc.postal, tc.address, tc.area, catVendor)
		pg.vendorCos = append(pg.vendorCos, c)
		for k := 0; k < 5; k++ {
			pg.worker(c, catVendor, k%2 == 0)
		}
	}
	agency := pg.company("株式会社サンプル人材", "Sample Jinzai Inc.", "sample-jinzai.example.jp", "〒150-0002", "東京都渋谷区渋谷2-10-3 見本タワー5F", "03", catVendor)
	pg.vendorCos = append(pg.vendorCos, agency)
	for k := 0; k < 3; k++ {
		pg.worker(agency, catVendor, true)
	}
	honyaku := pg.company("サンプル翻訳事務所", "Sample Translation Office", "honyaku-sample.example.jp", "〒150-0001", "東京都渋谷区神宮前6-1-2", "03", catVendor)
	pg.vendorCos = append(pg.vendorCos, honyaku)
	pg.worker(honyaku, catVendor, true)

	// Regulators: a ministry, a regional bureau (*.go.jp) and the
	// self-regulatory association; landlines only.
	for _, rc := range []struct{ name, domain, postal, address string }{
		{"金融庁 監督局 証券課", "sample-fsa.go.jp", "〒100-8967", "東京都千代田区霞が関3-2-1 中央合同庁舎第7号館"},
		{"関東財務局 理財部 証券監督第1課", "sample-kantou.go.jp", "〒330-9716", "埼玉県さいたま市中央区新都心1-1 さいたま新都心合同庁舎1号館"},
		{"日本証券業協会 自主規制本部", "sample-jsda.or.jp", "〒103-0027", "東京都中央区日本橋1-5-8"},
	} {
		c := pg.company(rc.name, "", rc.domain, rc.postal, rc.address, "03", catRegulator)
		pg.regCos = append(pg.regCos, c)
		for k := 0; k < 3; k++ {
			p := pg.worker(c, catRegulator, false)
			p.dept = ""
			p.title = []string{"課長補佐", "係長", "専門官"}[k]
			p.titleEn = ""
			pg.regulators = append(pg.regulators, p)
		}
	}

	law := pg.company("サンプル総合法律事務所", "Sample Law Office", "sample-law.example.jp", "〒100-0011", "東京都千代田区内幸町2-2-2", "03", catOther)
	pg.lawyer = pg.worker(law, catOther, false)
	pg.lawyer.dept, pg.lawyer.title = "", "弁護士"

	// Applicants: private addresses and mobiles.
	for i := 0; i < 20; i++ {
		p := pg.newPerson(catApplicant, nil)
		p.birth = time.Date(1985+r.IntN(18), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		p.address = homeAddress(r)
		p.mobile = pg.phone("mobile")
		pg.address(p, privateLocal(r, p), privateDomains[r.IntN(len(privateDomains))])
		pg.applicants = append(pg.applicants, p)
	}

	// The mailing list's posters, at companies no rule names.
	for _, lc := range []struct{ name, domain, postal, address string }{
		{"フィンテック研究所株式会社", "fintech-lab.example.jp", "〒101-0021", "東京都千代田区外神田4-14-1"},
		{"金融コンサルティング合同会社", "kinyu-consult.example.com", "〒541-0041", "大阪府大阪市中央区北浜1-8-16"},
		{"株式会社見本データ", "mihon-data.example.co.jp", "〒460-0008", "愛知県名古屋市中区栄3-4-5"},
		{"例題ネット証券株式会社", "reidai-net.example.co.jp", "〒107-0052", "東京都港区赤坂1-12-32"},
	} {
		c := pg.company(lc.name, "", lc.domain, lc.postal, lc.address, map[bool]string{true: "06", false: "03"}[strings.HasPrefix(lc.postal, "〒54")], catOther)
		pg.listCos = append(pg.listCos, c)
		for k := 0; k < 2; k++ {
			pg.posters = append(pg.posters, pg.worker(c, catOther, k == 0))
		}
	}
}

// truth collects the truth after the mail is written.
func (pg *pgen) truth() *PeopleTruth {
	t := &PeopleTruth{Seed: pg.opts.Seed, Rules: truthRules, Owner: pg.owner.id, NotPeople: pg.roles, Messages: len(pg.g.out)}
	count := map[string]*TruthCategory{}
	for _, c := range peopleCategories {
		t.Categories = append(t.Categories, TruthCategory{ID: c.id, Label: c.label, Items: map[string]int{}})
	}
	for i := range t.Categories {
		count[t.Categories[i].ID] = &t.Categories[i]
	}
	for _, p := range pg.people {
		if len(p.msgs) == 0 {
			continue // in the cast, never in the mail
		}
		tp := TruthPerson{ID: p.id, Category: p.cat, Names: p.names, Messages: len(p.msgs), Cases: p.cases}
		for id := range p.msgs {
			tp.MessageIDs = append(tp.MessageIDs, id)
		}
		slices.Sort(tp.MessageIDs)
		for _, e := range p.emails {
			if p.items["email:"+e] {
				tp.Emails = append(tp.Emails, e)
			}
		}
		tp.Phones = p.recordedPhones()
		for _, typ := range piitypes.Names() {
			if p.items[typ] {
				tp.Items = append(tp.Items, typ)
			}
		}
		t.People = append(t.People, tp)
		c := count[p.cat]
		c.People++
		for _, it := range tp.Items {
			c.Items[it]++
		}
	}
	return t
}

// recordedPhones are the numbers the mail gives as p's, their company's
// switchboard and fax in their signature included.
func (p *pperson) recordedPhones() []string {
	var out []string
	for k := range p.items {
		if v, ok := strings.CutPrefix(k, "phone:"); ok {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

// categoriesYAML is the investigator's categories file.
func (pg *pgen) categoriesYAML() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Who is who in the mailbox of 西村 直人 (mailgen.People, seed %d).\n", pg.opts.Seed)
	b.WriteString("default: other\ncategories:\n")
	quote := func(ds []string) string {
		q := make([]string, len(ds))
		for i, d := range ds {
			q[i] = `"` + d + `"`
		}
		return "[" + strings.Join(q, ", ") + "]"
	}
	var counter, vendor []string
	for _, c := range pg.counterCos {
		counter = append(counter, c.domain)
	}
	for _, c := range pg.vendorCos {
		vendor = append(vendor, c.domain)
	}
	for _, c := range peopleCategories {
		switch c.id {
		case catCustomer:
			fmt.Fprintf(&b, "  - id: %s\n    label: %s\n    people_file: %s\n", c.id, c.label, PeopleCustomersFile)
		case catRegulator:
			fmt.Fprintf(&b, "  - id: %s\n    label: %s\n    domains: %s\n", c.id, c.label, quote([]string{"*.go.jp", "sample-jsda.or.jp"}))
		case catCounterparty:
			fmt.Fprintf(&b, "  - id: %s\n    label: %s\n    domains: %s\n", c.id, c.label, quote(counter))
		case catVendor:
			fmt.Fprintf(&b, "  - id: %s\n    label: %s\n    domains: %s\n", c.id, c.label, quote(vendor))
		case catApplicant:
			fmt.Fprintf(&b, "  - id: %s\n    label: %s\n    keywords: %s\n", c.id, c.label, quote([]string{"履歴書", "職務経歴書"}))
		case catOther:
			fmt.Fprintf(&b, "  - id: %s\n    label: %s\n", c.id, c.label)
		}
	}
	return []byte(b.String())
}

// customersCSV is the firm's customer register: every customer with
// their name, address and phone as the firm keeps them.
func (pg *pgen) customersCSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"name", "email", "phone"})
	for _, p := range pg.customers {
		e := ""
		if len(p.emails) > 0 {
			e = p.emails[0]
		}
		w.Write([]string{p.kanji(), e, p.phone().format(psDash)})
	}
	w.Flush()
	return b.Bytes()
}
