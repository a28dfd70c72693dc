package mrz

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/detectors/internal/detectortest"
	"github.com/mailsift/mailsift/pii"
)

func TestCheckDigit(t *testing.T) {
	tests := []struct {
		field string
		want  byte
		ok    bool
	}{
		// ICAO 9303 Part 3 §4.9 examples and the specimen's fields
		// (pii-formats B3).
		{"L898902C<", '3', true},
		{"690806", '1', true},
		{"940623", '6', true},
		{"L898902C3", '6', true},
		{"740812", '2', true},
		{"120415", '9', true},
		{"ZE184226B<<<<<", '1', true},
		{"L898902C3674081221204159ZE184226B<<<<<1", '0', true},
		{"D23145890", '7', true},
		{"<<<<<<<<<<<<<<", '0', true},
		{"", '0', true},
		{"TK1234567", '1', true},
		{"l898902c<", 0, false}, // lower case is not MRZ
		{"L898-902", 0, false},
		{"く", 0, false},
	}
	for _, tt := range tests {
		got, ok := CheckDigit(tt.field)
		if got != tt.want || ok != tt.ok {
			t.Errorf("CheckDigit(%q) = %q, %v; want %q, %v", tt.field, got, ok, tt.want, tt.ok)
		}
	}
	if !Valid("<<<<<<<<<<<<<<", '<') {
		t.Error(`Valid(fillers, '<') = false; a filler check digit is 0`)
	}
	if Valid("TK1234567", '2') {
		t.Error("Valid with a wrong check digit = true")
	}
}

// summary is what the tests compare of a Document.
type summary struct {
	Format                           Format
	Code, Number, Nat, Birth, Sex    string
	Surname, Given                   string
	NumberOK, BirthOK, ExpOK, Compos bool
	Corrected                        bool
	NumberText, BirthText, NatText   string
}

func summarize(s string, ds []Document) []summary {
	var out []summary
	for _, d := range ds {
		out = append(out, summary{
			Format: d.Format, Code: d.Code, Number: d.Number, Nat: d.Nationality, Birth: d.BirthDate, Sex: d.Sex,
			Surname: d.Surname, Given: d.GivenNames,
			NumberOK: d.NumberOK, BirthOK: d.BirthOK, ExpOK: d.ExpiryOK, Compos: d.Composite, Corrected: d.Corrected,
			NumberText: s[d.NumberSpan.Start:d.NumberSpan.End], BirthText: s[d.BirthSpan.Start:d.BirthSpan.End],
			NatText: s[d.NationalitySpan.Start:d.NationalitySpan.End],
		})
	}
	return out
}

