package resolve

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// variants folds the 異体字 that people write for one another's registered
// kanji (shared/spec/people.md): matching treats them as equal, display
// keeps what was written.
var variants = strings.NewReplacer(
	"髙", "高", "﨑", "崎", "嵜", "崎", "濱", "浜", "邊", "辺", "邉", "辺", "澤", "沢",
	"齋", "斎", "齊", "斉", "廣", "広", "櫻", "桜", "國", "国", "嶋", "島", "嶌", "島",
	"冨", "富", "德", "徳", "眞", "真", "惠", "恵", "藏", "蔵", "龍", "竜", "條", "条",
	"實", "実", "壽", "寿", "學", "学", "榮", "栄", "籠", "篭", "槇", "槙", "淵", "渕",
	"瀨", "瀬", "曻", "昇", "塚", "塚", "峯", "峰", "舘", "館", "桒", "桑",
)

// honorifics are cut from the end of a name before matching.
var honorifics = []string{"さま", "サマ", "様", "さん", "殿", "氏", "先生", "君", "くん", "ちゃん"}

// hepburn folds the romanisations of one Japanese name to one form:
// passport Hepburn drops long vowels and writes ん as m before b, m, p;
// Kunrei and e-mail display names write si, tu, zi, ou, oo, oh.
var hepburn = strings.NewReplacer(
	"ou", "o", "oo", "o", "oh", "o", "uu", "u", "ee", "e", "ei", "e",
	"mb", "nb", "mm", "nm", "mp", "np",
	"si", "shi", "ti", "chi", "tu", "tsu", "zi", "ji", "hu", "fu", "sya", "sha", "syu", "shu", "syo", "sho",
	"tya", "cha", "tyu", "chu", "tyo", "cho", "zya", "ja", "zyu", "ju", "zyo", "jo",
)

// NameKey is the match key of a written name: width-folded, without
// spaces and honorifics, kanji variants and kana folded (hiragana =
// katakana); a Latin name as its lower-case words, romanisation folded, in
// sorted order, so that "Taro Yamada", "YAMADA Taro" and "Yamada, Taro"
// agree. Keys of Japanese script start "j:", Latin ones "l:". It returns
// "" for what cannot be a name's key.
func NameKey(written string) string {
	s := strings.TrimSpace(norm.NFKC.String(written))
	for changed := true; changed; {
		changed = false
		for _, h := range honorifics {
			if t, ok := strings.CutSuffix(s, h); ok && t != "" {
				s, changed = strings.TrimSpace(t), true
			}
		}
	}
	for _, h := range honorifics {
		if s == h {
			return ""
		}
	}
	if s == "" {
		return ""
	}
	if isLatin(s) {
		words := strings.FieldsFunc(strings.ToLower(splitCamel(s)), func(r rune) bool {
			return !unicode.IsLetter(r) && r != '\'' && r != '-'
		})
		if len(words) == 0 {
			return ""
		}
		for i, w := range words {
			words[i] = hepburn.Replace(w)
		}
		sortStrings(words)
		return "l:" + strings.Join(words, " ")
	}
	var b strings.Builder
	for _, r := range variants.Replace(s) {
		switch {
		case unicode.IsSpace(r) || r == '・' || r == '･':
		case r >= 'ぁ' && r <= 'ゖ':
			b.WriteRune(r + 0x60) // hiragana to katakana
		default:
			b.WriteRune(r)
		}
	}
	return "j:" + b.String()
}

// FullName reports whether a key names a person rather than a family:
// two Latin words, or three or more Japanese characters (佐藤花子, not 佐藤).
func FullName(key string) bool {
	switch {
	case strings.HasPrefix(key, "l:"):
		return strings.Contains(key, " ")
	case strings.HasPrefix(key, "j:"):
		n := len([]rune(key)) - 2
		if isKana(key[2:]) {
			return n >= 5 // a reading: ヤマダタロウ, not みらい
		}
		return n >= 3
	}
	return false
}

func isLatin(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if r > unicode.MaxLatin1 && !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}

