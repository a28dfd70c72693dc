package ppap

import (
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Window is how far apart in time the archive and the password mail may be.
const Window = 7 * 24 * time.Hour

// MaxCandidates bounds the passwords taken from one message (the text is
// attacker-controlled).
const MaxCandidates = 16

// keywords introduce a password, after NFKC (so ﾊﾟｽﾜｰﾄﾞ and ＰＷ are
// covered), compared case-insensitively for the Latin ones.
var keywords = []string{
	"パスワード", "パスコード", "暗証番号", "解凍キー", "解凍用キー", "開封キー", "暗号キー",
	"password", "passwd", "passcode", "pass", "pwd", "pw",
}

// Passwords returns the password candidates in text, in order of
// appearance, without duplicates: the value after "パスワード：", "PW:",
// "Password is ..." and the like, on the same line or the next non-empty
// line, unquoted from 「」『』"" ” and ().
func Passwords(text string) []string {
	if !mayHavePassword(text) {
		return nil // most mail: skip the NFKC copy and the keyword search
	}
	t := norm.NFKC.String(text)
	lower := asciiLower(t) // same byte offsets as t
	var out []string
	seen := map[string]bool{}
	add := func(v string) {
		if v == "" || seen[v] || len(out) >= MaxCandidates {
			return
		}
		seen[v] = true
		out = append(out, v)
	}
	for i := 0; i < len(lower) && len(out) < MaxCandidates; {
		k, kw := nextKeyword(lower, i)
		if k < 0 {
			break
		}
		i = k + len(kw)
		if isASCIIWord(kw) && (k > 0 && isWordByte(lower[k-1]) || i < len(lower) && isWordByte(lower[i]) && !strings.HasPrefix(lower[i:], "word")) {
			continue // "compass", "pwned", "passport" are not keywords
		}
		if kw == "pass" && strings.HasPrefix(lower[i:], "port") {
			continue
		}
		for _, v := range valueAfter(t, i) {
			add(v)
		}
	}
	return out
}

// mayHavePassword is a cheap superset test of Passwords' keywords before
// NFKC: an ASCII "pw"/"pass" in any case, or a character that starts a
// Japanese keyword or a full-width/half-width spelling of one.
func mayHavePassword(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		c := s[i] | 0x20
		if c == 'p' && (s[i+1]|0x20 == 'w' || s[i+1]|0x20 == 'a') {
			return true
		}
	}
	for _, k := range []string{"パ", "ﾊﾟ", "暗", "解凍", "開封", "Ｐ", "ｐ"} {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func nextKeyword(s string, from int) (int, string) {
	best, kw := -1, ""
	for _, k := range keywords {
		if j := strings.Index(s[from:], k); j >= 0 && (best < 0 || from+j < best || from+j == best && len(k) > len(kw)) {
			best, kw = from+j, k
		}
	}
	return best, kw
}

func isASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// fillers may stand between the keyword and the value.
var fillers = []string{
	"は", "を", "が", "です", "：", ":", "=", "＝", "(", ")", "（", "）", "【", "】", "[", "]",
	"解凍用", "解凍", "zip", "ファイル", "添付", "の", "送付", "ご連絡", "お知らせ", "いたします", "します",
	"以下", "下記", "となります", "になります", "is", "for", "the", "file", "attachment", "to", "open",
	"-", "→", "⇒", "・", "\u3000",
}

// valueAfter reads the value that follows a keyword ending at i: on the
// same line, or else the first token of the next non-empty line.
func valueAfter(t string, i int) []string {
	line := t[i:]
	rest := ""
	if j := strings.IndexByte(line, '\n'); j >= 0 {
		line, rest = line[:j], line[j+1:]
	}
	if v := value(line, false); v != nil {
		return v
	}
	for n := 0; n < 2 && rest != ""; n++ {
		next := rest
		rest = ""
		if j := strings.IndexByte(next, '\n'); j >= 0 {
			next, rest = next[:j], next[j+1:]
		}
		if strings.TrimSpace(next) == "" {
			continue
		}
		return value(next, true)
	}
	return nil
}

// value skips fillers, then takes a quoted value or a run of printable
// ASCII: passwords of PPAP mail are generated ASCII strings.
// sep says whether a separator stood before the value (the value on its
// own line counts as one).
func value(s string, sep bool) []string {
	for {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		cut := false
		for _, f := range fillers {
			if len(s) > len(f) && strings.HasPrefix(asciiLower(s[:len(f)]), f) {
				s = s[len(f):]
				cut, sep = true, true
				break
			}
		}
		if !cut {
			break
		}
	}
	if s == "" {
		return nil
	}
	if r, size := utf8.DecodeRuneInString(s); strings.ContainsRune("「『\"“'", r) {
		closer := map[rune]string{'「': "」", '『': "』", '"': "\"", '“': "”", '\'': "'"}[r]
		if j := strings.Index(s[size:], closer); j > 0 && j <= 128 {
			v := strings.TrimSpace(s[size : size+j])
			if plausible(v) {
				return []string{v}
			}
		}
		return nil
	}
	j := 0
	for j < len(s) && s[j] > ' ' && s[j] < 0x7f {
		j++
	}
	v := s[:j]
	if !plausible(v) || !sep && !strings.ContainsAny(v, "0123456789") {
		return nil // "password reset": a word, not a value
	}
	out := []string{v}
	// "abcd1234." at the end of a sentence: try without the period too.
	if t := strings.TrimRight(v, ".,;)"); t != v && plausible(t) {
		out = append(out, t)
	}
	return out
}

// plausible rejects what cannot be a generated password: too short or
// long, control characters, a URL or an address.
func plausible(v string) bool {
	if len(v) < 4 || len(v) > 64 {
		return false
	}
	for _, r := range v {
		if r < ' ' || r == 0x7f {
			return false
		}
	}
	l := strings.ToLower(v)
	return !strings.HasPrefix(l, "http") && !strings.Contains(l, "@") && !strings.HasPrefix(l, "mailto:")
}

// Message is what pairing needs to know about one message.
type Message struct {
	ID         string // message_sha256, to record which message gave a password
	MessageID  string
	InReplyTo  string
	References []string
	From       string // address, lower-case
	Thread     string // ThreadKey of the subject
	Date       time.Time
	Passwords  []string
}

// ThreadKey folds a subject to what the messages of one exchange share:
// reply and forward prefixes, bracketed tags such as 【パスワード】 and
// "[社外秘]", and password words removed, NFKC, lower case, no spaces.
func ThreadKey(subject string) string {
	s := strings.ToLower(norm.NFKC.String(subject))
	for changed := true; changed; {
		changed = false
		s = strings.TrimSpace(s)
		for _, p := range []string{"re:", "fw:", "fwd:", "返信:", "転送:", "re：", "aw:", "sv:"} {
			if strings.HasPrefix(s, p) {
				s, changed = s[len(p):], true
			}
		}
		for _, br := range [][2]string{{"【", "】"}, {"[", "]"}, {"<", ">"}, {"(", ")"}} {
			if strings.HasPrefix(s, br[0]) {
				if j := strings.Index(s, br[1]); j > 0 {
					s, changed = s[j+len(br[1]):], true
				}
			}
		}
	}
	for _, w := range []string{"パスワード", "のご連絡", "のお知らせ", "ご連絡", "お知らせ", "について", "password", "pw", "送付", "の件"} {
		s = strings.ReplaceAll(s, w, "")
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsPunct(r) {
			return -1
		}
		return r
	}, s)
}

// Candidate is a password to try and the message it came from.
type Candidate struct {
	Password string
	From     string // Message.ID of the message that gave it
}

// Candidates returns the passwords to try for an archive attached to
// locked, from the messages of the same thread or the same sender within
// Window: thread relatives first, then by distance in time.
func Candidates(locked Message, msgs []Message) []Candidate {
	type scored struct {
		m      *Message
		thread bool
		dist   time.Duration
	}
	var sel []scored
	for i := range msgs {
		m := &msgs[i]
		if len(m.Passwords) == 0 {
			continue
		}
		thread := related(locked, *m)
		sender := locked.From != "" && m.From == locked.From
		if !thread && !sender {
			continue
		}
		d := m.Date.Sub(locked.Date)
		if d < 0 {
			d = -d
		}
		if !locked.Date.IsZero() && !m.Date.IsZero() && d > Window {
			continue
		}
		if (locked.Date.IsZero() || m.Date.IsZero()) && !thread {
			continue // undated: only a thread link is evidence enough
		}
		sel = append(sel, scored{m, thread, d})
	}
	sort.SliceStable(sel, func(a, b int) bool {
		if sel[a].thread != sel[b].thread {
			return sel[a].thread
		}
		return sel[a].dist < sel[b].dist
	})
	var out []Candidate
	seen := map[string]bool{}
	for _, s := range sel {
		for _, pw := range s.m.Passwords {
			if !seen[pw] {
				seen[pw] = true
				out = append(out, Candidate{Password: pw, From: s.m.ID})
			}
		}
	}
	return out
}

// related reports a thread link between two messages: one replies to or
// references the other, they share a parent, or their subjects fold to
// the same key.
func related(a, b Message) bool {
	if a.ID == b.ID {
		return true // a password in the archive's own mail
	}
	links := func(x, y Message) bool {
		if y.MessageID == "" {
			return false
		}
		if x.InReplyTo == y.MessageID {
			return true
		}
		for _, r := range x.References {
			if r == y.MessageID {
				return true
			}
		}
		return false
	}
	if links(a, b) || links(b, a) {
		return true
	}
	if a.InReplyTo != "" && a.InReplyTo == b.InReplyTo {
		return true
	}
	return a.Thread != "" && a.Thread == b.Thread
}
