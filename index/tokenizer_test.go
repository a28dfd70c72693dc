package index

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	regexptokenizer "github.com/blevesearch/bleve/v2/analysis/tokenizer/regexp"
	"github.com/google/go-cmp/cmp"
)

// TestWordTokenizer checks that the tokenizer cuts and types tokens as the
// regexp wordPattern does with bleve's regexp tokenizer.
func TestWordTokenizer(t *testing.T) {
	re := regexptokenizer.NewRegexpTokenizer(regexp.MustCompile(wordPattern))
	inputs := []string{
		"", " ", "口座番号", "attachment:顧客一覧.xlsx", "佐々木一郎（ｻｻｷｲﾁﾛｳ）",
		"ＡＢＣ　ﾃｽﾄﾃﾞｰﾀ", "東京タワー2024年", "my_number +819012345678", "x\xffy\xc3",
		"가나다 ラーメン ゛゜ ー ｰ ﾞﾟ 1.5 inf NaN -3 é́ ٣٤ ⅷ \u200b\u00ad",
	}
	for _, f := range testFindings() {
		inputs = append(inputs, f.Context, f.Location, f.Value)
	}
	alphabet := []rune("aZ09 .:/_-+々〆ーｰﾞﾟ゛゜・、。「」（）漢字かなカナｶﾅ한글é\u0301٣\u200b\t\n\u3000€😀\ufffd")
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		inputs = append(inputs, b.String())
	}
	for _, in := range inputs {
		want, got := re.Tokenize([]byte(in)), wordTokenizerImpl{}.Tokenize([]byte(in))
		if d := cmp.Diff(tokens(want), tokens(got)); d != "" {
			t.Fatalf("Tokenize(%q) (-regexp +ours):\n%s", in, d)
		}
	}
}

func tokens(ts analysis.TokenStream) []analysis.Token {
	out := []analysis.Token{}
	for _, t := range ts {
		out = append(out, *t)
	}
	return out
}