// splitCamel puts a space between a lower-case and an upper-case letter:
// a name's value has its spaces removed ("TaroYamada").
func splitCamel(s string) string {
	var b strings.Builder
	var prev rune
	for _, r := range s {
		if unicode.IsUpper(r) && unicode.IsLower(prev) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// EmailKey is the match key of an address: lower case, a +tag removed,
// dots ignored in gmail.com's local parts.
func EmailKey(addr string) string {
	a := strings.ToLower(strings.TrimSpace(addr))
	at := strings.LastIndexByte(a, '@')
	if at <= 0 {
		return ""
	}
	local, domain := a[:at], a[at+1:]
	if i := strings.IndexByte(local, '+'); i > 0 {
		local = local[:i]
	}
	if domain == "gmail.com" || domain == "googlemail.com" {
		local, domain = strings.ReplaceAll(local, ".", ""), "gmail.com"
	}
	return local + "@" + domain
}

// roleLocals are local parts of mailboxes that stand for a role, a team, a
// list or a machine (RFC 2142 and common practice), not a person.
var roleLocals = map[string]bool{
	"info": true, "sales": true, "support": true, "postmaster": true, "abuse": true, "noc": true,
	"security": true, "webmaster": true, "hostmaster": true, "www": true, "uucp": true, "ftp": true,
	"usenet": true, "news": true, "marketing": true, "admin": true, "administrator": true,
	"noreply": true, "no-reply": true, "no_reply": true, "donotreply": true, "do-not-reply": true,
	"mailer-daemon": true, "bounce": true, "bounces": true, "list": true, "lists": true,
	"list-owner": true, "owner": true, "majordomo": true, "listserv": true, "help": true,
	"contact": true, "office": true, "billing": true, "notification": true, "notifications": true,
	"newsletter": true, "press": true, "pr": true, "hr": true, "recruit": true, "jobs": true,
	"careers": true, "service": true, "customer": true, "customerservice": true, "team": true,
	"all": true, "staff": true, "root": true, "daemon": true, "git": true,
	// Japanese departments' shared mailboxes, in romaji.
	"jinji": true, "soumu": true, "somu": true, "keiri": true, "eigyo": true, "eigyou": true,
	"hisho": true, "kikaku": true, "kouhou": true, "koho": true, "saiyo": true, "saiyou": true,
	"uketsuke": true, "madoguchi": true, "toiawase": true, "otoiawase": true, "jimukyoku": true,
	"recruiting": true, "accounting": true, "finance": true, "legal": true, "compliance": true,
	"reception": true, "desk": true, "helpdesk": true, "ir": true, "kojinjoho": true, "privacy": true,
}

// IsRoleAddress reports whether an address is a role, list or machine
// mailbox: a role local part alone or followed by a tag or a separator
// ("noreply-jp", "bounces+x=y"), or a list's -owner/-request/-bounces.
func IsRoleAddress(addr string) bool {
	a := strings.ToLower(addr)
	at := strings.LastIndexByte(a, '@')
	if at <= 0 {
		return true
	}
	local := a[:at]
	if roleLocals[local] {
		return true
	}
	for _, sep := range []string{"+", "-", ".", "_"} {
		if i := strings.Index(local, sep); i > 0 && roleLocals[local[:i]] && (sep == "+" || local[:i] != "owner") {
			if sep == "+" || strings.HasPrefix(local, "noreply") || strings.HasPrefix(local, "no-reply") || strings.HasPrefix(local, "bounce") || strings.HasPrefix(local, "mailer") {
				return true
			}
		}
	}
	domain := a[at+1:]
	for _, pre := range []string{"lists.", "list.", "ml.", "groups.", "googlegroups.com", "freelists.org", "groups.io"} {
		if strings.HasPrefix(domain, pre) || strings.Contains(domain, "."+pre) || domain == pre {
			return true // a mailing list's address
		}
	}
	for _, suf := range []string{"-owner", "-request", "-bounces", "-admin", "-help", "-subscribe", "-unsubscribe"} {
		if strings.HasSuffix(local, suf) {
			return true
		}
	}
	return false
}

// Mobile reports whether an E.164 number is a Japanese mobile (070, 080,
// 090): strong evidence of one person, unlike a switchboard.
func Mobile(e164 string) bool {
	return strings.HasPrefix(e164, "+8170") || strings.HasPrefix(e164, "+8180") || strings.HasPrefix(e164, "+8190")
}
