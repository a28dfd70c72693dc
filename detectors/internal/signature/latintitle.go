package signature

import (
	"strings"
	"unicode/utf8"
)

// English titles are phrases: latinTitle finds their head word ("Editor",
// "Manager", "Director"), and the phrase around it decides. Headlines and
// prose use the same words ("A Top AOL Manager Has Left Company", "A
// consultant will contact you"), and a title cut at its first word
// ("Assistant" of "Assistant Editor") names another job.

// titleModifiers are words that qualify a title noun before it ("Senior
// Technical Director", "Customer Relations Manager"), lower case.
var titleModifiers = map[string]bool{
	"senior": true, "sr": true, "sr.": true, "junior": true, "jr": true, "jr.": true, "chief": true, "principal": true,
	"staff": true, "lead": true, "head": true, "technical": true, "technology": true, "support": true, "customer": true,
	"relations": true, "information": true, "security": true, "development": true, "software": true, "hardware": true,
	"network": true, "networks": true, "system": true, "systems": true, "research": true, "education": true,
	"export": true, "import": true, "sales": true, "marketing": true, "business": true, "product": true,
	"project": true, "program": true, "programme": true, "operations": true, "finance": true, "financial": true,
	"legal": true, "public": true, "media": true, "press": true, "news": true, "managing": true, "general": true,
	"executive": true, "deputy": true, "assistant": true, "associate": true, "regional": true, "country": true,
	"district": true, "area": true, "global": true, "international": true, "national": true, "field": true,
	"account": true, "accounts": true, "office": true, "it": true, "hr": true, "qa": true, "quality": true,
	"engineering": true, "creative": true, "art": true, "design": true, "editorial": true, "communications": true,
	"purchasing": true, "procurement": true, "production": true, "service": true, "services": true, "web": true,
	"data": true, "database": true, "computer": true, "desktop": true, "community": true, "human": true,
	"resources": true, "site": true, "content": true, "brand": true, "channel": true, "client": true, "vice": true,
	"interim": true, "acting": true, "founding": true, "group": true, "team": true, "test": true, "release": true,
	"infrastructure": true, "platform": true, "solutions": true, "application": true, "applications": true,
	"commercial": true, "strategic": true, "corporate": true, "digital": true, "online": true, "e-business": true,
	"e-commerce": true, "internet": true, "mail": true, "editor": true, "copy": true, "managing-editor": true,
}

// titleNouns end a title phrase ("Assistant Editor", "Lead Programmer"),
// lower case.
var titleNouns = map[string]bool{
	"editor": true, "programmer": true, "developer": true, "writer": true, "producer": true, "designer": true,
	"architect": true, "scientist": true, "researcher": true, "reporter": true, "correspondent": true,
	"columnist": true, "planner": true, "strategist": true, "evangelist": true, "liaison": true, "counsel": true,
	"advisor": true, "adviser": true, "trainer": true, "instructor": true, "librarian": true, "webmaster": true,
	"officer": true, "manager": true, "director": true, "engineer": true, "administrator": true, "analyst": true,
	"consultant": true, "specialist": true, "coordinator": true, "representative": true, "executive": true,
	"assistant": true, "associate": true, "president": true, "secretary": true, "accountant": true,
	"attorney": true, "lawyer": true, "technician": true, "supervisor": true, "superintendent": true,
	"controller": true, "treasurer": true, "auditor": true, "recruiter": true, "buyer": true, "leader": true,
	"founder": true, "partner": true, "principal": true, "fellow": true, "professor": true, "lecturer": true,
	"chair": true, "chairman": true, "chairwoman": true, "ceo": true, "cfo": true, "cto": true, "coo": true,
	"cio": true, "vp": true, "lead": true, "head": true,
}

// phraseFollowers may follow a title on its line without a separator:
// contact labels and "at" before the company ("Engineer at Acme").
var phraseFollowers = map[string]bool{
	"tel": true, "tel:": true, "tel.": true, "phone": true, "phone:": true, "mobile": true, "mobile:": true,
	"fax": true, "fax:": true, "e-mail": true, "e-mail:": true, "email": true, "email:": true, "mail:": true,
	"cell": true, "cell:": true, "direct": true, "direct:": true, "at": true, "t:": true, "m:": true, "e:": true,
	"p:": true, "f:": true,
}

