package index

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// wordTokenizer cuts text as wordPattern says, without a regexp: runs of
// Japanese script (cjkChars) and runs of other letters, digits and marks;
// everything else separates. Tokens are typed as bleve's regexp tokenizer
// types them, which the bigram filter relies on (Ideographic). The regexp
// took about 5% of indexing CPU time; TestWordTokenizer keeps the two equal.
type wordTokenizerImpl struct{}

func init() {
	err := registry.RegisterTokenizer(wordTokenizer, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return wordTokenizerImpl{}, nil
	})
	if err != nil {
		panic(err)
	}
}

const (
	classSep = iota
	classWord
	classCJK
)

func runeClass(r rune) int {
	switch {
	case r < 0x80:
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			return classWord
		}
		return classSep // ASCII punctuation, symbols, controls, space
	case isCJKRune(r):
		return classCJK
	case unicode.In(r, unicode.P, unicode.S, unicode.Z, unicode.C):
		return classSep
	}
	return classWord
}

// isCJKRune reports whether r is one of cjkChars.
func isCJKRune(r rune) bool {
	switch {
	case r == 0x30FC, 0x3099 <= r && r <= 0x309C, r == 0xFF70, r == 0xFF9E, r == 0xFF9F:
		return true
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func (wordTokenizerImpl) Tokenize(input []byte) analysis.TokenStream {
	var out analysis.TokenStream
	start, class := 0, classSep
	emit := func(end int) {
		if class == classSep || end <= start {
			return
		}
		term := input[start:end]
		out = append(out, &analysis.Token{
			Term:     term,
			Start:    start,
			End:      end,
			Position: len(out) + 1,
			Type:     tokenType(term, class),
		})
	}
	for i := 0; i < len(input); {
		r, n := utf8.DecodeRune(input[i:])
		c := runeClass(r)
		if c != class {
			emit(i)
			start, class = i, c
		}
		i += n
	}
	emit(len(input))
	return out
}

// tokenType is bleve's regexp tokenizer's detectTokenType.
func tokenType(term []byte, class int) analysis.TokenType {
	if class == classCJK {
		for _, r := range string(term) {
			if unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) {
				return analysis.Ideographic
			}
		}
	}
	if _, err := strconv.ParseFloat(string(term), 64); err == nil {
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}
