package mrz

import "strings"

// passportNumbers are the formats of the passport numbers of states, by
// ICAO code: L a letter, D a digit, G a character of the German alphabet
// (a digit or one of CFGHJKLMNPRTVWXYZ, which leaves out the letters OCR
// confuses with digits), F one of CFGHJK, the letters German passport
// numbers begin with (identity cards take the others). Japan's is pii-formats B3's; the others those of
// the states whose citizens write most to Japanese businesses (法務省
// 在留外国人統計) and of the published tables (validator.js
// isPassportNumber), kept to the ones that are letters then digits or
// the German alphabet.
var passportNumbers = map[string][]string{
	"JPN": {"LLDDDDDDD"},
	"USA": {"DDDDDDDDD", "LDDDDDDDD"}, // a letter first since 2021
	"CHN": {"LDDDDDDDD", "LLDDDDDDD"}, // E12345678, G12345678, EA1234567
	"KOR": {"LDDDDDDDD", "LDDDLDDDD"}, // M12345678, M123A4567 since 2021
	"TWN": {"DDDDDDDDD"},
	"VNM": {"LDDDDDDD"},
	"PHL": {"LDDDDDDDL", "LLDDDDDDD"},
	"IDN": {"LDDDDDDD"},
	"THA": {"LDDDDDD", "LDDDDDDD", "LLDDDDDD", "LLDDDDDDD"},
	"IND": {"LDDDDDDD"},
	"BRA": {"LLDDDDDD"},
	"CAN": {"LLDDDDDD"},
	"AUS": {"LDDDDDDD", "LLDDDDDDD"},
	"GBR": {"DDDDDDDDD"},
	"D":   {"FGGGGGGGG"},
	"FRA": {"DDLLDDDDD"},
	"ITA": {"LLDDDDDDD"},
	"ESP": {"LLLDDDDDD"},
	"RUS": {"DDDDDDDDD"},
	"CHE": {"LDDDDDDD"},
	"SWE": {"DDDDDDDD"},
	"CZE": {"DDDDDDDD"},
	"ROU": {"DDDDDDDD", "DDDDDDDDD"},
}

// KnownPassportNumber reports whether v, a passport number in capitals
// without fillers, has the format of one of the states of passportNumbers.
func KnownPassportNumber(v string) bool {
	if strings.IndexByte(v, '<') >= 0 {
		return false
	}
	for _, shapes := range passportNumbers {
		for _, sh := range shapes {
			if w, ok := project(v, sh); ok && w == v {
				return true
			}
		}
	}
	return false
}

// repair reads a passport number whose check digit cd failed again under
// the number formats of its issuer: each character that does not fit its
// place in a format is taken for the one OCR confuses it with (B for 8
// among the digits of TRB765432). The reading is taken when it passes
// the check digit, and only when a single one does. Without a format
// nothing is tried: the check digit alone cannot tell a repair from a
// garble, since one in ten readings passes it, and the composite check
// digit adds nothing, as it weighs the number's characters as the
// number's own check digit does.
func repair(number string, cd byte, issuer string) (string, bool) {
	found := ""
	for _, sh := range passportNumbers[issuer] {
		v, ok := project(number, sh)
		if !ok || v == number || !Valid(v, cd) {
			continue
		}
		if found != "" && found != v {
			return "", false
		}
		found = v
	}
	return found, found != ""
}

// project returns number read under shape: the characters that do not fit
// their class replaced by the one OCR confuses them with, and fillers
// after the shape's length. ok is false when a character does not fit
// either way.
func project(number, shape string) (string, bool) {
	if len(number) < len(shape) || strings.Trim(number[len(shape):], "<") != "" {
		return "", false
	}
	b := []byte(number)
	for i := 0; i < len(shape); i++ {
		c := b[i]
		if fitsClass(c, shape[i]) {
			continue
		}
		var (
			r  byte
			ok bool
		)
		switch shape[i] {
		case 'D', 'G':
			r, ok = digitFor(c)
			ok = ok && c != '<'
		case 'L', 'F':
			r, ok = letterFor(c)
			ok = ok && c != '<'
		}
		if !ok || !fitsClass(r, shape[i]) {
			return "", false
		}
		b[i] = r
	}
	return string(b), true
}

func fitsClass(c, class byte) bool {
	switch class {
	case 'L':
		return c >= 'A' && c <= 'Z'
	case 'D':
		return c >= '0' && c <= '9'
	case 'G':
		return c >= '0' && c <= '9' || strings.IndexByte("CFGHJKLMNPRTVWXYZ", c) >= 0
	case 'F':
		return strings.IndexByte("CFGHJK", c) >= 0
	}
	return false
}