// prosePrecursors before a title make it part of a sentence or headline
// ("interview with Director of …", "A Top AOL Manager"), lower case.
var prosePrecursors = map[string]bool{
	"a": true, "an": true, "the": true, "with": true, "our": true, "your": true, "my": true, "his": true,
	"her": true, "their": true, "its": true, "new": true, "former": true, "by": true, "to": true, "is": true,
	"as": true, "was": true, "and": true, "or": true, "of": true, "for": true, "any": true, "every": true,
	"each": true, "this": true, "that": true, "top": true, "ex": true,
}

// latinTitleSpan checks the English title that latinTitle found at
// s[a:b] and returns the whole phrase: the modifiers before it, the
// nouns, numerals, "of …" and joined titles after it. ok is false when
// the title is glued to another word ("esi-vp-marketing", "Ex-CFO",
// "Engineer's") or is inside prose or a headline (a word that is no
// part of a title follows it on its line, or an article or other
// lower-case word comes before it).
func latinTitleSpan(s string, a, b int) (Span, bool) {
	if a > 0 && strings.IndexByte("-_@.=", s[a-1]) >= 0 || b < len(s) && strings.IndexByte("-_@=", s[b]) >= 0 {
		return Span{}, false
	}
	if strings.HasPrefix(s[b:], "'s") || strings.HasPrefix(s[b:], "\u2019s") {
		return Span{}, false
	}
	a = titleStart(s, a)
	b = titleEnd(s, b)
	if w := strings.ToLower(s[a:b]); w == "lead" || w == "leader" {
		return Span{}, false // a title only with what it leads: "Team Lead", "Project Leader"
	}
	if !phraseEnds(s, b) || !phraseStarts(s, a) {
		return Span{}, false
	}
	return Span{a, b}, true
}

// wordBefore returns the ASCII word that ends at s[j] (letters, digits,
// '-', '.', '&'), or j, j.
func wordBefore(s string, j int) (int, int) {
	k := j
	for k > 0 && (isLatinNameByte(s[k-1]) && s[k-1] != '\'') {
		k--
	}
	return k, j
}

// wordAfter returns the ASCII word that starts at s[i].
func wordAfter(s string, i int) (int, int) {
	j := i
	for j < len(s) && (isLatinNameByte(s[j]) && s[j] != '\'') {
		j++
	}
	return i, j
}

// titleStart moves a back over modifiers and joined titles: "Senior
// Technical Director", "Network/Systems Manager", "Sales & purchasing
// director", "Programmer / Analyst".
func titleStart(s string, a int) int {
	for n := 0; n < 5 && a > 0; n++ {
		j := a
		joined := false
		switch {
		case strings.HasSuffix(s[:j], " / ") || strings.HasSuffix(s[:j], " & "):
			j -= 3
			joined = true
		case strings.HasSuffix(s[:j], " and "):
			j -= 5
			joined = true
		case s[j-1] == '/':
			j--
			joined = true
		case s[j-1] == ' ' && j > 1 && s[j-2] != ' ':
			j--
		default:
			return a
		}
		k, _ := wordBefore(s, j)
		if k == j {
			return a
		}
		w := strings.ToLower(s[k:j])
		if !titleModifiers[w] && !(joined && titleNouns[w]) {
			return a
		}
		a = k
	}
	return a
}

// titleEnd moves b forward over what completes the title: title nouns
// after modifiers ("Assistant News Editor"), a numeral ("Analyst III"),
// "of" and capitalized words ("Director of Software Development"), and
// another title after "and", "&" or "/" ("chairman and CEO").
func titleEnd(s string, b int) int {
	for n := 0; n < 6; n++ {
		if e := nounAfter(s, b); e > b {
			b = e
			continue
		}
		rest := s[b:]
		switch {
		case hasWordPrefix(rest, " I") || hasWordPrefix(rest, " II") || hasWordPrefix(rest, " III") || hasWordPrefix(rest, " IV"):
			_, b = wordAfter(s, b+1)
			continue
		case strings.HasPrefix(rest, " of ") || strings.HasPrefix(rest, " for "):
			if e := capitalizedAfter(s, b+strings.IndexByte(rest[1:], ' ')+2); e > 0 {
				b = e
				continue
			}
		default:
			i := b
			switch {
			case strings.HasPrefix(rest, " and "):
				i += len(" and ")
			case strings.HasPrefix(rest, " & ") || strings.HasPrefix(rest, " / "):
				i += len(" & ")
			case strings.HasPrefix(rest, "/"):
				i++
			}
			if e := titleAt(s, i); i > b && e > i {
				b = e
				continue
			}
		}
		break
	}
	return b
}

