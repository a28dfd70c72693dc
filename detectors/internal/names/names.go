package names

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// Kind says what a word can be in a person's name; a word may be several.
type Kind uint8

const (
	// Surname is a family name (IPA 名詞,固有名詞,人名,姓).
	Surname Kind = 1 << iota
	// Given is a given name (IPA 名詞,固有名詞,人名,名).
	Given
	// Person is a name the dictionary does not split (IPA 人名,一般).
	Person
)

// Name reports whether k is any kind of name.
func (k Kind) Name() bool { return k != 0 }

// Token is one morpheme of Japanese text as the Lexicon analyses it.
type Token struct {
	Start, End int    // byte offsets in the analysed text
	Surface    string // the text as analysed (variant characters folded)
	Kind       Kind   // name kinds of this token in context
	Honorific  bool   // 名詞,接尾,人名: 様, さん, 殿, 氏, さま …
	Space      bool   // 記号,空白
	Place      bool   // 名詞,固有名詞,地域
	Org        bool   // 名詞,固有名詞,組織
	Known      bool   // a dictionary word (not an unknown-word guess)
}

// Lexicon looks names up. The Japanese dictionary (IPA, shrunk: parts of
// speech without readings, still tens of MB of heap) is loaded on first use,
// once per Lexicon. A Lexicon is safe for concurrent use: kagome's
// Tokenizer analyses with a value receiver and takes its lattices from a
// sync.Pool, and the dictionary is read-only after loading.
type Lexicon struct {
	once sync.Once
	tok  *tokenizer.Tokenizer
	dict *dict.Dict
	err  error
}

// NewLexicon returns a Lexicon; nothing is loaded yet.
func NewLexicon() *Lexicon { return &Lexicon{} }

// load loads the dictionary once. The ipa package panics on a broken
// embedded dictionary: that becomes an error, and the Lexicon then knows
// no Japanese names instead of taking the scan down.
func (l *Lexicon) load() error {
	l.once.Do(func() {
		defer func() {
			if v := recover(); v != nil {
				l.err = fmt.Errorf("names: load ipa dictionary: %v", v)
			}
		}()
		d := ipa.DictShrink()
		t, err := tokenizer.New(d, tokenizer.OmitBosEos())
		if err != nil {
			l.err = fmt.Errorf("names: new tokenizer: %w", err)
			return
		}
		l.dict, l.tok = d, t
	})
	return l.err
}

// Err returns the error that loading the dictionary met, if any (it loads
// the dictionary if that has not happened yet).
func (l *Lexicon) Err() error { return l.load() }

// MaxAnalyse bounds the text Tokens analyses, so that hostile input cannot
// make one call slow: names are short, callers pass small windows.
const MaxAnalyse = 1024

// Tokens analyses s (at most MaxAnalyse bytes are read; the tokens end at
// a rune boundary before) and returns its morphemes. Variant characters
// (髙, 﨑, 𠮷 …) are folded before the analysis, which the IPA dictionary
// does not know; offsets still point into s.
func (l *Lexicon) Tokens(s string) (toks []Token) {
	if l.load() != nil || s == "" {
		return nil
	}
	if len(s) > MaxAnalyse {
		i := MaxAnalyse
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		s = s[:i]
	}
	folded, runeOff := foldWithOffsets(s)
	defer func() {
		if v := recover(); v != nil { // kagome on odd input: no names
			toks = nil
		}
	}()
	for _, t := range l.tok.Tokenize(folded) {
		if t.Start < 0 || t.End > len(runeOff)-1 || t.Start >= t.End {
			continue
		}
		tok := Token{Start: runeOff[t.Start], End: runeOff[t.End], Surface: t.Surface, Known: t.Class == tokenizer.KNOWN}
		pos := t.POS()
		tag(&tok, pos)
		toks = append(toks, tok)
	}
	return toks
}

// tag sets the name kinds and classes of tok from its IPA part of speech.
func tag(tok *Token, pos []string) {
	at := func(i int) string {
		if i < len(pos) {
			return pos[i]
		}
		return ""
	}
	if at(0) == "記号" && at(1) == "空白" {
		tok.Space = true
	}
	if at(0) != "名詞" {
		return
	}
	switch {
	case at(1) == "固有名詞" && at(2) == "人名":
		switch at(3) {
		case "姓":
			tok.Kind = Surname
		case "名":
			tok.Kind = Given
		default:
			tok.Kind = Person
		}
	case at(1) == "固有名詞" && at(2) == "地域":
		tok.Place = true
	case at(1) == "固有名詞" && at(2) == "組織":
		tok.Org = true
	case at(1) == "接尾" && at(2) == "人名":
		tok.Honorific = true
	}
}

// Kind returns the name kinds the dictionary gives word out of context:
// every entry of the word counts ("中村" is only a surname, "松本" both a
// surname and a place, reported as Surname). Variant characters are
// folded. It returns 0 for words the dictionary does not hold as names.
func (l *Lexicon) Kind(word string) Kind {
	if l.load() != nil || word == "" || len(word) > 64 {
		return 0
	}
	k := l.lookup(word)
	if f := Fold(word); k == 0 && f != word {
		k = l.lookup(f)
	}
	return k
}

func (l *Lexicon) lookup(word string) Kind {
	var k Kind
	for _, id := range l.dict.Index.Search(word) {
		if id < 0 || id >= len(l.dict.POSTable.POSs) {
			continue
		}
		var pos []string
		for _, p := range l.dict.POSTable.POSs[id] {
			if int(p) < len(l.dict.POSTable.NameList) {
				pos = append(pos, l.dict.POSTable.NameList[p])
			}
		}
		var tok Token
		tag(&tok, pos)
		k |= tok.Kind
	}
	return k
}

// variants are name characters outside the IPA dictionary's repertoire
// (異体字 common in family names) and the forms it knows. NFKC leaves them
// alone, so 髙橋 would not be found as 高橋.
var variants = map[rune]rune{
	'髙': '高', '﨑': '崎', '𠮷': '吉', '德': '徳', '濵': '浜', '邉': '辺', '邊': '辺',
	'齋': '斎', '齊': '斉', '曻': '昇', '栁': '柳', '槗': '橋', '𣘺': '橋', '瀨': '瀬',
	'嶋': '島', '嶌': '島', '冨': '富', '淺': '浅', '廣': '広', '澤': '沢', '櫻': '桜',
}

// foldWithOffsets returns s with variant characters folded, and the byte
// offset in s of each rune index of the result (one extra entry for the
// end): the folding maps runes to runes, so kagome's rune positions map
// back to s.
func foldWithOffsets(s string) (string, []int) {
	offs := make([]int, 0, len(s)+1)
	var b strings.Builder
	changed := false
	for i, r := range s {
		offs = append(offs, i)
		if v, ok := variants[r]; ok && v != r {
			r, changed = v, true
		}
		b.WriteRune(r)
	}
	offs = append(offs, len(s))
	if !changed {
		return s, offs
	}
	return b.String(), offs
}

// Fold returns s with the variant characters of family names folded to
// the forms dictionaries use (髙→高, 﨑→崎, 𠮷→吉 …). Values keep the
// variant: it is how the person writes the name.
func Fold(s string) string {
	f, _ := foldWithOffsets(s)
	return f
}
