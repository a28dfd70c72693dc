package detectors

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ascii", "TEL: 03-1234-5678", "TEL: 03-1234-5678"},
		{"empty", "", ""},
		{"japanese unchanged", "お世話になっております。", "お世話になっております。"},
		{"full-width digits and dash", "０９０－１２３４－５６７８", "090-1234-5678"},
		{"full-width letters", "ＴＥＬ：０３", "TEL:03"},
		{"full-width at", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "taro@example.jp"},
		{"half-width katakana", "ﾀﾅｶ ﾀﾛｳ", "タナカ タロウ"},
		{"half-width voiced", "ｶﾞｷﾞ", "ガギ"},
		{"ideographic space", "田中\u3000太郎", "田中 太郎"},
		{"kabushiki", "㈱サンプル", "(株)サンプル"},
		{"circled digits kept", "①②③", "①②③"},
		{"parenthesized digits kept", "⑴⑵", "⑴⑵"},
		{"superscript kept", "5678¹", "5678¹"},
		{"fraction kept", "½", "½"},
		{"square era folded", "㍻元年", "平成元年"},
		{"choon between digits", "090ー1234ー5678", "090-1234-5678"},
		{"choon between full-width digits", "０９０ー１２３４", "090-1234"},
		{"choon in a word", "コーヒー", "コーヒー"},
		{"choon after digit only", "3ーX", "3ーX"},
		{"half-width choon between digits", "1ｰ2", "1-2"},
		{"half-width choon in a word", "ｺｰﾋｰ", "コーヒー"},
		{"unicode dashes", "1\u20102\u20113\u20124\u20135\u20146\u20157\u22128\u20439\uFE630\uFF0D1", "1-2-3-4-5-6-7-8-9-0-1"},
		{"combining after ascii", "e\u0301", "é"},
		{"combining after kana", "か\u3099", "が"},
		{"combining after full-width", "Ａ\u0301", "Á"},
		{"leading combining mark", "\u0301x", "\u0301x"},
		{"invalid utf-8", "a\xffb\xe3\x81", "a\uFFFDb\uFFFD\uFFFD"},
		{"nbsp", "a\u00a0b", "a b"},
		{"math digits", "𝟎𝟗𝟎", "090"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if diff := cmp.Diff(tt.want, got.Norm); diff != "" {
				t.Errorf("Normalize(%q).Norm (-want +got):\n%s", tt.in, diff)
			}
			if got.Original() != tt.in {
				t.Errorf("Original() = %q, want %q", got.Original(), tt.in)
			}
			checkOffsets(t, tt.in, got)
		})
	}
}

func TestNormalizeASCIIFastPath(t *testing.T) {
	s := strings.Repeat("Please call 03-1234-5678 or mail taro@example.jp. ", 100)
	allocs := testing.AllocsPerRun(100, func() { Normalize(s) })
	if allocs > 1 {
		t.Errorf("Normalize(ascii) allocates %v times, want at most 1 (the Text)", allocs)
	}
	tx := Normalize(s)
	if tx.pieces != nil {
		t.Errorf("ASCII text has an offset map")
	}
	if s0, e0 := tx.Orig(12, 24); s0 != 12 || e0 != 24 {
		t.Errorf("Orig(12,24) = %d,%d, want identity", s0, e0)
	}
}

func TestNormalizeUnchangedJapaneseDoesNotCopy(t *testing.T) {
	s := strings.Repeat("お世話になっております。株式会社サンプルの田中です。", 50)
	allocs := testing.AllocsPerRun(100, func() { Normalize(s) })
	if allocs > 1 {
		t.Errorf("Normalize(unchanged japanese) allocates %v times, want at most 1", allocs)
	}
}

// TestNormalizeOffsets checks the offset map on mixed input: every span
// between unit edges maps back to original text that normalizes to it.
func TestNormalizeOffsets(t *testing.T) {
	for _, in := range []string{
		"連絡先：ＴＥＬ０３－１２３４－５６７８（代表）ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ",
		"㈱ﾀﾅｶｼｮｳｼﾞ\u3000①電話090ー1234ー5678",
		"e\u0301e\u0301 か\u3099ｶﾞ",
		"plain ascii text",
		"a\xffb",
	} {
		checkOffsets(t, in, Normalize(in))
	}
}

// checkOffsets verifies the invariants of tx's offset map against the
// original in: monotonic, in range, on rune boundaries, and every span
// between unit edges normalizes back to the normalized span.
func checkOffsets(t *testing.T, in string, tx *Text) {
	t.Helper()
	if !utf8.ValidString(tx.Norm) {
		t.Fatalf("Norm %q is not valid UTF-8", tx.Norm)
	}
	edges := unitEdges(tx)
	origBound := runeStarts(in)
	prev := -1
	for _, e := range edges {
		o, _ := tx.Orig(e, e)
		if o < prev || o > len(in) || !origBound[o] {
			t.Fatalf("Orig(%d) = %d: not monotonic, out of range or not on a rune boundary of %q", e, o, in)
		}
		prev = o
	}
	for i, a := range edges {
		for _, b := range edges[i+1:] {
			os, oe := tx.Orig(a, b)
			want := tx.Norm[a:b]
			if contextDash(tx, a, b) {
				continue
			}
			if got := Normalize(in[os:oe]).Norm; got != want {
				t.Errorf("Normalize(orig[%d:%d]=%q) = %q, want Norm[%d:%d] = %q", os, oe, in[os:oe], got, a, b, want)
			}
		}
	}
}