func TestParse(t *testing.T) {
	tanaka := td3("P", "JPN", "TANAKA", "TARO", "TR8765432", "JPN", "851224", "M", "290630", "")
	tanakaL1, tanakaL2, _ := strings.Cut(tanaka, "\n")
	okTanaka := summary{TD3, "P", "TR8765432", "JPN", "1985-12-24", "M", "TANAKA", "TARO", true, true, true, true, false, "TR8765432", "851224", "JPN"}
	santosL1, santosL2, _ := strings.Cut(td3("P", "JPN", "SANTOS", "PETER", "TF4072252", "JPN", "860322", "F", "340513", ""), "\n")
	wangL1, wangL2, _ := strings.Cut(td3("P", "CHN", "WANG", "WEI", "E12345678", "CHN", "880705", "M", "300326", ""), "\n")
	// spn: OCR garbled the nationality field into a code of no state.
	spn := td3("P", "JPN", "TANAKA", "TARO", "TR8765432", "SPN", "851224", "M", "290630", "")
	spnL1, spnL2, _ := strings.Cut(spn, "\n")
	deuL1, deuL2, _ := strings.Cut(td3("P", "D", "MUSTERMANN", "ERIKA", "C01X00T47", "DEU", "830812", "F", "310801", ""), "\n")
	fixed := func(s summary, corrected bool, numberText, birthText string) summary {
		s.Corrected, s.NumberText, s.BirthText = corrected, numberText, birthText
		return s
	}
	tests := []struct {
		name, in string
		want     []summary
	}{
		{"td3 japanese passport", tanaka, []summary{okTanaka}},
		{"icao specimen td3", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
			[]summary{{TD3, "P", "L898902C3", "UTO", "1974-08-12", "F", "ERIKSSON", "ANNA MARIA", true, true, true, true, false, "L898902C3", "740812", "UTO"}}},
		{"icao specimen td1", "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
			[]summary{{TD1, "I", "D23145890", "UTO", "1974-08-12", "F", "ERIKSSON", "ANNA MARIA", true, true, true, true, false, "D23145890", "740812", "UTO"}}},
		{"icao specimen td2", "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6",
			[]summary{{TD2, "I", "D23145890", "UTO", "1974-08-12", "F", "ERIKSSON", "ANNA MARIA", true, true, true, true, false, "D23145890", "740812", "UTO"}}},
		{"td1 long document number", td1Long(),
			[]summary{{TD1, "I", "D231458901234", "UTO", "1974-08-12", "F", "ERIKSSON", "ANNA", true, true, true, true, false, "D23145890<1234", "740812", "UTO"}}},
		{"visa has no composite", td2("V", "JPN", "NGUYEN", "VAN AN", "VN9876543", "VNM", "980101", "M", "251231", ""),
			[]summary{{TD2, "V", "VN9876543", "VNM", "1998-01-01", "M", "NGUYEN", "VAN AN", true, true, true, false, false, "VN9876543", "980101", "VNM"}}},
		{"child born 2015", td3("P", "JPN", "SATO", "MISAKI", "MU1029384", "JPN", "150707", "F", "200707", ""),
			[]summary{{TD3, "P", "MU1029384", "JPN", "2015-07-07", "F", "SATO", "MISAKI", true, true, true, true, false, "MU1029384", "150707", "JPN"}}},
		{"born 1950", td3("P", "JPN", "SATO", "KEN", "MU1029384", "JPN", "500101", "M", "300101", ""),
			[]summary{{TD3, "P", "MU1029384", "JPN", "1950-01-01", "M", "SATO", "KEN", true, true, true, true, false, "MU1029384", "500101", "JPN"}}},
		{"leap day", td3("P", "JPN", "YAMADA", "HANAKO", "MZ7654321", "JPN", "920229", "F", "281115", ""),
			[]summary{{TD3, "P", "MZ7654321", "JPN", "1992-02-29", "F", "YAMADA", "HANAKO", true, true, true, true, false, "MZ7654321", "920229", "JPN"}}},
		{"in text with crlf", "旅券の写しです。\r\n" + strings.ReplaceAll(tanaka, "\n", "\r\n") + "\r\nよろしくお願いします。", []summary{okTanaka}},
		{"indented", "    " + tanakaL1 + "  \n\t" + tanakaL2 + " ", []summary{okTanaka}},
		{"blank lines between", tanakaL1 + "\n\n\n" + tanakaL2, []summary{okTanaka}},
		{"ku for filler", strings.ReplaceAll(tanakaL1, "<", "く") + "\n" + tanakaL2, []summary{okTanaka}},
		{"guillemets", strings.ReplaceAll(tanakaL1, "<<", "«") + "\n" + tanakaL2, []summary{okTanaka}},
		{"lower case", strings.ToLower(tanakaL1) + "\n" + tanakaL2, []summary{okTanaka}},
		{"dropped fillers", strings.Replace(tanakaL1, "<<<<<", "<<", 1) + "\n" + strings.Replace(tanakaL2, "<<<<", "<", 1), []summary{okTanaka}},
		{"doubled fillers", tanakaL1 + "<<<" + "\n" + strings.Replace(tanakaL2, "<<", "<<<<", 1), []summary{okTanaka}},
		{"junk read for a digit", tanakaL1 + "\n" + tanakaL2[:42] + "Q@8", []summary{okTanaka}},
		{"blanks inserted", tanakaL1 + "\n" + tanakaL2[:10] + " " + tanakaL2[10:28] + " " + tanakaL2[28:], []summary{fixed(okTanaka, false, "TR8765432", "851224")}},
		{"blanks for fillers", tanakaL1 + "\n" + tanakaL2[:28] + strings.Repeat(" ", 14) + tanakaL2[42:], []summary{okTanaka}},
		{"letters read in the birth date", tanakaL1 + "\n" + strings.Replace(tanakaL2, "8512246", "BSI2246", 1), []summary{fixed(okTanaka, true, "TR8765432", "BSI224")}},
		{"document number repaired", tanakaL1 + "\n" + strings.Replace(tanakaL2, "TR8765432", "TRB765432", 1), []summary{fixed(okTanaka, true, "TRB765432", "851224")}},
		{"two zones", tanaka + "\n\n" + "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
			[]summary{okTanaka, {TD3, "P", "L898902C3", "UTO", "1974-08-12", "F", "ERIKSSON", "ANNA MARIA", true, true, true, true, false, "L898902C3", "740812", "UTO"}}},
		{"birth check digit wrong: two of three", tanakaL1 + "\n" + strings.Replace(tanakaL2, "8512246", "8512247", 1),
			[]summary{{TD3, "P", "TR8765432", "JPN", "", "M", "TANAKA", "TARO", true, false, true, false, false, "TR8765432", "", "JPN"}}},
		{"number check digit wrong: two of three", tanakaL1 + "\n" + strings.Replace(tanakaL2, "TR87654323", "TR87654324", 1),
			[]summary{{TD3, "P", "", "JPN", "1985-12-24", "M", "TANAKA", "TARO", false, true, true, false, false, "", "851224", "JPN"}}},

		{"one check digit passes", tanakaL1 + "\n" + strings.Replace(strings.Replace(tanakaL2, "8512246", "8512240", 1), "2906302", "2906309", 1), nil},
		// Without the composite the number is not repaired; birth date
		// and expiry still pass.
		{"repair without composite", tanakaL1 + "\n" + strings.Replace(tanakaL2[:43], "TR8765432", "TRB765432", 1) + "9",
			[]summary{{TD3, "P", "", "JPN", "1985-12-24", "M", "TANAKA", "TARO", false, true, true, false, false, "", "851224", "JPN"}}},
		{"no check digit passes", "P<JPNTANAKA<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<\nTR87654320JPN8512240M2906300<<<<<<<<<<<<<<00", nil},
		{"bad sex", tanakaL1 + "\n" + strings.Replace(tanakaL2, "6M29", "6Q29", 1), nil},
		{"bad document code", "Q" + tanakaL1[1:] + "\n" + tanakaL2, nil},
		{"first line only", tanakaL1, nil},
		{"second line only", tanakaL2, nil},
		{"second line first", tanakaL2 + "\n" + tanakaL1, nil},
		{"lines too far apart", tanakaL1 + "\n\n\n\n" + tanakaL2, nil},
		{"text line between", tanakaL1 + "\nよろしく\n" + tanakaL2, nil},
		{"line cut short", tanakaL1 + "\n" + tanakaL2[:20], nil},
		{"too much junk", tanakaL1 + "\n" + "T@R#8$765432%3JPN8512246M2906302<<<<<<<<<<<<<<08", nil},
		{"fillers only", strings.Repeat("<", 44) + "\n" + strings.Repeat("<", 44), nil},
		{"git conflict", "<<<<<<< HEAD\nx := 1\n=======\nx := 2\n>>>>>>> main", nil},
		{"invalid birth month", td3("P", "JPN", "TANAKA", "TARO", "TR8765432", "JPN", "851324", "M", "290630", ""),
			[]summary{{TD3, "P", "TR8765432", "JPN", "", "M", "TANAKA", "TARO", true, true, true, true, false, "TR8765432", "", "JPN"}}},

		// A number is repaired by its issuer's formats only. The
		// composite check digit weighs the number as its own check digit
		// does, so it cannot tell a repair from a garble: OCR read
		// TF4072252 as TF4972252, and trying the other readings of 2 and
		// 5 gave TF497ZZ5Z, which passes both.
		{"garbled number not repaired out of its format", santosL1 + "\n" + strings.Replace(santosL2, "TF4072252", "TF4972252", 1),
			[]summary{{TD3, "P", "", "JPN", "1986-03-22", "F", "SANTOS", "PETER", false, true, true, false, false, "", "860322", "JPN"}}},
		{"number repaired by the chinese format", wangL1 + "\n" + strings.Replace(wangL2, "E12345678", "E1234S678", 1),
			[]summary{{TD3, "P", "E12345678", "CHN", "1988-07-05", "M", "WANG", "WEI", true, true, true, true, true, "E1234S678", "880705", "CHN"}}},
		{"no format, no repair", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8989O2C36UTO7408122F1204159ZE184226B<<<<<10",
			[]summary{{TD3, "P", "", "UTO", "1974-08-12", "F", "ERIKSSON", "ANNA MARIA", false, true, true, false, false, "", "740812", "UTO"}}},

		// Issuer and nationality codes (ICAO 9303 Part 3 §5), which no
		// check digit covers.
		{"germany D", td3("P", "D", "MUSTERMANN", "ERIKA", "C01X00T47", "D", "830812", "F", "310801", ""),
			[]summary{{TD3, "P", "C01X00T47", "D", "1983-08-12", "F", "MUSTERMANN", "ERIKA", true, true, true, true, false, "C01X00T47", "830812", "D"}}},
		{"british national overseas", td3("P", "GBR", "CHAN", "TAI MAN", "K01234567", "GBN", "800101", "M", "300101", ""),
			[]summary{{TD3, "P", "K01234567", "GBN", "1980-01-01", "M", "CHAN", "TAI MAN", true, true, true, true, false, "K01234567", "800101", "GBN"}}},
		{"garbled nationality, all checks pass: dropped", spn,
			[]summary{{TD3, "P", "TR8765432", "", "1985-12-24", "M", "TANAKA", "TARO", true, true, true, true, false, "TR8765432", "851224", ""}}},
		{"garbled nationality, two of three checks", spnL1 + "\n" + strings.Replace(spnL2, "8512246", "8512247", 1),
			[]summary{{TD3, "P", "TR8765432", "", "", "M", "TANAKA", "TARO", true, false, true, false, false, "TR8765432", "", ""}}},
		{"garbled issuer, two of three checks", strings.Replace(tanakaL1, "JPN", "JQN", 1) + "\n" + strings.Replace(tanakaL2, "8512246", "8512247", 1),
			[]summary{{TD3, "P", "TR8765432", "JPN", "", "M", "TANAKA", "TARO", true, false, true, false, false, "TR8765432", "", "JPN"}}},
		{"garbled issuer, all checks pass", strings.Replace(tanakaL1, "JPN", "JQN", 1) + "\n" + tanakaL2, []summary{okTanaka}},
		{"digit read for a letter of the nationality", deuL1 + "\n" + strings.Replace(deuL2, "DEU", "0EU", 1),
			[]summary{{TD3, "P", "C01X00T47", "DEU", "1983-08-12", "F", "MUSTERMANN", "ERIKA", true, true, true, true, true, "C01X00T47", "830812", "0EU"}}},
		{"digit read for the D of Germany", "I<0<<LZ6311T475<<<<<<<<<<<<<<<\n8308126F3108011D<<<<<<<<<<<<<6\nMUSTERMANN<<ERIKA<<<<<<<<<<<<<",
			[]summary{{TD1, "I", "LZ6311T47", "D", "1983-08-12", "F", "MUSTERMANN", "ERIKA", true, true, true, true, true, "LZ6311T47", "830812", "D"}}},
		{"repaired nationality needs every check", deuL1 + "\n" + strings.Replace(strings.Replace(deuL2, "DEU", "0EU", 1), "8308126", "8308127", 1),
			[]summary{{TD3, "P", "C01X00T47", "", "", "F", "MUSTERMANN", "ERIKA", true, false, true, false, false, "C01X00T47", "", ""}}},
		{"no nationality", tanakaL1 + "\n" + strings.Replace(tanakaL2, "3JPN", "3<<<", 1), nil},
		{"no issuer", strings.Replace(tanakaL1, "P<JPN", "P<<<<", 1) + "\n" + tanakaL2, nil},
		{"ambiguous digit in the nationality: GBO or GBD", td3("P", "GBR", "SMITH", "JOHN", "K01234567", "GB0", "800101", "M", "300101", ""),
			[]summary{{TD3, "P", "K01234567", "", "1980-01-01", "M", "SMITH", "JOHN", true, true, true, true, false, "K01234567", "800101", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarize(tt.in, Parse(tt.in))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// TestIssuer: the issuer is read as the nationality is, and only
// certified zones take a repaired one.
func TestKnownPassportNumber(t *testing.T) {
	for _, v := range []string{"TK1234567", "123456789", "E12345678", "M123A4567", "C01X00T47", "12AB34567", "A1234567", "P1234567A"} {
		if !KnownPassportNumber(v) {
			t.Errorf("KnownPassportNumber(%q) = false", v)
		}
	}
	for _, v := range []string{"TF497ZZ5Z", "7K1234567", "C01O00T47", "L01X00T47", "TK1234S67", "1234567", "TK1234567<", ""} {
		if KnownPassportNumber(v) {
			t.Errorf("KnownPassportNumber(%q) = true", v)
		}
	}
}

func TestIssuer(t *testing.T) {
	tanakaL1, tanakaL2, _ := strings.Cut(td3("P", "JPN", "TANAKA", "TARO", "TR8765432", "JPN", "851224", "M", "290630", ""), "\n")
	partialL2 := strings.Replace(tanakaL2, "8512246", "8512247", 1)
	tests := []struct {
		name, in, want string
	}{
		{"as read", tanakaL1 + "\n" + tanakaL2, "JPN"},
		{"germany", "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\nC01X00T478D<<8308126F3108011<<<<<<<<<<<<<<00", "D"},
		{"organisation", strings.Replace(tanakaL1, "JPN", "UNO", 1) + "\n" + tanakaL2, "UNO"},
		{"garbled", strings.Replace(tanakaL1, "JPN", "JQN", 1) + "\n" + tanakaL2, ""},
		{"two letters", strings.Replace(tanakaL1, "JPN", "JP<", 1) + "\n" + tanakaL2, ""},
		{"repaired", strings.Replace(tanakaL1, "P<JPN", "P<1TA", 1) + "\n" + tanakaL2, "ITA"},
		{"repaired, two of three", strings.Replace(tanakaL1, "P<JPN", "P<1TA", 1) + "\n" + partialL2, ""},
	}
	for _, tt := range tests {
		ds := Parse(tt.in)
		if len(ds) != 1 || ds[0].Issuer != tt.want {
			t.Errorf("%s: Parse(%q) = %+v, want one zone issued by %q", tt.name, tt.in, ds, tt.want)
		}
	}
}

// td1Long is the specimen TD1 with a 13-character document number that
// overflows into the optional data.
func td1Long() string {
	l1 := "I<UTO" + "D23145890" + "<" + "1234" + cd("D231458901234") + strings.Repeat("<", 10)
	l2 := "740812" + cd("740812") + "F" + "120415" + cd("120415") + "UTO" + strings.Repeat("<", 11)
	l2 += cd(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
	return l1 + "\n" + l2 + "\n" + pad("ERIKSSON<<ANNA", 30)
}

func TestFullDates(t *testing.T) {
	tests := []struct {
		expiry, birth     string
		wantExp, wantBirt string
	}{
		{"300101", "800101", "2030-01-01", "1980-01-01"},
		{"300101", "150101", "2030-01-01", "2015-01-01"},
		{"300101", "300101", "2030-01-01", "2030-01-01"}, // a newborn's document
		{"300101", "300102", "2030-01-01", "1930-01-02"}, // 2030-01-02 is after the expiry
		{"991231", "050101", "1999-12-31", "1905-01-01"}, // old document
		{"690101", "000229", "2069-01-01", "2000-02-29"},
		{"700101", "000101", "1970-01-01", "1900-01-01"},
		{"300101", "000229", "2030-01-01", "2000-02-29"},
		{"300101", "010229", "2030-01-01", ""}, // no 29 Feb in 1901 or 2001
		{"300101", "801301", "2030-01-01", ""},
		{"301301", "800101", "", ""},
		{"300230", "800101", "", ""},
	}
	for _, tt := range tests {
		e, b := fullDates(tt.expiry, tt.birth, true, true)
		if e != tt.wantExp || b != tt.wantBirt {
			t.Errorf("fullDates(%q, %q) = %q, %q; want %q, %q", tt.expiry, tt.birth, e, b, tt.wantExp, tt.wantBirt)
		}
	}
	if e, b := fullDates("300101", "800101", false, true); e != "" || b != "" {
		t.Errorf("unchecked expiry: got %q, %q; want nothing", e, b)
	}
	if e, b := fullDates("300101", "800101", true, false); e != "2030-01-01" || b != "" {
		t.Errorf("unchecked birth date: got %q, %q; want only the expiry", e, b)
	}
}

func TestFit(t *testing.T) {
	mk := func(s string) []cell { return lex(s, 0, len(s), false) }
	tests := []struct {
		in   string
		n    int
		from int
		want string
		ok   bool
	}{
		{"AB<<<<CD", 8, 0, "AB<<<<CD", true},
		{"AB<<CD", 8, 0, "AB<<<<CD", true},
		{"AB<<<<<<CD", 8, 0, "AB<<<<CD", true},
		{"A@B<<<<CD", 8, 0, "AB<<<<CD", true},
		{"ABCDEF", 8, 0, "", false},
		{"AB<CD<<<EF", 12, 4, "AB<CD<<<<<EF", true},
		{"AB<<<CD<EF", 11, 6, "AB<<<CD<<EF", true},
		{"AB<CD", 3, 0, "", false},
	}
	for _, tt := range tests {
		got, ok := fit(mk(tt.in), tt.n, tt.from)
		if ok != tt.ok || (ok && str(got) != tt.want) {
			t.Errorf("fit(%q, %d, %d) = %q, %v; want %q, %v", tt.in, tt.n, tt.from, str(got), ok, tt.want, tt.ok)
		}
	}
}

// found is a Detect match as the tests compare it.
type found struct {
	Type, Text, Value string
	Confidence        float64
}

func TestDetect(t *testing.T) {
	tanaka := td3("P", "JPN", "TANAKA", "TARO", "TR8765432", "JPN", "851224", "M", "290630", "")
	l1, l2, _ := strings.Cut(tanaka, "\n")
	// taro is what Detect finds in tanaka, all at confidence c.
	taro := func(c float64) []found {
		return []found{
			{pii.Passport, "TR8765432", "TR8765432", c},
			{pii.BirthDate, "851224", "1985-12-24", c},
			{pii.Nationality, "JPN", "JPN", c},
			{pii.Gender, "M", "M", c},
		}
	}
	tests := []struct {
		name, in string
		want     []found
	}{
		{"passport", "旅券:\n" + tanaka, taro(AllChecksConfidence)},
		{"full-width OCR", "Ｐ＜ＪＰＮＴＡＮＡＫＡ＜＜ＴＡＲＯ" + strings.Repeat("＜", 27) + "\n" + l2, taro(AllChecksConfidence)},
		{"repaired", l1 + "\n" + strings.Replace(l2, "TR8765432", "TRB765432", 1), []found{
			{pii.Passport, "TRB765432", "TR8765432", CorrectedConfidence},
			{pii.BirthDate, "851224", "1985-12-24", CorrectedConfidence},
			{pii.Nationality, "JPN", "JPN", CorrectedConfidence},
			{pii.Gender, "M", "M", CorrectedConfidence},
		}},
		{"german id card: no passport, nationality D", "I<D<<LZ6311T475<<<<<<<<<<<<<<<\n8308126F3108011D<<<<<<<<<<<<<6\nMUSTERMANN<<ERIKA<<<<<<<<<<<<<", []found{
			{pii.BirthDate, "830812", "1983-08-12", AllChecksConfidence},
			{pii.Nationality, "D", "DEU", AllChecksConfidence},
			{pii.Gender, "F", "F", AllChecksConfidence},
		}},
		// The composite does not cover the sex: all checks pass, and no
		// gender is reported.
		{"unspecified sex", strings.Replace(tanaka, "6M29", "6<29", 1), taro(AllChecksConfidence)[:3]},
		{"two of three", l1 + "\n" + strings.Replace(l2, "8512246", "8512247", 1), []found{
			{pii.Passport, "TR8765432", "TR8765432", PartialConfidence},
			{pii.Nationality, "JPN", "JPN", PartialConfidence},
			{pii.Gender, "M", "M", PartialConfidence},
		}},
		{"german passport: D is DEU", td3("P", "D", "MUSTERMANN", "ERIKA", "C01X00T47", "D", "830812", "F", "310801", ""), []found{
			{pii.Passport, "C01X00T47", "C01X00T47", AllChecksConfidence},
			{pii.BirthDate, "830812", "1983-08-12", AllChecksConfidence},
			{pii.Nationality, "D", "DEU", AllChecksConfidence},
			{pii.Gender, "F", "F", AllChecksConfidence},
		}},
		// Every check digit passed: the zone is read, the garbled
		// nationality is not reported.
		{"garbled nationality not reported", l1 + "\n" + strings.Replace(l2, "JPN", "SPN", 1), append(taro(AllChecksConfidence)[:2:2], taro(AllChecksConfidence)[3])},
		{"digit in the nationality with no reading in the list", l1 + "\n" + strings.Replace(l2, "JPN", "JP1", 1), append(taro(AllChecksConfidence)[:2:2], taro(AllChecksConfidence)[3])},
		{"digit in the nationality repaired", td3("P", "D", "MUSTERMANN", "ERIKA", "C01X00T47", "0EU", "830812", "F", "310801", ""), []found{
			{pii.Passport, "C01X00T47", "C01X00T47", CorrectedConfidence},
			{pii.BirthDate, "830812", "1983-08-12", CorrectedConfidence},
			{pii.Nationality, "0EU", "DEU", CorrectedConfidence},
			{pii.Gender, "F", "F", CorrectedConfidence},
		}},
		{"laissez-passer: an organisation is no nationality", td3("P", "UNO", "DOE", "JANE", "LP1234567", "UNO", "790214", "F", "320801", ""), []found{
			{pii.Passport, "LP1234567", "LP1234567", AllChecksConfidence},
			{pii.BirthDate, "790214", "1979-02-14", AllChecksConfidence},
			{pii.Gender, "F", "F", AllChecksConfidence},
		}},
		{"unspecified nationality XXX", strings.Replace(tanaka, "TR87654323JPN", "TR87654323XXX", 1), []found{
			{pii.Passport, "TR8765432", "TR8765432", AllChecksConfidence},
			{pii.BirthDate, "851224", "1985-12-24", AllChecksConfidence},
			{pii.Gender, "M", "M", AllChecksConfidence},
		}},
		{"stateless XXA", strings.Replace(tanaka, "TR87654323JPN", "TR87654323XXA", 1), []found{
			{pii.Passport, "TR8765432", "TR8765432", AllChecksConfidence},
			{pii.BirthDate, "851224", "1985-12-24", AllChecksConfidence},
			{pii.Nationality, "XXA", "XXA", AllChecksConfidence},
			{pii.Gender, "M", "M", AllChecksConfidence},
		}},
		{"no keyword: blanks for every filler", strings.ReplaceAll(l1, "<", " ") + "\n" + strings.ReplaceAll(l2, "<", " "), nil},
	}
	detectortest.Table(t, New(), tests)
}
