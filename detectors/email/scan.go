package email

// Length limits of RFC 5321 (local part 64, path 256 less the brackets).
const (
	maxLocal   = 64
	maxDomain  = 253
	maxAddress = 254
	maxLabel   = 63
)

// Scan returns the span of the address around the '@' at s[at], if there
// is a valid one. It reads at most maxLocal+1 bytes before the '@' and
// maxDomain+1 after it, so what it decides depends on little context.
//
// The local part is the run of [A-Za-z0-9._%+-] before the '@' (the
// characters real addresses use; quoted local parts and rarer atext
// characters are not found). It stops at anything else, in particular at
// non-ASCII text: in "連絡先はtaro@example.jpまで" the address is
// taro@example.jp. Leading dots are dropped, because NFKC turns "…" into
// "...". The domain is the run of [A-Za-z0-9.-] after the '@', without
// trailing dots (sentence ends).
func Scan(s string, at int) (start, end int, ok bool) {
	start = localStart(s, at)
	if at-start > maxLocal { // a longer run: not an address we can bound
		return 0, 0, false
	}
	if start > 0 && s[start-1] == '@' {
		return 0, 0, false
	}
	for start < at && s[start] == '.' {
		start++
	}
	end = at + 1
	for end < len(s) && end-at <= maxDomain && isDomain(s[end]) {
		end++
	}
	if end-at > maxDomain {
		return 0, 0, false
	}
	for end > at+1 && s[end-1] == '.' {
		end--
	}
	if end < len(s) && (s[end] == '@' || s[end] == '_') {
		return 0, 0, false // part of a longer token such as a@b.c@d
	}
	if !Valid(s[start:end]) {
		return 0, 0, false
	}
	return start, end, true
}

// localStart returns where the local part of the address whose '@' is at
// s[at] starts. Besides the run of IsLocalByte characters it takes, as
// RFC 5322 allows, an apostrophe between letters ("tiarnan.o'corrain@")
// and slashes ("mcao-r/Jw6+rmf7@public.gmane.org", Gmane's encoded
// addresses) when the token before the slash stands alone: after a space,
// an angle bracket or a comma, not inside a URL path ("…/archives/john@")
// or an identifier ("arn:aws:ses:…:identity/john@").
func localStart(s string, at int) int {
	run := func(i int) int {
		for i > 0 && at-i <= maxLocal && IsLocalByte(s[i-1]) {
			i--
		}
		return i
	}
	start := run(at)
	slash := -1 // the start after the first slash crossed, to fall back to
	for start >= 2 && start < at && at-start <= maxLocal && isAlnum(s[start]) {
		c, b := s[start-1], s[start-2]
		apostrophe := c == '\'' && isLetter(b) && isLetter(s[start])
		if c == '/' && isAlnum(b) && slash < 0 {
			slash = start
		}
		if !apostrophe && !(c == '/' && isAlnum(b)) {
			break
		}
		start = run(start - 1)
	}
	if slash >= 0 && start > 0 && !standsAlone(s[start-1]) {
		return slash
	}
	return start
}

// standsAlone reports whether c may stand before an address token whose
// local part holds a slash. Not a colon: "arn:aws:ses:…:identity/taro@…"
// holds the address taro@….
func standsAlone(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '<', ',', '(', '"', '[':
		return true
	}
	return false
}

func isLetter(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// Valid reports whether addr is an address we report: a local part of
// 1–64 characters of [A-Za-z0-9._%+-] (and apostrophes and slashes
// inside) without leading, trailing or double dots; a domain of at least two labels of [A-Za-z0-9-] (1–63 characters,
// not starting or ending with '-'); a top-level domain of 2–63 letters or
// an IDN one ("xn--…"); at most 254 characters in all.
func Valid(addr string) bool {
	at := -1
	for i := 0; i < len(addr); i++ {
		if addr[i] == '@' {
			if at >= 0 {
				return false
			}
			at = i
		}
	}
	if at < 1 || at > maxLocal || len(addr) > maxAddress {
		return false
	}
	return validLocal(addr[:at]) && validDomain(addr[at+1:])
}

func validLocal(l string) bool {
	if l[0] == '.' || l[len(l)-1] == '.' {
		return false
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		inner := (c == '\'' || c == '/') && i > 0 && i < len(l)-1
		if !IsLocalByte(c) && !inner || (c == '.' && l[i-1] == '.') {
			return false
		}
	}
	return true
}

func validDomain(d string) bool {
	if len(d) == 0 || len(d) > maxDomain {
		return false
	}
	labels := 0
	for start := 0; start <= len(d); {
		end := start
		for end < len(d) && d[end] != '.' {
			end++
		}
		label := d[start:end]
		if !validLabel(label) {
			return false
		}
		labels++
		if end == len(d) {
			if labels < 2 || !validTLD(label) {
				return false
			}
			break
		}
		start = end + 1
	}
	return true
}

func validLabel(l string) bool {
	if len(l) == 0 || len(l) > maxLabel || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		if !isDomain(l[i]) || l[i] == '.' {
			return false
		}
	}
	return true
}

// validTLD accepts letters only (which rules out Content-IDs such as
// image001.png@01D9A1B2.C3D4E5F0 and versions such as pkg@1.2.3), or
// punycode.
func validTLD(l string) bool {
	if len(l) < 2 {
		return false
	}
	if len(l) > 4 && (l[:4] == "xn--" || l[:4] == "XN--") {
		return true
	}
	for i := 0; i < len(l); i++ {
		c := l[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// IsLocalByte reports whether c may be in the local part of an address
// as Scan reads it.
func IsLocalByte(c byte) bool {
	return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

func isDomain(c byte) bool {
	return isAlnum(c) || c == '.' || c == '-'
}

func isAlnum(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}
