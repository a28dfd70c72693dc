package signature

import (
	"iter"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/mailsift/mailsift/detectors/internal/detectortest"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// sigFragments are lines that make and break signature blocks.
var sigFragments = []string{
	"", "", "--", "-- ", "━━━━━━━━━━", "==============", "Best regards,", "Thanks,",
	"株式会社サンプル 営業部", "サンプル株式会社 経営企画室 室長", "第二営業部 課長", "田中 太郎", "山田 花子（やまだ はなこ）",
	"John Smith", "Sales Manager | Sample Trading Co., Ltd.", "Human Resources Department", "Acme Inc.",
	"TEL: 03-1234-5678 / 携帯: 090-1234-5678", "E-mail: taro.tanaka@example.co.jp", "Mobile: +81 90 1234 5678",
	"〒100-0001", "東京都千代田区千代田1-2-3 サンプルビル5F", "hanako.yamada@example.com", "090-2222-3333",
	"> --", "> 佐藤 花子", "> TEL 03-9876-5432", "-----Original Message-----",
	"いつもお世話になっております。株式会社サンプルの田中です。", "Please let me know if you have any questions or need further information.",
	"ご注文番号 1234-5678-2024 の商品は発送済みです。", "■■■■■■■■■■", "【携帯】080-1111-2222",
	strings.Repeat("長い行です", 50),
}

// genText returns n lines drawn from sigFragments.
func genText(rng *rand.Rand, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(sigFragments[rng.IntN(len(sigFragments))])
		if i < n-1 || rng.IntN(2) == 0 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// TestParserAround checks that a Parser returns what Around returns, for
// every line of generated texts (in a random order, so that the cache is
// filled in any order) and for spans that are no line bounds.
func TestParserAround(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	blocks := 0
	for k := 0; k < 300; k++ {
		s := genText(rng, 1+rng.IntN(80))
		p, po := NewParser(s), NewParser(s) // po for On alone: it classifies lazily
		spans := lineSpans(s)
		for range 5 {
			a, b := rng.IntN(len(s)+1), rng.IntN(len(s)+1)
			spans = append(spans, [2]int{min(a, b), max(a, b)})
		}
		for i := 0; i <= len(s); i++ {
			ls := strings.LastIndexByte(s[:i], '\n') + 1
			le := len(s)
			if k := strings.IndexByte(s[i:], '\n'); k >= 0 {
				le = i + k
			}
			if gotS, gotE := p.Line(i); gotS != ls || gotE != le {
				t.Fatalf("text %q: Line(%d) = %d, %d, want %d, %d", s, i, gotS, gotE, ls, le)
			}
		}
		rng.Shuffle(len(spans), func(i, j int) { spans[i], spans[j] = spans[j], spans[i] })
		for _, sp := range spans {
			blocks += len(checkAround(t, s, p, po, sp[0], sp[1]))
		}
	}
	if blocks < 1000 {
		t.Errorf("only %d blocks compared: the generated texts hold too few signatures", blocks)
	}
}

// lineSpans returns the start and end of each line of s, without its
// newline; the last line is the text after the last newline.
func lineSpans(s string) [][2]int {
	var out [][2]int
	for ls := 0; ls <= len(s); {
		le := strings.IndexByte(s[ls:], '\n')
		if le < 0 {
			le = len(s)
		} else {
			le += ls
		}
		out = append(out, [2]int{ls, le})
		ls = le + 1
	}
	return out
}

// checkAround fails t unless p.Around(a, b) is Around(s, a, b) and
// po.On(a, b) holds those of its blocks that span a; it returns them.
func checkAround(t testing.TB, s string, p, po *Parser, a, b int) []Block {
	t.Helper()
	want := Around(s, a, b)
	if diff := gocmp.Diff(want, p.Around(a, b)); diff != "" {
		t.Fatalf("text %.300q, span [%d,%d): Parser.Around differs from Around (-want +got):\n%s", s, a, b, diff)
	}
	if diff := gocmp.Diff(spanning(want, a), po.On(a, b)); diff != "" {
		t.Fatalf("text %.300q, span [%d,%d): Parser.On differs from Around (-want +got):\n%s", s, a, b, diff)
	}
	return want
}

// spanning returns the blocks that span offset ls, as Parser.On should.
func spanning(bs []Block, ls int) []Block {
	var out []Block
	for _, b := range bs {
		if b.Start <= ls && ls <= b.End {
			out = append(out, b)
		}
	}
	return out
}

// TestParserLinesNear checks Parser.LinesNear against LinesNear with one
// seen set for a sequence of cues, as the detectors call them.
func TestParserLinesNear(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for k := 0; k < 1000; k++ {
		s := genText(rng, 1+rng.IntN(60))
		p := NewParser(s)
		seen := map[int]bool{}
		var cues []int
		for range 10 {
			// Anywhere, or at a line start (a cue that starts its line).
			pos := rng.IntN(len(s) + 1)
			if i := strings.IndexByte(s[pos:], '\n'); i >= 0 && rng.IntN(2) == 0 {
				pos += i + 1
			}
			cues = append(cues, pos)
		}
		if k%2 == 0 {
			slices.Sort(cues) // in order, as detectors ask, repeats too
		}
		for _, pos := range cues {
			var want, got [][2]int
			LinesNear(s, pos, seen, func(ls, le int) { want = append(want, [2]int{ls, le}) })
			p.LinesNear(pos, func(ls, le int) { got = append(got, [2]int{ls, le}) })
			if diff := gocmp.Diff(want, got); diff != "" {
				t.Fatalf("text %q, cue at %d (-want +got):\n%s", s, pos, diff)
			}
		}
	}
}

func FuzzParserAround(f *testing.F) {
	f.Add("--\n株式会社サンプル 営業部\n田中 太郎\nTEL: 03-1234-5678\nE-mail: taro@example.co.jp\n", 20, 40)
	f.Add("高橋 健一\n株式会社サンプル\n\nTEL: 03-1111-2222\n", 0, 5)
	f.Add("\n\n", 1, 1)
	f.Fuzz(func(t *testing.T, s string, a, b int) {
		if len(s) > 4096 {
			return
		}
		p, po := NewParser(s), NewParser(s)
		// Every line, then the given span (clamped).
		for _, sp := range lineSpans(s) {
			checkAround(t, s, p, po, sp[0], sp[1])
		}
		a, b = min(max(a, 0), len(s)), min(max(b, 0), len(s))
		checkAround(t, s, p, po, min(a, b), max(a, b))
	})
}

// TestLatinPrefilters: whenever an expression matches, its prefilter
// says yes (the prefilters are exact shortcuts), and they do say no on
// lines the expressions cannot match.
func TestLatinPrefilters(t *testing.T) {
	positives := []string{
		"Sample Trading Co., Ltd.", "Sample Co.,Ltd", "Sample CO LTD", "Sample coltd", "Sample Co. Inc.", "Acme Inc.", "Acme inc",
		"Acme Incorporated", "Acme Corporation", "Acme Corp.", "Widgets LLC", "Widgets L.L.C.", "Foo Ltd", "Foo Limited",
		"Foo K.K.", "Foo GmbH", "Foo LLP", "Foo plc", "Foo Pte. Ltd.", "Foo PTE LTD", "Foo S.A.", "Foo AG", "Foo Holdings",
		"Foo,Inc.", "Foo\tInc", "Foo \u212a.\u212a.", "Foo \u017f.a.", "Foo Ag",
		"Chief Marketing Officer", "CEO", "cfo", "CTO", "COO", "CIO", "CISO", "Vice President", "SVP", "evp", "VP",
		"Chairman", "Managing Director", "Sales Manager", "Head of Sales", "Software Engineer", "Senior Consultant",
		"Analyst", "Specialist", "Associate", "Partner", "Attorney", "Accountant", "Secretary", "Sales Representative",
		"Coordinator", "Team Lead", "Leader", "Officer", "Assistant", "\u212aey Account Manager", "A\u017f\u017fistant",
		"Sales Dept.", "Sales Dept", "Human Resources Department", "Consumer Division", "Retail Div.", "Department of Energy",
		"Division of Labor Affairs",
	}
	for _, s := range positives {
		if !latinCompany.MatchString(s) && !latinTitle.MatchString(s) && !latinDept.MatchString(s) {
			t.Errorf("%q: no expression matches; the test case is wrong", s)
		}
		checkLatinPrefilters(t, s)
		checkLatinPrefilters(t, "田中 太郎 "+s+" 様")
		checkLatinPrefilters(t, strings.ToUpper(s))
		checkLatinPrefilters(t, strings.ToLower(s))
	}
	negatives := []string{
		"株式会社サンプル 営業部", "田中 太郎", "TEL: 03-1234-5678", "Thank you for your email.", "hanako.yamada@example.com",
		"Please let me know if you have any questions.", "いつもお世話になっております。", "",
	}
	for _, s := range negatives {
		checkLatinPrefilters(t, s)
		if mayLatinCompany(s) || mayLatinTitle(s) || mayLatinDept(s) {
			t.Errorf("%q: a prefilter says yes; it should rule this line out", s)
		}
	}
	// Random strings over the letters, separators and words that matter.
	parts := []string{"co", "Co", "CO", ".", ",", " ", "\t", "ltd", "Ltd", "inc", "Inc", "l", "k", "K", "s", "a", "ag", "AG", "g",
		"corp", "oration", "llc", "llp", "plc", "pte", "gmbh", "holdings", "limited", "\u212a", "\u017f", "x", "Dept", "Div",
		"Department", "Division", " of ", "Sales", "head", "chief", "vice", "president", "vp", "lead", "er", "manager", "田中", "ー"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		checkLatinPrefilters(t, detectortest.RandomText(rng, parts, 1+rng.IntN(8)))
	}
}

func FuzzLatinPrefilters(f *testing.F) {
	for _, s := range []string{"Sample Trading Co., Ltd.", "Sales Manager", "Human Resources Department", "Foo AG", "田中", "x \u212a.k."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkLatinPrefilters(t, s) })
}

// checkLatinPrefilters fails t when an expression matches s and its
// prefilter says no.
func checkLatinPrefilters(t testing.TB, s string) {
	t.Helper()
	if latinCompany.MatchString(s) && !mayLatinCompany(s) {
		t.Errorf("latinCompany matches %q, prefilter says no", s)
	}
	if latinTitle.MatchString(s) && !mayLatinTitle(s) {
		t.Errorf("latinTitle matches %q, prefilter says no", s)
	}
	if latinDept.MatchString(s) && !mayLatinDept(s) {
		t.Errorf("latinDept matches %q, prefilter says no", s)
	}
}

// refFindLabels is a plain findLabels, on a lower-cased copy; findLabels
// must agree with it.
func refFindLabels(c string) []label {
	lower := textscan.ASCIILower(c)
	var out []label
	for i := 0; i < len(lower); {
		best := -1
		for _, k := range labelsByFirst[lower[i]] {
			cl := contactLabels[k]
			if strings.HasPrefix(lower[i:], cl.label) && (best < 0 || len(cl.label) > len(contactLabels[best].label)) {
				best = k
			}
		}
		if best >= 0 {
			cl := contactLabels[best]
			end := i + len(cl.label)
			if labelStart(lower, i, cl.label) && refLabelEnd(lower, end, cl.kind) {
				out = append(out, label{i, end, cl.kind})
				i = end
				continue
			}
		}
		_, size := utf8.DecodeRuneInString(lower[i:])
		i += size
	}
	short := map[string]contactKind{"t": cPhone, "p": cPhone, "f": cFax, "m": cMobile, "e": cEmail, "d": cPhone}
	if len(lower) >= 2 && (lower[1] == ':' || lower[1] == '.') {
		if k, ok := short[lower[:1]]; ok {
			out = append([]label{{0, 2, k}}, out...)
		}
	}
	return out
}

func refLabelEnd(lower string, end int, kind contactKind) bool {
	if kind == cURL && (strings.HasSuffix(lower[:end], "http") || strings.HasSuffix(lower[:end], "www.")) {
		return true
	}
	return labelEnd(lower, end, kind)
}

// TestFoldedMatching checks the copy-free, ASCII-case-insensitive label,
// sign-off and break matching against lower-casing first.
func TestFoldedMatching(t *testing.T) {
	parts := []string{"TEL", "tel", "Tel", "hotel", "Phone", "PHONE calls", "Mobile", "FAX", "E-Mail", "EMAIL", "mail", "URL", "Web",
		"HTTP", "http", "WWW.", "www", "〒", "携帯", "電話", "住所", "代表", "取締役", "Address", "ADDR", "T", "M", "E", "D", "F", "P",
		":", ".", " ", "  ", "：", "03-1234-5678", "+81", "(", "@", "x@example.jp", "A", "z", "-", "番号", "Original Message",
		"FORWARDED message", "Best Regards", "THANKS", "cheers", ",", "!", "İ", "\u212a", "é"}
	rng := rand.New(rand.NewPCG(9, 10))
	signoffHits, breakHits, labelHits := 0, 0, 0
	for range 30000 {
		c := detectortest.RandomText(rng, parts, 1+rng.IntN(6))
		want, got := refFindLabels(c), findLabels(c)
		if diff := gocmp.Diff(want, got, gocmp.AllowUnexported(label{})); diff != "" {
			t.Fatalf("findLabels(%q) (-want +got):\n%s", c, diff)
		}
		labelHits += len(want)
		lower := textscan.ASCIILower(c)
		wantSignoff := false
		for _, s := range signoffs {
			wantSignoff = wantSignoff || strings.TrimRight(lower, ",.!- ") == s
		}
		if isSignoff(c) != wantSignoff {
			t.Fatalf("isSignoff(%q) = %v, want %v", c, !wantSignoff, wantSignoff)
		}
		for _, w := range []string{"original message", "forwarded message"} {
			if containsFold(c, w) != strings.Contains(lower, w) {
				t.Fatalf("containsFold(%q, %q) = %v", c, w, !strings.Contains(lower, w))
			}
			if strings.Contains(lower, w) {
				breakHits++
			}
		}
		if wantSignoff {
			signoffHits++
		}
	}
	if signoffHits < 50 || breakHits < 50 || labelHits < 1000 {
		t.Errorf("too few hits to compare: %d sign-offs, %d breaks, %d labels", signoffHits, breakHits, labelHits)
	}
}

// TestMayHoldTitle: whenever FindTitles finds something in a part of a
// line, MayHoldTitle says yes for the line; it says no on lines without
// titles.
func TestMayHoldTitle(t *testing.T) {
	parts := []string{"第二営業部", "営業", "部", "課長", "代表取締役社長", "取締役", "長", "マネージャー", "リーダー", "グループ", "阿部",
		"長谷部", "Sales", "Manager", "Human Resources", "Department", "Dept.", "Division of", "Energy", "Head of", "sales",
		"VP", "\u212aey", " ", "　", "田中", "太郎", "Sales Dept.", "Retail Division", "Department of Energy", "Div. of", "TEL:", "03-1234-5678", "|", "/", "(株)", "サンプル", "チーム", "係", "室"}
	rng := rand.New(rand.NewPCG(13, 14))
	found := 0
	for range 20000 {
		line := detectortest.RandomText(rng, parts, 1+rng.IntN(6))
		may := MayHoldTitle(line)
		for range 4 {
			i, j := rng.IntN(len(line)+1), rng.IntN(len(line)+1)
			sub := line[min(i, j):max(i, j)]
			if len(FindTitles(sub)) > 0 {
				found++
				if !may {
					t.Fatalf("FindTitles(%q) finds %v in %q, MayHoldTitle says no", sub, FindTitles(sub), line)
				}
			}
		}
	}
	if found < 1000 {
		t.Errorf("only %d finds compared", found)
	}
	for _, s := range []string{"田中 太郎", "TEL: 03-1234-5678", "いつもお世話になっております。", "Thank you for your email.", "taro@example.jp"} {
		if MayHoldTitle(s) {
			t.Errorf("MayHoldTitle(%q) = true, want false", s)
		}
	}
	for _, w := range append(append([]string(nil), titleWords...), deptSuffixes...) {
		if w != strings.ToLower(w) {
			t.Errorf("title word %q is not lower-case: Cues would miss it", w)
		}
	}
}

// refFindCompany is a plain FindCompany, one strings.Index loop per
// word; FindCompany must agree with it.
func refFindCompany(s string) (Span, bool) {
	best := Span{-1, -1}
	better := func(sp Span) {
		if sp.End > sp.Start && (best.Start < 0 || sp.Start < best.Start) {
			best = sp
		}
	}
	for _, p := range companyPrefixes {
		for i := range occurrences(s, p) {
			j := i + len(p)
			for j < len(s) && s[j] == ' ' {
				j++
			}
			if end := nameRunForward(s, j); end > j {
				better(Span{i, end})
				break
			}
		}
	}
	for _, suf := range companySuffixes {
		for i := range occurrences(s, suf) {
			if !suffixEnds(s, i+len(suf)) {
				continue
			}
			if start := nameRunBackward(s, i); start < i {
				better(Span{start, i + len(suf)})
				break
			}
		}
	}
	if loc := latinCompany.FindStringSubmatchIndex(s); loc != nil {
		if start := latinNameBackward(s, loc[2]); start < loc[2] {
			better(Span{start, loc[3]})
		}
	}
	if best.Start < 0 {
		return Span{}, false
	}
	return best, true
}

// occurrences yields the start of each occurrence of w in s, left to
// right, none overlapping the one before.
func occurrences(s, w string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for from := 0; from < len(s); {
			i := strings.Index(s[from:], w)
			if i < 0 || !yield(from+i) {
				return
			}
			from += i + len(w)
		}
	}
}

