// Package review is the local review page of `mailsift serve`: a search box
// over the findings (bleve query syntax), facets, a result list with the
// masked context highlighted, a person view, a message view and the
// category table of the report. It renders what a Backend answers; the
// Backend over a case's index and people lives beside it (backend.go).
//
// Everything shown is masked. Revealing a raw value is a deliberate POST
// that the server writes to the case's audit log before answering.
package review

import (
	"context"
	"errors"
	"time"

	"github.com/mailsift/mailsift/report"
	"github.com/mailsift/mailsift/store"
)

// ErrNotFound is what a Backend returns for an unknown id.
var ErrNotFound = errors.New("review: not found")

// Backend answers the page's questions about one or more cases. Its
// answers are masked: Finding.Value and Finding.Written are empty, names,
// addresses and subjects are masked; only Reveal returns a raw value.
type Backend interface {
	Search(ctx context.Context, r SearchRequest) (*SearchResult, error)
	// Person returns ErrNotFound for an unknown id.
	Person(ctx context.Context, id string) (*Person, error)
	// Message returns ErrNotFound for an unknown message_sha256.
	Message(ctx context.Context, sha256 string) (*Message, error)
	// Categories is the report's per-category table (report.Report's
	// Categories, PeopleTotal, Scope, View).
	Categories(ctx context.Context) (*report.Report, error)
	// Reveal returns the raw value of a finding (ErrNotFound if none).
	Reveal(ctx context.Context, findingID string) (Revealed, error)
}

// SearchRequest is one search. Query is bleve query-string syntax; an
// empty query means every finding.
type SearchRequest struct {
	Query  string
	From   int
	Size   int
	Sort   string   // "score" (default), "date", "-date", "type", "id"
	Facets []string // field names: "type", "category", "source", "date" (a histogram)
}

// SearchResult is a page of hits and the facets of all matching findings.
type SearchResult struct {
	Total  uint64
	Hits   []Hit
	Facets []Facet
	Took   time.Duration
}

// Hit is one finding found.
type Hit struct {
	Finding    store.Finding // masked: Value and Written are empty
	Score      float64
	PersonName string // masked display name of Finding.Person ("" if none)
	Category   string // category id of the person ("" if none)
	Subject    string // masked subject of the message
	// Marks are byte ranges of Finding.Context that matched the query, to
	// highlight; sorted, not overlapping.
	Marks [][2]int
}

// Facet is the counts of one field over all matching findings.
type Facet struct {
	Field   string
	Missing int
	Other   int
	Terms   []FacetTerm // by count, or by time for the date histogram
}

// FacetTerm is one value of a facet; Filter is the query clause that
// narrows the search to it (e.g. `+type:passport`,
// `+date:>="2024-01-01" +date:<"2024-02-01"`).
type FacetTerm struct {
	Term   string
	Label  string // what to show (e.g. the Japanese label of a type)
	Count  int
	Filter string
}

// Person is everything about one person.
type Person struct {
	ID            string
	Name          string // masked display name
	Category      string
	CategoryLabel string
	Names         []string // masked, as written
	Emails        []string // masked
	Phones        []string // masked
	Companies     []string // masked
	Items         []string // finding types, in pii order
	Reasons       []string // why identities were merged into this person
	First, Last   string
	Findings      []Hit            // all findings about the person (bounded by the backend)
	Messages      []MessageSummary // the messages those findings are in
}

// MessageSummary is one line of a message list.
type MessageSummary struct {
	SHA256    string
	MessageID string
	Date      string
	From      string // masked
	Subject   string // masked
	Findings  int
}

// Message is one message: its headers and, part by part, where findings are.
type Message struct {
	MessageSummary
	To      []string // masked
	Cc      []string // masked
	Sources []string // folders (and files) the message was found in
	Parts   []Part   // the parts that had findings, in part order
	Errors  []string // decoding problems (masked)
}

// Part is one MIME part (or header field group) and its findings.
type Part struct {
	Part        string // "header", "1", "1.2" ...
	Location    string // "body", "attachment:顧客一覧.xlsx" ...
	ContentType string
	Findings    []Hit // with Start/End: where in the part's decoded text
}

// Revealed is a raw value and what the audit log recorded.
type Revealed struct {
	FindingID string
	Type      string
	Value     string
}
