package index

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"

	// Analysis components are found by name in bleve's registry, which only
	// knows the packages that are linked in: without these imports the
	// mapping fails with "no analyzer with name or type 'custom'".
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"

	"github.com/mailsift/mailsift/store"
)

// Field names. The keyword and number fields carry the findings JSON names
// so that a query reads like a findings line.
const (
	fieldID            = "id"
	fieldType          = "type"
	fieldValue         = "value"
	fieldMasked        = "masked"
	fieldConfidence    = "confidence"
	fieldDetector      = "detector"
	fieldMessageID     = "message_id"
	fieldMessageSHA256 = "message_sha256"
	fieldSource        = "source"
	fieldDate          = "date"
	fieldLocation      = "location"
	fieldPart          = "part"
	fieldContext       = "context"
	fieldPerson        = "person"

	// fieldDocID is bleve's own field of document IDs: a query on id runs
	// on it, so the ID need not be indexed a second time.
	fieldDocID = "_id"

	// fieldFinding holds the whole finding as JSON, stored and not indexed:
	// one stored field is far cheaper than storing each field, and lets
	// Search return findings without a trip to the findings file.
	fieldFinding = "finding"
)

// mappingVersion changes whenever the mapping or the analysis changes, so
// that an index built by an older mailsift is rebuilt rather than searched
// with the wrong analyzer.
const mappingVersion = "mailsift-index-2"

// internalVersionKey is where mappingVersion is kept in the index.
var internalVersionKey = []byte("mailsift.mapping_version")

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

// keyword fields, in the order documents list them. confidence and date are
// keywords too, in an encoding of their own (see encodeConfidence and
// encodeDate), searched by range through their dictionaries.
var keywordFields = []string{
	fieldType, fieldValue, fieldConfidence, fieldDetector,
	fieldMessageID, fieldMessageSHA256, fieldSource, fieldDate, fieldLocation,
	fieldPart, fieldPerson,
}

// facetFields are the keyword fields with doc values, the ones Search can
// facet on. Doc values cost little but are useless on near-unique fields.
var facetFields = map[string]bool{
	fieldType: true, fieldDetector: true, fieldSource: true,
	fieldLocation: true, fieldPart: true, fieldPerson: true,
}

// textFields are the analysed fields, where a query term means a phrase.
var textFields = map[string]bool{
	fieldContext: true,
}

// tokenFields are the keyword fields where a query term also matches the
// values that contain it as the text analyzer cuts them: location:xlsx
// finds attachment:顧客一覧.xlsx (see tokenQuery).
var tokenFields = map[string]bool{
	fieldLocation: true, fieldValue: true,
}

// searchableFields are all fields a query may name.
func searchableField(name string) bool {
	switch name {
	case fieldID, fieldDocID:
		return true
	}
	if textFields[name] {
		return true
	}
	for _, f := range keywordFields {
		if f == name {
			return true
		}
	}
	return false
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

// newMapping returns the index mapping. Documents are built by buildDocument,
// not by the mapping's reflection (twice as fast, and the text twins and the
// stored JSON do not exist in store.Finding); the mapping still matters
// because queries take each field's analyzer and date parser from it, and
// TestDocumentMatchesMapping keeps the two in step.
func newMapping() (*mapping.IndexMappingImpl, error) {
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
	for _, name := range keywordFields {
		fm := mapping.NewKeywordFieldMapping()
		fm.Store = false
		fm.IncludeInAll = false
		fm.IncludeTermVectors = false
		fm.DocValues = facetFields[name]
		dm.AddFieldMappingsAt(name, fm)
	}
	ctx := mapping.NewTextFieldMapping()
	ctx.Analyzer = textAnalyzer
	ctx.Store = false
	ctx.IncludeInAll = false
	ctx.IncludeTermVectors = true // phrase queries need positions
	ctx.DocValues = false
	dm.AddFieldMappingsAt(fieldContext, ctx)

	stored := mapping.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true
	stored.IncludeInAll = false
	stored.IncludeTermVectors = false
	stored.DocValues = false
	dm.AddFieldMappingsAt(fieldFinding, stored)

	im.DefaultMapping = dm
	im.DefaultField = fieldContext
	im.DefaultAnalyzer = keyword.Name
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	if err := im.Validate(); err != nil {
		return nil, fmt.Errorf("index: mapping: %w", err)
	}
	return im, nil
}

// docBuilder turns findings into bleve documents with the analyzers of the
// mapping, resolved once.
type docBuilder struct {
	keyword, text analysis.Analyzer
}

func newDocBuilder(im *mapping.IndexMappingImpl) (*docBuilder, error) {
	b := &docBuilder{
		keyword: im.AnalyzerNamed(keyword.Name),
		text:    im.AnalyzerNamed(textAnalyzer),
	}
	if b.keyword == nil || b.text == nil {
		return nil, fmt.Errorf("index: analyzers %q or %q missing", keyword.Name, textAnalyzer)
	}
	return b, nil
}

// build returns the document of f. A date that is not RFC 3339 (or whose
// year in UTC has not four digits) is left out of the index: the finding stays
// findable by everything else, and its stored JSON keeps the date as found.
func (b *docBuilder) build(f *store.Finding) (*document.Document, error) {
	if f.ID == "" {
		return nil, fmt.Errorf("%w: finding without id (type %q, message %q)", ErrBadFinding, f.Type, f.MessageID)
	}
	js, err := json.Marshal(f)
	if err != nil {
		return nil, fmt.Errorf("index: finding %s: %w", f.ID, err)
	}
	doc := document.NewDocument(f.ID)
	kw := func(name, v string) {
		if v == "" {
			return
		}
		opts := bindex.IndexField
		if facetFields[name] {
			opts |= bindex.DocValues
		}
		doc.AddField(document.NewTextFieldCustom(name, nil, []byte(v), opts, b.keyword))
	}
	txt := func(name, v string) {
		if v == "" {
			return
		}
		doc.AddField(document.NewTextFieldCustom(name, nil, []byte(v),
			bindex.IndexField|bindex.IncludeTermVectors, b.text))
	}
	kw(fieldType, f.Type)
	kw(fieldValue, f.Value)
	kw(fieldConfidence, encodeConfidence(f.Confidence))
	kw(fieldDetector, f.Detector)
	kw(fieldMessageID, f.MessageID)
	kw(fieldMessageSHA256, f.MessageSHA256)
	kw(fieldSource, f.Source)
	if d, ok := encodeDate(f.Date); ok {
		kw(fieldDate, d)
	}
	kw(fieldLocation, f.Location)
	kw(fieldPart, f.Part)
	txt(fieldContext, f.Context)
	kw(fieldPerson, f.Person)
	doc.AddField(document.NewTextFieldWithIndexingOptions(fieldFinding, nil, js, bindex.StoreField))
	return doc, nil
}

// newMappingAndDocs builds the mapping and the document builder for it,
// which create and open both need.
func newMappingAndDocs() (*mapping.IndexMappingImpl, *docBuilder, error) {
	m, err := newMapping()
	if err != nil {
		return nil, nil, err
	}
	docs, err := newDocBuilder(m)
	if err != nil {
		return nil, nil, err
	}
	return m, docs, nil
}