// TestFindCompanyRef compares FindCompany with refFindCompany on
// generated lines.
func TestFindCompanyRef(t *testing.T) {
	if len(orgWords) > maxOrgWords {
		t.Fatalf("%d organisation words, more than maxOrgWords %d", len(orgWords), maxOrgWords)
	}
	parts := []string{"株式会社", "(株)", "サンプル", "商事", "の", "は", "みずほ", "銀行", "三菱UFJ", "信用金庫", "NPO法人", "npo法人",
		"法人", "一般社団法人", "日本", "協会", " ", "  ", "|", "/", "田中", "太郎", "Sample", "Trading", "Co., Ltd.", "Inc.", "AG",
		"and", "of", "Company:", "-", ".", "&", "監査法人", "トーマツ", "ー", "・", "営業部", "株式会社株式会社", "(有)", "有限会社"}
	rng := rand.New(rand.NewPCG(15, 16))
	found := 0
	for range 30000 {
		s := detectortest.RandomText(rng, parts, 1+rng.IntN(7))
		wantSp, wantOK := refFindCompany(s)
		gotSp, gotOK := FindCompany(s)
		if wantSp != gotSp || wantOK != gotOK {
			t.Fatalf("FindCompany(%q) = %v, %v; want %v, %v", s, gotSp, gotOK, wantSp, wantOK)
		}
		if wantOK {
			found++
		}
	}
	if found < 10000 {
		t.Errorf("only %d companies compared", found)
	}
}