// unitEdges lists the rune boundaries of Norm that are not inside a piece.
func unitEdges(tx *Text) []int {
	var edges []int
	for i := 0; i <= len(tx.Norm); {
		inside := false
		for _, p := range tx.pieces {
			if i > p.norm && i < p.normEnd {
				inside = true
			}
		}
		if !inside {
			edges = append(edges, i)
		}
		if i == len(tx.Norm) {
			break
		}
		_, size := utf8.DecodeRuneInString(tx.Norm[i:])
		i += size
	}
	return edges
}

// contextDash reports whether Norm[a:b] starts or ends with a '-' folded
// from "ー": that fold depends on the neighbours, which the slice lacks.
func contextDash(tx *Text, a, b int) bool {
	isChoon := func(r rune) bool { return r == 'ー' || r == 'ｰ' }
	if tx.Norm[a] == '-' {
		o, _ := tx.Orig(a, a)
		if r, _ := utf8.DecodeRuneInString(tx.orig[o:]); isChoon(r) {
			return true
		}
	}
	if tx.Norm[b-1] == '-' {
		_, o := tx.Orig(b, b)
		if r, _ := utf8.DecodeLastRuneInString(tx.orig[:o]); isChoon(r) {
			return true
		}
	}
	return false
}

func runeStarts(s string) map[int]bool {
	m := map[int]bool{len(s): true}
	for i := 0; i < len(s); {
		m[i] = true
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return m
}

// TestStableStarter checks the hand-written fast path against x/text.
func TestStableStarter(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if !stableStarter(r) {
			continue
		}
		s := string(r)
		p := norm.NFKC.PropertiesString(s)
		if norm.NFKC.String(s) != s || !p.BoundaryBefore() {
			t.Errorf("stableStarter(%U) = true, but NFKC changes it or it combines backward", r)
		}
	}
}

// TestNormalizeMatchesNFKC compares with x/text on text where our folds do
// not apply: the result must be plain NFKC.
func TestNormalizeMatchesNFKC(t *testing.T) {
	for _, s := range []string{
		"ｱｲｳｴｵ ﾊﾟﾋﾟﾌﾟ ｶﾞｷﾞｸﾞ",
		"Ｈｅｌｌｏ、ＷＯＲＬＤ！（テスト）",
		"\u1100\u1161\u11a8 한국어",
		"a\u0301\u0316b\u0316\u0301",
		"ﬁ ﬂ Å ℃ ㍿ ㌔",
	} {
		if got, want := Normalize(s).Norm, norm.NFKC.String(s); got != want {
			t.Errorf("Normalize(%q) = %q, want NFKC %q", s, got, want)
		}
	}
}

// hasFold reports whether s holds a character our folds treat differently
// from plain NFKC.
func hasFold(s string) bool {
	for _, r := range s {
		nk := norm.NFKC.String(string(r))
		if isDash(r) || r == 'ー' || r == 'ｰ' || r == 0x2011 || digitCount([]byte(nk)) > digitLikeCount(string(r)) {
			return true
		}
		if nr, _ := utf8.DecodeRuneInString(nk); isDash(nr) || nr == 'ー' {
			return true
		}
	}
	return false
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"ｶﾞ", "０９０ー１２３４", "e\u0301", "㈱①", "a\xffb", "\u1100\u1161\u11a8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tx := Normalize(s)
		if !utf8.ValidString(tx.Norm) {
			t.Fatalf("Norm not valid UTF-8: %q", tx.Norm)
		}
		valid := strings.ToValidUTF8(s, "\uFFFD")
		if utf8.ValidString(s) && !hasFold(s) {
			if want := norm.NFKC.String(valid); tx.Norm != want {
				t.Fatalf("Normalize(%q) = %q, want NFKC %q", s, tx.Norm, want)
			}
		}
		if len(s) < 64 {
			checkOffsets(t, s, tx)
		}
	})
}

func TestQuickBoundary(t *testing.T) {
	for r := rune(0x80); r <= 0x10FFFF; r++ {
		if quickBoundary(r) && !norm.NFKC.PropertiesString(string(r)).BoundaryBefore() {
			t.Errorf("quickBoundary(%U) = true, but it combines backward", r)
		}
	}
}

func TestNormalizeMergesFullWidthRuns(t *testing.T) {
	tx := Normalize("ＴＥＬ：０３－１２３４")
	if len(tx.pieces) != 1 {
		t.Errorf("got %d pieces, want 1: %+v", len(tx.pieces), tx.pieces)
	}
	// "03" is Norm[4:6] and came from the 7th and 8th full-width characters.
	if s, e := tx.Orig(4, 6); s != 12 || e != 18 {
		t.Errorf("Orig(4,6) = %d,%d, want 12,18", s, e)
	}
}

func TestDecodeRune(t *testing.T) {
	for _, s := range []string{"あ", "\xe0\xa0\x80", "\xe0\x80\x80", "\xed\xa0\x80", "\xef\xbf\xbf", "\xe3\x81", "\xe3\x81\x41", "a", "\xf0\x9f\x98\x80", "\xee\x80\x80"} {
		r, size := decodeRune(s, 0)
		wr, wsize := utf8.DecodeRuneInString(s)
		if r != wr || size != wsize {
			t.Errorf("decodeRune(%q) = %U,%d, want %U,%d", s, r, size, wr, wsize)
		}
	}
}