// titleAt returns the end of a title that starts at s[i]: a latinTitle
// match or modifiers and a title noun, or i.
func titleAt(s string, i int) int {
	if loc := latinTitle.FindStringSubmatchIndex(s[i:]); loc != nil && loc[2] == 0 {
		return i + loc[3]
	}
	ws, we := wordAfter(s, i)
	if we == ws {
		return i
	}
	if w := strings.ToLower(s[ws:we]); titleNouns[w] {
		return we
	} else if titleModifiers[w] {
		if e := nounAfter(s, we); e > we {
			return e
		}
	}
	return i
}

// hasWordPrefix reports whether s starts with w followed by a word end.
func hasWordPrefix(s, w string) bool {
	return strings.HasPrefix(s, w) && (len(s) == len(w) || !isLatinNameByte(s[len(w)]) || s[len(w)] == '.')
}

// nounAfter returns the end of " [modifier [modifier]] noun" at s[b:]
// (a single space before each word), or b.
func nounAfter(s string, b int) int {
	i := b
	for n := 0; n < 3; n++ {
		if i >= len(s) || s[i] != ' ' {
			return b
		}
		ws, we := wordAfter(s, i+1)
		if we == ws {
			return b
		}
		w := strings.ToLower(s[ws:we])
		if titleNouns[w] {
			return we
		}
		if !titleModifiers[w] {
			return b
		}
		i = we
	}
	return b
}

// capitalizedAfter returns the end of 1–4 capitalized words at s[i:]
// joined by single spaces, "and" or "&" ("Systems & Operations",
// "Education and Offline Activism"), or of a quoted name, or 0.
func capitalizedAfter(s string, i int) int {
	end := 0
	if quoted := i < len(s) && s[i] == '"'; quoted {
		// Sales manager of "Telesystems"
		if k := strings.IndexByte(s[i+1:], '"'); k > 0 && k <= 40 && capitalizedAfter(s[:i+1+k], i+1) == i+1+k {
			return i + k + 2
		}
		return 0
	}
	for n := 0; n < 6 && i < len(s); n++ {
		ws, we := wordAfter(s, i)
		if we == ws {
			break
		}
		w := s[ws:we]
		switch {
		case w[0] >= 'A' && w[0] <= 'Z':
			end = we
		case w == "and" || w == "&":
			if end == 0 {
				return 0
			}
		default:
			return end
		}
		if we >= len(s) || s[we] != ' ' {
			break
		}
		i = we + 1
	}
	return end
}

// phraseEnds reports whether the title phrase ending at s[b] ends where
// a title may: at the end of its line or a separator, or before a
// company, a contact label or non-Latin text.
func phraseEnds(s string, b int) bool {
	if b >= len(s) {
		return true
	}
	if s[b] != ' ' {
		return s[b] >= utf8.RuneSelf || !isLatinNameByte(s[b]) || s[b] == '.'
	}
	rest := s[b+1:]
	if rest == "" || rest[0] == ' ' || rest[0] >= utf8.RuneSelf || !isLatinNameByte(rest[0]) || rest[0] >= '0' && rest[0] <= '9' {
		return true // two spaces (a column), a separator, a number, Japanese
	}
	if strings.HasPrefix(rest, "- ") {
		return true
	}
	ws, we := wordAfter(rest, 0)
	if phraseFollowers[strings.ToLower(rest[ws:we])] || we < len(rest) && rest[we] == ':' {
		return true
	}
	line := rest
	if k := strings.IndexByte(line, '\n'); k >= 0 {
		line = line[:k]
	}
	sp, ok := FindCompany(line)
	return ok && sp.Start == 0
}

// phraseStarts reports whether the title phrase starting at s[a] starts
// where a title may: at the start of its line, after a separator or a
// name, not after an article or a lower-case word of a sentence.
func phraseStarts(s string, a int) bool {
	if a == 0 || s[a-1] != ' ' || a > 1 && s[a-2] == ' ' {
		return true
	}
	k, j := wordBefore(s, a-1)
	if k == j {
		return true // "| Manager", "(Sales Manager"
	}
	return !prosePrecursors[strings.ToLower(s[k:j])]
}

// latinDeptSpan checks the department that latinDept found at s[a:b]: an
// article before it is no part of it, and "A Div." (of a company) is
// none.
func latinDeptSpan(s string, a, b int) (Span, bool) {
	for _, art := range []string{"A ", "An ", "The ", "Our "} {
		if strings.HasPrefix(s[a:b], art) {
			loc := latinDept.FindStringIndex(s[a+len(art) : b])
			if loc == nil || loc[0] != 0 {
				return Span{}, false
			}
			a += len(art)
			break
		}
	}
	return Span{a, b}, true
}