// TestEndingWith: the last-rune index offers every title word and
// department suffix that ends a word.
func TestEndingWith(t *testing.T) {
	parts := append(append([]string{"第二", "営業", "田中", "\xe9", "ー", "・"}, titleWords...), deptSuffixes...)
	rng := rand.New(rand.NewPCG(17, 18))
	for range 20000 {
		w := detectortest.RandomText(rng, parts, 1+rng.IntN(3))
		for _, c := range []struct {
			words []string
			index map[rune][]string
		}{{titleWords, titlesByLast}, {deptSuffixes, deptsByLast}} {
			for _, x := range c.words {
				if strings.HasSuffix(w, x) && !slices.Contains(endingWith(c.index, w), x) {
					t.Fatalf("%q ends with %q, the index does not offer it", w, x)
				}
			}
		}
	}
}

// TestParserManyLines: a text of more lines than a Parser indexes gets
// the same answers, the slow way.
func TestParserManyLines(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	var b strings.Builder
	for range maxLines { // short lines, so that the test stays small
		b.WriteString([]string{"\n", "--\n", "田中 太郎\n", "TEL: 03-1234-5678\n", "x@y.jp\n", "\n"}[rng.IntN(6)])
	}
	b.WriteString(genText(rng, 500))
	s := b.String()
	p, po := NewParser(s), NewParser(s)
	seen := map[int]bool{}
	var starts []int
	for i := 0; i < len(s); i++ {
		if i == 0 || s[i-1] == '\n' {
			starts = append(starts, i)
		}
	}
	for range 3000 {
		ls := starts[rng.IntN(len(starts))]
		le := len(s)
		if k := strings.IndexByte(s[ls:], '\n'); k >= 0 {
			le = ls + k
		}
		checkAround(t, s, p, po, ls, le)
		if gotS, gotE := p.Line(ls + (le-ls)/2); gotS != ls || gotE != le {
			t.Fatalf("Line(%d) = %d, %d, want %d, %d", ls+(le-ls)/2, gotS, gotE, ls, le)
		}
		var wantNear, gotNear [][2]int
		LinesNear(s, ls, seen, func(a, b int) { wantNear = append(wantNear, [2]int{a, b}) })
		p.LinesNear(ls, func(a, b int) { gotNear = append(gotNear, [2]int{a, b}) })
		if diff := gocmp.Diff(wantNear, gotNear); diff != "" {
			t.Fatalf("LinesNear(%d) (-want +got):\n%s", ls, diff)
		}
	}
	if !p.many {
		t.Fatalf("a text of %d lines was indexed", len(starts))
	}
}
