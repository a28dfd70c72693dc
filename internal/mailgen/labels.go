package mailgen

import (
	"strings"
)

// pii is a piece of text that is a labelled value. Text is what is
// written; the label's value is derived from the kind.
type pii struct {
	typ   string // "email" or "phone"
	text  string
	value string
}

// neg is a piece of text that looks like PII but is not.
type neg struct {
	typ, text string
}

// emailStyle is a way of writing an address in text.
type emailStyle int

const (
	esPlain     emailStyle = iota // taro@example.jp
	esUpper                       // TARO@EXAMPLE.JP
	esFullAt                      // taro＠example.jp
	esMixedCase                   // Taro.Yamada@Example.co.jp
	numEmailStyles
)

// emailAddr returns an e-mail address written in a style.
func emailAddr(addr string, s emailStyle) pii {
	text := addr
	switch s {
	case esUpper:
		text = strings.ToUpper(addr)
	case esFullAt:
		text = strings.Replace(addr, "@", "＠", 1)
	case esMixedCase:
		text = titleDots(addr)
	}
	return pii{typ: "email", text: text, value: strings.ToLower(addr)}
}

// titleDots capitalizes each dot-, dash- or underscore-separated word of
// an address: "taro.yamada@x.example.jp" → "Taro.Yamada@X.Example.Jp".
func titleDots(s string) string {
	b := []byte(s)
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		up = c == '.' || c == '@' || c == '-' || c == '_'
	}
	return string(b)
}

// tel returns a phone number written in a style.
func tel(p phone, s phoneStyle) pii {
	return pii{typ: "phone", text: p.format(s), value: p.e164()}
}

// text builds one text part, recording the labels and negatives it plants
// under its location.
type text struct {
	m   *msgb
	loc string
	b   strings.Builder
}

// add appends strings, pii and neg values; each pii is labelled.
func (t *text) add(items ...any) *text {
	for _, it := range items {
		switch v := it.(type) {
		case string:
			t.b.WriteString(v)
		case pii:
			t.b.WriteString(v.text)
			t.m.label(v.typ, v.value, t.loc)
		case neg:
			t.b.WriteString(v.text)
			t.m.negative(v.typ, v.text, t.loc)
		default:
			panic("mailgen: text.add of unsupported value")
		}
	}
	return t
}

// String is the text so far.
func (t *text) String() string { return t.b.String() }
