package age

import (
	"strings"

	"github.com/mailsift/mailsift/detectors/internal/names"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// English ages that belong to no one (issue 15, real mail): statements
// about ages in general ("production is halved by age 60"), policy limits
// ("Policy expires at age 95"), hypothetical people of advertisements
// ("Assumes 55 year old …", "your 17-year-old son"), comparisons ("that of
// a 40 year old") and things or classes of people after "N-year-old" with
// words between ("a 14 year old fortune 500 company", "18 Year Old Girls").

// generalPreps before "age" make the age a point on everyone's life ("after
// the age of 21", "by age 60"), unless a person is named in the sentence.
var generalPreps = wordSet(`after by before beyond past from`)

// ageAdjectives may stand between "the" and "age": "at the young age of 52".
var ageAdjectives = wordSet(`young tender early ripe old advanced late same`)

// limitVerbs before "at age N" make N the limit of a contract: "Policy
// expires at age 95", "benefits payable at age 65".
var limitVerbs = wordSet(`expires expire expiring expiry expiration matures mature maturing maturity
	terminates terminate lapses lapse ceases cease ends payable eligible`)

// genericSubjects on the line of "at age N" make it a statement about
// people in general: "Humans produce 500 micrograms at age 20".
var genericSubjects = wordSet(`humans human people men women children kids adults everyone everybody
	anyone most many you your our us patients individuals persons someone workers employees
	americans seniors bodies`)

// personalWords tie an age to a specific person: "I stopped after the age
// of 21", "my son is …", "he retired at age 60".
var personalWords = wordSet(`i i'm i've me my mine he he's she she's his her him`)

// generalAge reports whether "age" at s[i] opens a statement about ages in
// general or a policy limit, not someone's age.
func generalAge(s string, i int) bool {
	ws := prevWords(s, i, 4)
	k := 0 // past "the" and adjectives: "at the young age of 52"
	for k < len(ws) && (ageAdjectives[ws[k]] || ws[k] == "the") {
		k++
	}
	if k >= len(ws) {
		return false
	}
	prep := ws[k]
	switch {
	case generalPreps[prep]:
		return !personInSentence(s, i)
	case prep == "at":
		if k+1 < len(ws) && limitVerbs[ws[k+1]] {
			return true
		}
		return (genericSubject(s, i) || agesInSentence(s, i) > 1) && !personInSentence(s, i)
	}
	return false
}

// hypothetical reports whether the words before the number at s[start] of
// "N year old" make it an example person or a comparison: "Assumes 55
// year old", "your 17-year-old son", "feels like a 30 year old", "that
// of a 40 year old".
func hypothetical(s string, start int) bool {
	ws := prevWords(s, start, 3)
	if len(ws) == 0 {
		return false
	}
	switch ws[0] {
	case "your", "assumes", "assume", "assuming", "suppose", "supposing", "imagine", "hypothetical", "typical":
		return true
	case "a", "an":
		if len(ws) < 2 {
			return false
		}
		// Not "for a": "not bad for a 27-year-old kid from Ukraine" is
		// someone.
		switch ws[1] {
		case "assumes", "assume", "assuming", "suppose", "imagine", "like", "than":
			return true
		case "of":
			return len(ws) > 2 && (ws[2] == "that" || ws[2] == "those")
		}
	}
	return false
}

// groupNouns after "N-year-old" name a class of people, not one person:
// "18 Year Old Girls Bare it ALL!".
var groupNouns = wordSet(`girls boys men women people kids children teens teenagers students guys babes
	chicks sluts virgins models moms wives housewives singles adults males females`)

// groupAfter reports whether "N-year-old" at s[start:off] qualifies a
// plural of people and no possessive precedes it ("my 5-year-old twins"
// are persons).
func groupAfter(s string, start, off int) bool {
	if !groupNouns[nextWord(s[off:])] {
		return false
	}
	ws := prevWords(s, start, 1)
	return len(ws) == 0 || !possessives[ws[0]]
}

var possessives = wordSet(`my his her our their your`)

// phraseStops end the noun phrase after "N-year-old": verbs, relatives,
// prepositions and articles.
var phraseStops = wordSet(`is was are were be been who whom whose which that and or but with from in on at
	of to for by as said says named called has had have can could will would the a an this his her my
	their our`)

// personNouns head a noun phrase about a person.
var personNouns = wordSet(`man woman boy girl male female son daughter mother father mom dad child kid
	baby person guy lady gentleman teen teenager wife husband brother sister friend patient victim
	suspect student pupil grandmother grandfather grandson granddaughter nephew niece cousin aunt uncle
	bride groom widow widower twins twin people`)

// maxPhrase is how many words after "N-year-old" may lead to the noun.
const maxPhrase = 4

// thingAfter reports whether the noun phrase that follows "N-year-old"
// (rest starts right after it) is headed by a thing: "company", "fortune
// 500 company", "Inc 500 company". Words before the noun that neither
// lists know are modifiers; a person noun or a stop word ends the search
// with no thing found; a thing noun followed by a person noun ("company
// director", "computer programmer") is a person's job.
func thingAfter(rest string) bool {
	i := 0
	for n := 0; n < maxPhrase; n++ {
		w, next, ok := phraseWord(rest, i)
		if !ok {
			return false
		}
		i = next
		switch {
		case personNouns[w] || phraseStops[w]:
			return false
		case thingNoun[w]:
			w2, _, ok := phraseWord(rest, i)
			return !ok || !(personNouns[w2] || personSuffix(w2))
		}
	}
	return false
}

// phraseWord reads the lower-cased word (letters or digits) of rest after
// i, across spaces, one line break or a hyphen joining words
// ("mother-of-three"); ok is false at anything else: punctuation, or a
// dash between spaces ("Company - Leader"), ends the phrase.
func phraseWord(rest string, i int) (w string, next int, ok bool) {
	breaks := 0
	for i < len(rest) && (rest[i] == ' ' || rest[i] == '\t' || rest[i] == '\n' || rest[i] == '\r') {
		if rest[i] == '\n' {
			breaks++
		}
		i++
	}
	if i < len(rest) && rest[i] == '-' && (i == 0 || textscan.IsLetter(rest[i-1]) || rest[i-1] >= '0' && rest[i-1] <= '9') {
		i++ // "-year-old", "mother-of"
	}
	if breaks > 1 {
		return "", i, false
	}
	j := i
	for j < len(rest) && (textscan.IsLetter(rest[j]) || rest[j] >= '0' && rest[j] <= '9') {
		j++
	}
	if j == i || j-i > 24 {
		return "", j, false
	}
	return strings.ToLower(rest[i:j]), j, true
}

// personSuffix: nouns of people by their ending ("programmer", "director",
// "dentist", "employee", "consultant", "resident", "salesman").
func personSuffix(w string) bool {
	for _, suf := range []string{"er", "or", "ist", "ian", "ee", "ant", "ent", "man", "woman", "ess"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// prevWords returns up to n lower-cased words before s[i], nearest first,
// on the same line; a punctuation mark other than an apostrophe ends them.
func prevWords(s string, i, n int) []string {
	var ws []string
	for len(ws) < n {
		j := i
		for j > 0 && (s[j-1] == ' ' || s[j-1] == '\t') {
			j--
		}
		k := j
		for k > 0 && (textscan.IsLetter(s[k-1]) || s[k-1] == '\'') {
			k--
		}
		if k == j {
			break
		}
		ws = append(ws, strings.ToLower(s[k:j]))
		i = k
	}
	return ws
}

// maxSentence bounds how far back a sentence is read.
const maxSentence = 300

// sentenceBefore returns the text of the sentence before s[i]: back to a
// full stop, a question or exclamation mark or a blank line.
func sentenceBefore(s string, i int) string {
	lo := max(0, i-maxSentence)
	j := i
	for j > lo {
		c := s[j-1]
		if c == '!' || c == '?' || c == '.' && j < len(s) && (s[j] == ' ' || s[j] == '\n') {
			break
		}
		if c == '\n' && j >= 2 && s[j-2] == '\n' {
			break
		}
		j--
	}
	return s[j:i]
}

// sentenceAfter returns the rest of the sentence from s[i].
func sentenceAfter(s string, i int) string {
	hi := min(len(s), i+maxSentence)
	j := i
	for j < hi {
		c := s[j]
		if c == '!' || c == '?' || c == '.' && (j+1 == len(s) || s[j+1] == ' ' || s[j+1] == '\n') {
			break
		}
		if c == '\n' && j+1 < len(s) && s[j+1] == '\n' {
			break
		}
		j++
	}
	return s[i:j]
}

// personInSentence reports whether the sentence before s[i] names a person:
// a personal pronoun, or a word the name lists know ("John stopped …").
func personInSentence(s string, i int) bool {
	for _, w := range strings.FieldsFunc(sentenceBefore(s, i), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '\'')
	}) {
		if personalWords[strings.ToLower(w)] || w[0] >= 'A' && w[0] <= 'Z' && names.IsLatinName(w) {
			return true
		}
	}
	return false
}

// genericSubject reports whether the line before s[i] speaks of people in
// general.
func genericSubject(s string, i int) bool {
	line := s[strings.LastIndexByte(s[:i], '\n')+1 : i]
	for _, w := range strings.Fields(strings.ToLower(line)) {
		if genericSubjects[strings.Trim(w, ",;:\"'()")] {
			return true
		}
	}
	return false
}

// agesInSentence counts the ages "at age N", "at the age of N" and "at N
// years of age" of the sentence around s[i]: several are a comparison of
// ages ("500 micrograms at age 20, 200 micrograms at age 40 and 25 at 80
// years of age"), no one's.
func agesInSentence(s string, i int) int {
	sent := strings.ToLower(sentenceBefore(s, i) + sentenceAfter(s, i))
	return strings.Count(sent, "at age ") + strings.Count(sent, "at the age of ") + strings.Count(sent, " years of age")
}
