// Package report renders the DPO's report of a case: unique people per
// relationship category and the items leaked for each, the combinations of
// items, special counts, the scope of the investigation and how the numbers
// were derived, as Markdown, JSON, CSV, HTML or XLSX, in Japanese or
// English. It renders what it is given: the counting is done by package
// people.
package report

import "time"

// Report is everything a report says. Counts are of unique people.
type Report struct {
	Generated time.Time
	// Headline says which view the counts use ("all messages" or
	// "messages the attacker accessed").
	View        string
	Scope       Scope
	PeopleTotal int
	Categories  []Category // in the categories file's order, default last
	// Combinations are the distinct item sets of people, most frequent
	// first (ties: fewer items first, then by the items).
	Combinations []Combination
	Special      Special
	People       []Person // sorted by category order, then ID
	// Unmatched are the e-mail domains of people who fell to the default
	// category, most frequent first: what to add to the categories file.
	Unmatched []DomainCount
	// Definition states what makes a person count, for the DPO to defend.
	Definition Definition
	Review     Review
	// Views are the counts of both views, the headline's first, when the
	// case records what the attacker accessed (scan --scope); else nil.
	Views  []ViewCount
	Access AccessSummary
}

// ViewCount is a view's headline numbers.
type ViewCount struct {
	View        string // "all" or "accessed"
	PeopleTotal int
	Messages    int
	Categories  []CategoryCount
}

// CategoryCount is the people of a category in a view.
type CategoryCount struct {
	ID, Label string
	People    int
}

// AccessSummary is what scan --scope recorded: zero without it.
type AccessSummary struct {
	Files       []string // the audit-log exports, with their SHA-256
	Accessed    int      // messages accessed, by Message-ID or folder sync
	Synced      int      // of those, by folder sync only
	Missing     int      // messages and folders named in the export the case lacks
	AllMessages int      // messages in the case(s)
}

// Scope is what was examined.
type Scope struct {
	Cases       []string // case directories
	Sources     []string // folders (finding "source"), sorted
	First, Last string   // message dates, YYYY-MM-DD ("" if none)
	Messages    int      // messages in the case(s)
	Duplicates  int      // further copies of a message ("seen" lines)
	Findings    int
	Errors      int // messages with decoding problems
	Locked      int // encrypted attachments no password opened
}

// Category is one relationship category.
type Category struct {
	ID, Label string
	People    int
	// Items counts, per finding type (package pii), the people of the
	// category with at least one finding of that type; types nobody has
	// are absent.
	Items     map[string]int
	PersonIDs []string // the people counted, sorted
}

// Combination is a set of items and how many people have exactly it.
type Combination struct {
	Items     []string // finding types, in pii order
	People    int
	PersonIDs []string
}

// Special are the counts a regulator asks for apart.
type Special struct {
	MyNumberPeople   int `json:"my_number_people"`   // 特定個人情報
	IDDocumentPeople int `json:"id_document_people"` // identity documents (id_document, passport, drivers_license, face_photo)
	FinancialPeople  int `json:"financial_people"`   // bank accounts or card numbers (risk of financial damage)
	MyNumberIDs      []string
	IDDocumentIDs    []string
	FinancialIDs     []string
}

// Person is one row of the people list. Values are masked unless the
// caller revealed them.
type Person struct {
	ID         string
	Category   string
	Names      []string // as written, most frequent first
	Emails     []string
	Phones     []string
	Companies  []string
	Items      []string // finding types, in pii order
	Messages   int      // messages with findings about the person
	MessageIDs []string // a few Message-IDs, for drill-down
	First      string   // date of the first and last of those messages
	Last       string
	Internal   bool     // the mailbox owner or a colleague
	Reasons    []string // why the person's identities were merged
	// Access is "accessed" when a finding about the person is in a
	// message the attacker accessed, "not-accessed" when none is, and ""
	// when the case records no scope (scan --scope).
	Access string
}

// DomainCount is an e-mail domain and how many people have it.
type DomainCount struct {
	Domain string
	People int
}

// Definition states the counting rules.
type Definition struct {
	// Rules are sentences, in the report's language.
	Rules []string
}

// Review is what an investigator should look at.
type Review struct {
	Conflicts        int // identities that share evidence but disagree (one address, two names)
	NameOnly         int // people known by a name alone (counted once per written name)
	OverridesApplied int
	Unattributed     int // findings that belong to no person
}
