package index

import (
	"encoding/json"
	"fmt"
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
	regexptokenizer "github.com/blevesearch/bleve/v2/analysis/tokenizer/regexp"

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

	fieldLocationText = "location_text"
	fieldValueText    = "value_text"

	// fieldFinding holds the whole finding as JSON, stored and not indexed:
	// one stored field is far cheaper than storing each field, and lets
	// Search return findings without a trip to the findings file.
	fieldFinding = "finding"
)

// mappingVersion changes whenever the mapping or the analysis changes, so
// that an index built by an older mailsift is rebuilt rather than searched
// with the wrong analyzer.
const mappingVersion = "mailsift-index-1"

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

// keyword fields, in the order documents list them.
var keywordFields = []string{
	fieldID, fieldType, fieldValue, fieldMasked, fieldDetector,
	fieldMessageID, fieldMessageSHA256, fieldSource, fieldLocation,
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
	fieldContext: true, fieldLocationText: true, fieldValueText: true,
}

// searchableFields are all fields a query may name.
func searchableField(name string) bool {
	switch name {
	case fieldConfidence, fieldDate, "_id":
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

// newMapping returns the index mapping. Documents are built by buildDocument,
// not by the mapping's reflection (twice as fast, and the text twins and the
// stored JSON do not exist in store.Finding); the mapping still matters
// because queries take each field's analyzer and date parser from it, and
// TestDocumentMatchesMapping keeps the two in step.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	err := im.AddCustomTokenizer(wordTokenizer, map[string]interface{}{
		"type":   regexptokenizer.Name,
		"regexp": wordPattern,
	})
	if err != nil {
		return nil, fmt.Errorf("index: tokenizer: %w", err)
	}
	err = im.AddCustomAnalyzer(textAnalyzer, map[string]interface{}{
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
	// The text twins are properties of their own, not second mappings of
	// location and value: queries find a field's analyzer by property path,
	// and a second mapping named location_text under "location" is not
	// found that way (the query would fall back to the keyword analyzer).
	for _, name := range []string{fieldContext, fieldLocationText, fieldValueText} {
		fm := mapping.NewTextFieldMapping()
		fm.Analyzer = textAnalyzer
		fm.Store = false
		fm.IncludeInAll = false
		fm.IncludeTermVectors = true // phrase queries need positions
		fm.DocValues = false
		dm.AddFieldMappingsAt(name, fm)
	}
	conf := mapping.NewNumericFieldMapping()
	conf.Store = false
	conf.IncludeInAll = false
	conf.DocValues = true // sorting by confidence
	dm.AddFieldMappingsAt(fieldConfidence, conf)

	date := mapping.NewDateTimeFieldMapping()
	date.Store = false
	date.IncludeInAll = false
	date.DocValues = true // sorting by date
	dm.AddFieldMappingsAt(fieldDate, date)

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

// build returns the document of f. A date that is not RFC 3339 (or is out
// of bleve's range, 1677–2262) is left out of the index: the finding stays
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
	kw(fieldID, f.ID)
	kw(fieldType, f.Type)
	kw(fieldValue, f.Value)
	txt(fieldValueText, f.Value)
	kw(fieldMasked, f.Masked)
	doc.AddField(document.NewNumericFieldWithIndexingOptions(fieldConfidence, nil, f.Confidence,
		bindex.IndexField|bindex.DocValues))
	kw(fieldDetector, f.Detector)
	kw(fieldMessageID, f.MessageID)
	kw(fieldMessageSHA256, f.MessageSHA256)
	kw(fieldSource, f.Source)
	if f.Date != "" {
		if t, err := time.Parse(time.RFC3339, f.Date); err == nil {
			df, err := document.NewDateTimeFieldWithIndexingOptions(fieldDate, nil, t, time.RFC3339Nano,
				bindex.IndexField|bindex.DocValues)
			if err == nil {
				doc.AddField(df)
			}
		}
	}
	kw(fieldLocation, f.Location)
	txt(fieldLocationText, f.Location)
	kw(fieldPart, f.Part)
	txt(fieldContext, f.Context)
	kw(fieldPerson, f.Person)
	doc.AddField(document.NewTextFieldWithIndexingOptions(fieldFinding, nil, js, bindex.StoreField))
	return doc, nil
}
