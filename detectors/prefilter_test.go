package detectors

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/detectors/internal/textscan"
	"github.com/mailsift/mailsift/pii"
)

// kwDetector is a Detector with keywords only, for the prefilter.
type kwDetector struct{ kws []string }

func (d kwDetector) Name() string         { return "kw" }
func (d kwDetector) Types() []string      { return []string{pii.Email} }
func (d kwDetector) Keywords() []string   { return d.kws }
func (d kwDetector) MaxLen() int          { return 1 }
func (d kwDetector) Detect(*Text) []Match { return nil }

// naiveMark is what mark must compute: detector i is active when one of
// its keywords, lower-cased, occurs in the text with its ASCII letters
// lower-cased.
func naiveMark(dets []Detector, text string) []bool {
	lower := textscan.ASCIILower(text)
	active := make([]bool, len(dets))
	for i, d := range dets {
		kws := d.Keywords()
		if len(kws) == 0 {
			active[i] = true
		}
		for _, kw := range kws {
			if strings.Contains(lower, strings.ToLower(kw)) {
				active[i] = true
			}
		}
	}
	return active
}

func checkMark(t *testing.T, dets []Detector, text string) {
	t.Helper()
	p := newPrefilter(dets)
	got := make([]bool, len(dets))
	for i, d := range dets {
		got[i] = len(d.Keywords()) == 0
	}
	if p != nil {
		p.mark(text, got)
	}
	want := naiveMark(dets, text)
	for i := range dets {
		if got[i] != want[i] {
			t.Fatalf("detector %d (keywords %q) in %q: active %v, want %v", i, dets[i].Keywords(), text, got[i], want[i])
		}
	}
}

func TestPrefilterMark(t *testing.T) {
	dets := []Detector{
		kwDetector{[]string{"tel", "電話"}},
		kwDetector{[]string{"telephone"}},  // hides "tel" and "phone" for a leftmost-longest matcher
		kwDetector{[]string{"phone", "@"}}, // inside "telephone"
		kwDetector{nil},
		kwDetector{[]string{"ne"}}, // suffix of "phone": found through failure links
		kwDetector{[]string{"Passport", "旅券番号"}},
		kwDetector{[]string{"番号"}}, // suffix of 旅券番号
	}
	for _, text := range []string{
		"", "nothing here", "TELEPHONE", "Telephone: 03", "te", "tel", "hotel", "telephon",
		"mobile phone", "a@b", "旅券番号", "旅券", "番号", "PASSPORT", "passpor", "tetel", "pphone", "NE",
		"\xe6\x97\x85\xe5\x88", // a cut 旅券
	} {
		checkMark(t, dets, text)
	}
}

// TestPrefilterRandom compares mark with the naive search on random
// keyword sets and texts over a small alphabet, where keywords overlap,
// nest and share prefixes and suffixes all the time.
func TestPrefilterRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alpha := []string{"a", "b", "A", "B", "c", "@", "番", "号", "\xe7"}
	word := func(n int) string {
		var sb strings.Builder
		for range n {
			sb.WriteString(alpha[rng.IntN(len(alpha))])
		}
		return sb.String()
	}
	for range 2000 {
		var dets []Detector
		for range 1 + rng.IntN(70) { // over 64: more than one mask word
			var kws []string
			for range rng.IntN(4) {
				kws = append(kws, word(1+rng.IntN(4)))
			}
			dets = append(dets, kwDetector{kws})
		}
		checkMark(t, dets, word(rng.IntN(40)))
	}
}

func FuzzPrefilter(f *testing.F) {
	f.Add("tel,telephone,phone,@,番号", "Telephone 03-1234 番号")
	f.Add("ab,b,abc", "xabcab")
	f.Fuzz(func(t *testing.T, kws, text string) {
		var dets []Detector
		for _, group := range strings.Split(kws, ";") {
			var ks []string
			for _, k := range strings.Split(group, ",") {
				if k != "" {
					ks = append(ks, k)
				}
			}
			dets = append(dets, kwDetector{ks})
		}
		checkMark(t, dets, text)
	})
}

// BenchmarkPrefilter is one prefilter pass over mail-like text with
// keywords that occur every few lines ("@", "mail", "tel") and ones that
// never do, so that the pass runs to the end of the text.
func BenchmarkPrefilter(b *testing.B) {
	dets := []Detector{
		kwDetector{[]string{"@"}},
		kwDetector{[]string{"tel", "phone", "mobile", "fax", "電話", "携帯"}},
		kwDetector{[]string{"mail", "regards", "best", "thanks", "--", "様", "さん"}},
		kwDetector{[]string{"passport", "旅券", "パスポート"}},
		kwDetector{[]string{"マイナンバー", "個人番号", "my number"}},
		kwDetector{[]string{"運転免許", "免許証", "driver's license", "licence"}},
		kwDetector{[]string{"口座", "普通預金", "account no", "iban"}},
		kwDetector{[]string{"生年月日", "birth", "dob", "born"}},
	}
	p := newPrefilter(dets)
	line := "From: Taro Yamada <taro@example.com>; see the mailing list, tel 03-1234-5678, or the 会議 notes.\n"
	text := strings.Repeat(line+"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n", 1<<20/180)
	active := make([]bool, len(dets))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		clear(active)
		p.mark(text, active)
	}
}
