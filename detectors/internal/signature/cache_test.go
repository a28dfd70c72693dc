package signature

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// sampleLines are synthetic signature and mail lines; cacheTexts puts
// them in many contexts, so that the same line is a head, a run line, an
// address continuation, quoted, boxed or prose.
var sampleLines = []string{
	"田中 太郎", "山田花子", "タナカ タロウ", "(ヤマダ ハナコ)", "Taro Tanaka", "Hanako Yamada", "TANAKA Taro",
	"株式会社サンプル 営業部", "サンプル商事株式会社 総務部 課長 佐藤 一郎", "第二営業部 部長", "Sales Manager", "Sample Inc.",
	"Marketing Department", "振込先：三井住友銀行 渋谷支店", "Attn: Marketing Department", "総務部 担当", "田中 太郎 TEL",
	"Sample Inc. Phone", "TEL: 03-1234-5678 / FAX: 03-1234-5679", "携帯: 090-1234-5678", "E-mail: taro@example.co.jp",
	"〒100-0001 東京都千代田区千代田1-1", "住所：東京都港区芝公園4-2-8", "サンプルビル 5F", "090-1234-5678", "--",
	"━━━━━━━━━━", "Best regards,", "Hi Mary,", "Please find the report attached.", "-----Original Message-----", "",
}

func cacheTexts(n int) []string {
	rng := rand.New(rand.NewPCG(15, 4))
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for k := 3 + rng.IntN(20); k > 0; k-- {
			l := sampleLines[rng.IntN(len(sampleLines))]
			switch rng.IntN(10) {
			case 0:
				l = "> " + l
			case 1:
				l = "┃" + l + "┃"
			case 2, 3:
				l = ""
			}
			b.WriteString(l + "\n")
		}
		out[i] = detectors.Normalize(b.String()).Norm
	}
	return out
}

// TestCacheSameBlocks: a Parser with a Cache, cold and warm, returns the
// blocks of one without, and MayHold's false is true to them.
func TestCacheSameBlocks(t *testing.T) {
	texts := cacheTexts(1500)
	c := newCache(64, 64) // small: entries are evicted too
	skipped := 0
	for pass := range 2 {
		for _, s := range texts {
			with, without := &Parser{parsed: &parsed{s: s, cache: c}}, NewParser(s)
			for ls := 0; ls < len(s); {
				le := ls + strings.IndexByte(s[ls:], '\n')
				got, want := with.On(ls, le), without.On(ls, le)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("pass %d, On(%q): with a Cache %+v, without %+v", pass, s[ls:le], got, want)
				}
				h := with.MayHold(ls, le)
				for _, b := range want {
					if !h.Name && b.Name.In(ls, le) || !h.Company && b.Company.In(ls, le) ||
						!h.Title && (b.Title.In(ls, le) || b.Department.In(ls, le)) {
						t.Fatalf("MayHold(%q) = %+v, but On found %+v", s[ls:le], h, b)
					}
				}
				if h != (Holds{true, true, true}) {
					skipped++
				}
				ls = le + 1
			}
		}
	}
	if skipped == 0 {
		t.Fatal("MayHold never ruled anything out")
	}
	if lines, parts := c.Stats(); lines[0] > 64+16 || parts[0] > 64+16 || lines[2] == 0 || parts[2] == 0 {
		t.Fatalf("Stats: lines %v, parts %v: not bounded, or no hits", lines, parts)
	}
}

// findLabelsRef is findLabels as it was, looking at every rune: the
// scan by labelCues.Next must find the same labels.
func findLabelsRef(c string) []label {
	var out []label
	for i := 0; i < len(c); {
		if !labelCues.May(c, i) {
			_, size := utf8.DecodeRuneInString(c[i:])
			i += size
			continue
		}
		best := -1
		for _, k := range labelsByFirst[textscan.LowerByte(c[i])] {
			cl := contactLabels[k]
			if textscan.HasPrefixFold(c[i:], cl.label) && (best < 0 || len(cl.label) > len(contactLabels[best].label)) {
				best = k
			}
		}
		if best >= 0 {
			cl := contactLabels[best]
			end := i + len(cl.label)
			if labelStart(c, i, cl.label) && labelEnd(c, end, cl.kind) {
				out = append(out, label{i, end, cl.kind})
				i = end
				continue
			}
		}
		_, size := utf8.DecodeRuneInString(c[i:])
		i += size
	}
	if len(c) >= 2 && (c[1] == ':' || c[1] == '.') {
		if k, ok := shortLabel(c[0]); ok {
			out = append([]label{{0, 2, k}}, out...)
		}
	}
	return out
}

func TestFindLabelsScan(t *testing.T) {
	var parts []string
	for _, cl := range contactLabels {
		parts = append(parts, cl.label, strings.ToUpper(cl.label))
	}
	parts = append(parts, ":", " ", "03-1234", "5678", "a", "hotel", "@", "-", ".", "(", "番号", "東京都", "\xe6", "\x90\xba", "\xff", "é")
	rng := rand.New(rand.NewPCG(15, 5))
	found := 0
	for range 30000 {
		var b strings.Builder
		for k := rng.IntN(8); k >= 0; k-- {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		c := b.String()
		got, want := findLabels(c), findLabelsRef(c)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("findLabels(%q) = %v, want %v", c, got, want)
		}
		found += len(want)
	}
	if found < 10000 {
		t.Fatalf("only %d labels compared", found)
	}
}
