package index

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2/mapping"

	// Analysis components are found by name in bleve's registry, which only
	// knows the packages that are linked in: without these imports the
	// mapping fails with "no analyzer with name or type 'custom'".
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
)

// Fields of a finding document (one per finding, in the shards). Values a
// message or a person gives all its findings are not repeated per finding:
// the finding holds a key (msg, person, ctx) and the message's fields are in
// the messages index, the texts in the texts index, the people in the table
// (see the package documentation).
const (
	fieldType       = "type"
	fieldValue      = "value"
	fieldConfidence = "confidence"
	fieldDetector   = "detector"
	fieldLocation   = "location"
	fieldPart       = "part"
	fieldPerson     = "person"
	fieldCtx        = "ctx"  // key of the finding's context in the texts index
	fieldMsg        = "msg"  // key of the finding's message, in date order
	fieldSubj       = "subj" // key of the message's subject in the texts index
	// The message's folders and month (UTC), which queries and facets ask
	// for often enough to be worth a field each: through msg they cost a
	// term per message.
	fieldMonth = "month"

	// fieldDocID is bleve's own field of document IDs.
	fieldDocID = "_id"
)

// Fields of a message document (messages index) and of a text (texts index).
const (
	fieldMessageID     = "message_id"
	fieldMessageSHA256 = "message_sha256"
	fieldSource        = "source"
	fieldDate          = "date"
	fieldFrom          = "from"
	fieldTo            = "to"
	fieldSubject       = "subject"
	fieldText          = "text"
)

// Fields a query may name that are none of the above: they are resolved
// through another index or the table into keys of the finding's fields.
const (
	fieldID         = "id"         // the finding's id → its document
	fieldContext    = "context"    // texts index → ctx
	fieldName       = "name"       // the person's names (table) → person
	fieldCategory   = "category"   // the person's category (table) → person
	fieldAttachment = "attachment" // location attachment:NAME
)

// mappingVersion changes whenever the layout, the mapping or the analysis
// changes, so that an index built by an older mailsift is rebuilt rather
// than searched wrongly.
const mappingVersion = "mailsift-index-7"

const (
	textAnalyzer  = "mailsift_text"
	wordTokenizer = "mailsift_words"
)

// cjkChars are the characters of Japanese (and Korean) runs: besides the
// scripts, the prolonged sound mark ー, voiced sound marks and their
// half-width forms, which Unicode puts in the Common script. 々 and 〆 are
// Han. Keeping them in one run means 佐々木 is bigrammed like 佐藤.
const cjkChars = `\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\x{30FC}\x{3099}-\x{309C}\x{FF70}\x{FF9E}\x{FF9F}`

// wordPattern cuts text into runs of Japanese script and runs of other
// letters, digits and marks; punctuation, symbols and spaces separate.
// Unlike bleve's unicode tokenizer it splits "report.xlsx" and
// "attachment:name" (UAX #29 keeps those whole) and keeps 々 inside a run.
const wordPattern = `[` + cjkChars + `]+|[^` + cjkChars + `\p{P}\p{S}\p{Z}\p{C}\s]+`

// findingFields are the keyword fields of a finding document; those in
// facetFields have doc values (facets, sorting).
var findingFields = []string{
	fieldType, fieldValue, fieldConfidence, fieldDetector, fieldLocation,
	fieldPart, fieldPerson, fieldCtx, fieldMsg, fieldSource, fieldMonth, fieldSubj,
}

var docValueFields = map[string]bool{
	fieldType: true, fieldLocation: true, fieldPerson: true, fieldMsg: true,
	fieldSource: true, fieldMonth: true,
}

// messageFields are the keyword fields of a message document.
var messageFields = []string{
	fieldMessageID, fieldMessageSHA256, fieldSource, fieldDate, fieldFrom, fieldTo,
}

// facetFields are the fields Search can count hits by. category, source
// and date are counted through the person and msg facets and the table.
var facetFields = map[string]bool{
	fieldType: true, fieldLocation: true,
	fieldPerson: true, fieldCategory: true, fieldSource: true, fieldDate: true,
}

