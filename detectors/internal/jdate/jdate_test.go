package jdate

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// got is a span as the tests compare it.
type got struct {
	Text, Date string
	Form       Form
	Alt        string // "" unless ambiguous
}

func find(s string) []got {
	var out []got
	for _, sp := range Find(s) {
		g := got{Text: s[sp.Start:sp.End], Date: sp.Date.String(), Form: sp.Form}
		if sp.Ambiguous {
			g.Alt = sp.Alt.String()
		}
		out = append(out, g)
	}
	return out
}

func TestFind(t *testing.T) {
	tests := []struct {
		in   string
		want []got
	}{
		// Era dates.
		{"昭和60年3月12日", []got{{"昭和60年3月12日", "1985-03-12", FormEra, ""}}},
		{"生年月日:平成元年1月8日生", []got{{"平成元年1月8日", "1989-01-08", FormEra, ""}}},
		{"令和元年5月1日", []got{{"令和元年5月1日", "2019-05-01", FormEra, ""}}},
		{"平成31年4月30日", []got{{"平成31年4月30日", "2019-04-30", FormEra, ""}}},
		{"昭和64年1月7日", []got{{"昭和64年1月7日", "1989-01-07", FormEra, ""}}},
		{"昭和元年12月25日", []got{{"昭和元年12月25日", "1926-12-25", FormEra, ""}}},
		{"大正15年12月25日", []got{{"大正15年12月25日", "1926-12-25", FormEra, ""}}},
		{"大正元年7月30日", []got{{"大正元年7月30日", "1912-07-30", FormEra, ""}}},
		{"明治45年7月29日", []got{{"明治45年7月29日", "1912-07-29", FormEra, ""}}},
		{"昭和 60 年 3 月 12 日", []got{{"昭和 60 年 3 月 12 日", "1985-03-12", FormEra, ""}}},
		{"昭和六十年十二月三日", []got{{"昭和六十年十二月三日", "1985-12-03", FormEra, ""}}},
		{"平成二十三年十一月二十日", []got{{"平成二十三年十一月二十日", "2011-11-20", FormEra, ""}}},
		{"昭和五〇年一月一〇日", []got{{"昭和五〇年一月一〇日", "1975-01-10", FormEra, ""}}},
		{"平成2.5.3", []got{{"平成2.5.3", "1990-05-03", FormEra, ""}}},
		{"昭和60(1985)年3月12日", []got{{"昭和60(1985)年3月12日", "1985-03-12", FormEra, ""}}},
		{"㍼60年3月12日", []got{{"㍼60年3月12日", "1985-03-12", FormEra, ""}}},
		{"㍻2年5月3日", []got{{"㍻2年5月3日", "1990-05-03", FormEra, ""}}},
		{"㋿2年2月29日", []got{{"㋿2年2月29日", "2020-02-29", FormEra, ""}}},
		{"㍽3年1月1日", []got{{"㍽3年1月1日", "1914-01-01", FormEra, ""}}},
		{"㍾30年1月1日", []got{{"㍾30年1月1日", "1897-01-01", FormEra, ""}}},
		{"昭和６０年３月１２日", []got{{"昭和６０年３月１２日", "1985-03-12", FormEra, ""}}},
		// Letter forms (JIS X 0301).
		{"H2.5.3", []got{{"H2.5.3", "1990-05-03", FormEraLetter, ""}}},
		{"S60-01-02", []got{{"S60-01-02", "1985-01-02", FormEraLetter, ""}}},
		{"H02/05/03", []got{{"H02/05/03", "1990-05-03", FormEraLetter, ""}}},
		{"R1.05.01", []got{{"R1.05.01", "2019-05-01", FormEraLetter, ""}}},
		{"T15.12.25", []got{{"T15.12.25", "1926-12-25", FormEraLetter, ""}}},
		{"M45.7.29", []got{{"M45.7.29", "1912-07-29", FormEraLetter, ""}}},
		{"Section S3.2.1", []got{{"S3.2.1", "1928-02-01", FormEraLetter, ""}}}, // a date to the library; context decides
		{"S60年3月12日", []got{{"S60年3月12日", "1985-03-12", FormEraLetter, ""}}},
		// Western dates.
		{"1985年3月12日", []got{{"1985年3月12日", "1985-03-12", FormKanji, ""}}},
		{"1985年03月12日(火)", []got{{"1985年03月12日", "1985-03-12", FormKanji, ""}}},
		{"一九八五年三月十二日", []got{{"一九八五年三月十二日", "1985-03-12", FormKanji, ""}}},
		{"二〇〇〇年二月二十九日", []got{{"二〇〇〇年二月二十九日", "2000-02-29", FormKanji, ""}}},
		{"１９８５年３月１２日", []got{{"１９８５年３月１２日", "1985-03-12", FormKanji, ""}}},
		{"1985/03/12", []got{{"1985/03/12", "1985-03-12", FormISO, ""}}},
		{"1985-03-12", []got{{"1985-03-12", "1985-03-12", FormISO, ""}}},
		{"1985.3.12", []got{{"1985.3.12", "1985-03-12", FormISO, ""}}},
		{"2024-05-02T10:11:12+09:00", []got{{"2024-05-02", "2024-05-02", FormISO, ""}}},
		// Day and month in front.
		{"25/12/1985", []got{{"25/12/1985", "1985-12-25", FormNumericDMY, ""}}},
		{"12/25/1985", []got{{"12/25/1985", "1985-12-25", FormNumericDMY, ""}}},
		{"03/04/1985", []got{{"03/04/1985", "1985-03-04", FormNumericDMY, "1985-04-03"}}},
		{"03.04.1985", []got{{"03.04.1985", "1985-04-03", FormNumericDMY, "1985-03-04"}}},
		{"05/05/1985", []got{{"05/05/1985", "1985-05-05", FormNumericDMY, ""}}},
		// English.
		{"12 March 1985", []got{{"12 March 1985", "1985-03-12", FormEnglish, ""}}},
		{"March 12, 1985", []got{{"March 12, 1985", "1985-03-12", FormEnglish, ""}}},
		{"Mar. 12, 1985", []got{{"Mar. 12, 1985", "1985-03-12", FormEnglish, ""}}},
		{"12-Mar-1985", []got{{"12-Mar-1985", "1985-03-12", FormEnglish, ""}}},
		{"12-MAR-1985", []got{{"12-MAR-1985", "1985-03-12", FormEnglish, ""}}},
		{"12th of March, 1985", []got{{"12th of March, 1985", "1985-03-12", FormEnglish, ""}}},
		{"born on September 1st 2001.", []got{{"September 1st 2001", "2001-09-01", FormEnglish, ""}}},
		{"Date: Thu, 2 May 2024 10:11:12 +0900", []got{{"2 May 2024", "2024-05-02", FormEnglish, ""}}},
		// Several in one text.
		{"生年月日 1985/03/12 発行日 2020年1月1日", []got{
			{"1985/03/12", "1985-03-12", FormISO, ""},
			{"2020年1月1日", "2020-01-01", FormKanji, ""},
		}},

		// Impossible dates and things that are not dates.
		{"昭和64年2月1日", nil},
		{"昭和64年1月8日", nil},
		{"平成32年1月1日", nil},
		{"平成元年1月7日", nil},
		{"令和元年4月30日", nil},
		{"明治46年1月1日", nil},
		{"大正16年1月1日", nil},
		{"昭和0年1月1日", nil},
		{"1985年2月30日", nil},
		{"2023年2月29日", nil},
		{"1900-02-29", nil},
		{"1985-13-01", nil},
		{"1985/04/31", nil},
		{"13/13/1985", nil},
		{"昭和60年3月", nil},
		{"3月12日", nil},
		{"1985年3月", nil},
		{"March 1985", nil},
		{"12019/03/12", nil},
		{"1985/03/123", nil},
		{"1985-03-12-5", nil},
		{"1985.3.12.1", nil},
		{"〒100-0001", nil},
		{"03-1234-5678", nil},
		{"090-1234-5678", nil},
		{"10:00-12:00", nil},
		{"192.168.0.1", nil},
		{"version 1.2.3", nil},
		{"¥1,985,312", nil},
		{"0312-1985-77", nil},
		{"ABS60.1.2", nil},
		{"HS2.5.3", nil},
		{"h2.5.3", nil},
		{"Section S3.2.1.4", nil},
		{"明治大学", nil},
		{"大正製薬", nil},
		{"平成の時代", nil},
		{"Mayor 12, 1985", nil},
		{"12 Marching 1985", nil},
		{"12 March 19850", nil},
		{"0312/1985", nil},
		{"19850312", nil},
		{"1799-01-01", nil},
		{"2200-01-01", nil},
		{"二十三四年", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, find(tt.in)); diff != "" {
				t.Errorf("Find(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want string
		err  error
	}{
		{"19850312", "1985-03-12", nil},
		{" 昭和60年3月12日 ", "1985-03-12", nil},
		{"\u3000H2.5.3\u3000", "1990-05-03", nil},
		{"12 March 1985", "1985-03-12", nil},
		{"25/12/1985", "1985-12-25", nil},
		{"03/04/1985", "", ErrAmbiguous},
		{"19850230", "", ErrNoDate},
		{"1985/03/12 10:00", "", ErrNoDate},
		{"", "", ErrNoDate},
		{"昭和64年2月1日", "", ErrNoDate},
	}
	for _, tt := range tests {
		d, err := Parse(tt.in)
		if !errors.Is(err, tt.err) {
			t.Errorf("Parse(%q) error = %v, want %v", tt.in, err, tt.err)
			continue
		}
		if err == nil && d.String() != tt.want {
			t.Errorf("Parse(%q) = %v, want %s", tt.in, d, tt.want)
		}
	}
}

func TestFromEra(t *testing.T) {
	tests := []struct {
		era     Era
		y, m, d int
		want    string
		err     error
	}{
		{Showa, 60, 3, 12, "1985-03-12", nil},
		{Showa, 64, 1, 7, "1989-01-07", nil},
		{Showa, 64, 2, 1, "", ErrOutOfEra},
		{Showa, 1, 12, 24, "", ErrOutOfEra},
		{Heisei, 1, 1, 8, "1989-01-08", nil},
		{Heisei, 31, 4, 30, "2019-04-30", nil},
		{Heisei, 31, 5, 1, "", ErrOutOfEra},
		{Heisei, 32, 1, 1, "", ErrOutOfEra},
		{Reiwa, 1, 5, 1, "2019-05-01", nil},
		{Reiwa, 1, 4, 30, "", ErrOutOfEra},
		{Reiwa, 6, 2, 29, "2024-02-29", nil},
		{Reiwa, 5, 2, 29, "", ErrInvalidDate},
		{Taisho, 1, 7, 30, "1912-07-30", nil},
		{Taisho, 15, 12, 26, "", ErrOutOfEra},
		{Meiji, 1, 1, 1, "1868-01-01", nil},
		{Meiji, 45, 7, 31, "", ErrOutOfEra},
		{Heisei, 0, 1, 1, "", ErrOutOfEra},
		{NoEra, 1, 1, 1, "", ErrInvalidDate},
	}
	for _, tt := range tests {
		d, err := FromEra(tt.era, tt.y, tt.m, tt.d)
		if !errors.Is(err, tt.err) || (err == nil && d.String() != tt.want) {
			t.Errorf("FromEra(%v, %d, %d, %d) = %v, %v; want %s, %v", tt.era, tt.y, tt.m, tt.d, d, err, tt.want, tt.err)
		}
	}
}

// TestEraRoundTrip checks ToEra against FromEra on every day from 1868 to
// 2100.
func TestEraRoundTrip(t *testing.T) {
	n := 0
	for y := 1868; y <= 2100; y++ {
		for m := 1; m <= 12; m++ {
			for d := 1; d <= DaysIn(y, m); d++ {
				date := Date{y, m, d}
				e, ey, ok := ToEra(date)
				if !ok {
					t.Fatalf("ToEra(%v) failed", date)
				}
				back, err := FromEra(e, ey, m, d)
				if err != nil || back != date {
					t.Fatalf("FromEra(ToEra(%v)) = %v, %v", date, back, err)
				}
				n++
			}
		}
	}
	if n < 80000 {
		t.Errorf("checked only %d days", n)
	}
}

func TestKanjiNumber(t *testing.T) {
	tests := []struct {
		in            string
		value, digits int
		rest          string
		ok            bool
	}{
		{"六十年", 60, 2, "年", true},
		{"十二月", 12, 2, "月", true},
		{"十", 10, 2, "", true},
		{"二十三日", 23, 2, "日", true},
		{"三日", 3, 1, "日", true},
		{"一九八五年", 1985, 4, "年", true},
		{"二〇〇五", 2005, 4, "", true},
		{"千九百八十五年", 1985, 4, "年", true},
		{"百二十", 120, 3, "", true},
		{"十百", 10, 2, "百", true},
		{"年", 0, 0, "", false},
		{"〇十", 0, 0, "", false},
		{"一二三四五六七八九", 0, 0, "", false},
	}
	for _, tt := range tests {
		v, size, digits, ok := KanjiNumber(tt.in)
		if ok != tt.ok || (ok && (v != tt.value || digits != tt.digits || tt.in[size:] != tt.rest)) {
			t.Errorf("KanjiNumber(%q) = %d, %d, %d, %v; want %d, rest %q, %d digits, %v",
				tt.in, v, size, digits, ok, tt.value, tt.rest, tt.digits, tt.ok)
		}
	}
}

func TestDate(t *testing.T) {
	if got := (Date{1985, 3, 12}).YearsTo(Date{2025, 3, 11}); got != 39 {
		t.Errorf("YearsTo = %d, want 39", got)
	}
	if got := (Date{1985, 3, 12}).YearsTo(Date{2025, 3, 12}); got != 40 {
		t.Errorf("YearsTo = %d, want 40", got)
	}
	if (Date{2000, 2, 29}).Valid() != true || (Date{1900, 2, 29}).Valid() || (Date{2024, 0, 1}).Valid() {
		t.Error("Valid is wrong about leap days or month 0")
	}
	if Showa.String() != "昭和" || Showa.Letter() != "S" || Form(99).String() != "Form(99)" || FormEra.String() != "era" {
		t.Error("String methods are wrong")
	}
}

// FuzzFind checks that Find never panics, returns ordered, valid spans on
// rune boundaries, and that each span parses alone to the same date.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"昭和60年3月12日", "H2.5.3", "1985/03/12", "03/04/1985", "12-Mar-1985", "March 12, 1985",
		"一九八五年三月十二日", "㍻2年5月3日", "昭和60(1985)年3月12日", "１９８５年３月１２日",
		"生年月日：S60.3.12 発行日：2020年1月1日", "12th of March, 1985", "十百千",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		spans := Find(s)
		prev := 0
		for _, sp := range spans {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(s) {
				t.Fatalf("span [%d,%d) out of order or range (prev end %d, len %d)", sp.Start, sp.End, prev, len(s))
			}
			prev = sp.End
			// Normalized text is valid UTF-8; in other text a stray
			// continuation byte may follow a date.
			if utf8.ValidString(s) && (!utf8.RuneStart(s[sp.Start]) || (sp.End < len(s) && !utf8.RuneStart(s[sp.End]))) {
				t.Fatalf("span [%d,%d) not on rune boundaries of %q", sp.Start, sp.End, s)
			}
			if !sp.Date.Valid() || (sp.Ambiguous && !sp.Alt.Valid()) {
				t.Fatalf("invalid date %v in %q", sp, s)
			}
			again, ok := ParseAt(s[sp.Start:sp.End], 0)
			if !ok || again.Date != sp.Date || again.End != sp.End-sp.Start {
				t.Fatalf("span %q of %q parses alone as %+v, %v; want %v", s[sp.Start:sp.End], s, again, ok, sp.Date)
			}
			if got := sp.Date.String(); len(got) != 10 || strings.Count(got, "-") != 2 {
				t.Fatalf("Date.String() = %q", got)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	text := strings.Repeat("いつもお世話になっております。2024年5月2日（木）10:00-12:00に本社3会議室で打ち合わせを行います。"+
		"Invoice INV-2024-0012 is due on 2024/05/31; the amount is USD 1234.00. 〒100-0001 東京都千代田区千代田1-1\n", 20000)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Find(text)
	}
}