// queryFields are the fields a query may name, for checks and messages.
var queryFields = []string{
	fieldID, fieldType, fieldValue, fieldConfidence, fieldDetector,
	fieldLocation, fieldAttachment, fieldPart, fieldContext, fieldPerson,
	fieldName, fieldCategory, fieldMessageID, fieldMessageSHA256,
	fieldSource, fieldDate, fieldFrom, fieldTo, fieldSubject,
}

// tokenFields are the keyword fields where a query term also matches the
// values that contain it as the text analyzer cuts them: location:xlsx
// finds attachment:顧客一覧.xlsx, from:example.jp every sender there.
var tokenFields = map[string]bool{
	fieldLocation: true, fieldValue: true, fieldFrom: true, fieldTo: true,
	fieldSource: true, fieldMessageID: true,
}

func searchableField(name string) bool {
	return slices.Contains(queryFields, name) || name == fieldDocID
}

// encodeConfidence is how confidence is written in the index: the shortest
// decimal that parses back to the same float64.
func encodeConfidence(c float64) string {
	return strconv.FormatFloat(c, 'f', -1, 64)
}

// dateLayout writes dates in UTC with a fixed width, so that the order of
// the terms is the order of the times and a date range is a term range.
const dateLayout = "2006-01-02T15:04:05.000000000Z"

// encodeDate returns the indexed form of an RFC 3339 date, or false if it
// is not one.
func encodeDate(s string) (string, bool) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return "", false
	}
	return formatDate(t)
}

// formatDate returns the indexed form of t, or false if its year (in UTC)
// has not four digits, which the fixed width needs.
func formatDate(t time.Time) (string, bool) {
	t = t.UTC()
	if t.Year() < 0 || t.Year() > 9999 {
		return "", false
	}
	return t.Format(dateLayout), true
}

// newMapping returns the mapping of one of the three kinds of index.
// Documents are built by hand (build.go), not by the mapping's
// reflection; the mapping still matters because queries take each field's
// analyzer from it.
func newMapping(keywords []string, dv map[string]bool, texts ...string) (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	err := im.AddCustomAnalyzer(textAnalyzer, map[string]interface{}{
		"type":      "custom",
		"tokenizer": wordTokenizer,
		// Width folding first so that full-width ＡＢＣ and half-width ｶﾅ
		// index like ABC and カナ; the bigram filter must come last.
		"token_filters": []interface{}{cjk.WidthName, lowercase.Name, cjk.BigramName},
	})
	if err != nil {
		return nil, fmt.Errorf("index: analyzer: %w", err)
	}
	dm := mapping.NewDocumentStaticMapping()
	for _, name := range keywords {
		fm := mapping.NewKeywordFieldMapping()
		fm.Store = false
		fm.IncludeInAll = false
		fm.IncludeTermVectors = false
		fm.DocValues = dv[name]
		dm.AddFieldMappingsAt(name, fm)
	}
	for _, name := range texts {
		tm := mapping.NewTextFieldMapping()
		tm.Analyzer = textAnalyzer
		tm.Store = false
		tm.IncludeInAll = false
		tm.IncludeTermVectors = true // phrase queries need positions
		tm.DocValues = false
		dm.AddFieldMappingsAt(name, tm)
	}
	im.DefaultMapping = dm
	im.DefaultAnalyzer = keyword.Name
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	if err := im.Validate(); err != nil {
		return nil, fmt.Errorf("index: mapping: %w", err)
	}
	return im, nil
}

func findingMapping() (*mapping.IndexMappingImpl, error) {
	return newMapping(findingFields, docValueFields, fieldContext)
}

func messageMapping() (*mapping.IndexMappingImpl, error) {
	return newMapping(messageFields, nil)
}

func textMapping() (*mapping.IndexMappingImpl, error) {
	return newMapping(nil, nil, fieldText)
}
