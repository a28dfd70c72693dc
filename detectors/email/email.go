package email

import (
	"strings"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/pii"
)

// Confidence of a match, by where it is and what the address is.
const (
	// HeaderConfidence is for addresses in header fields (From, To, Cc…):
	// there an address-shaped string is an address.
	HeaderConfidence = 0.99
	// TextConfidence is for addresses in bodies and attachments.
	TextConfidence = 0.95
	// RoleConfidence is for machine and role mailboxes (noreply@,
	// postmaster@, mailer-daemon@ …). They are still reported, because they
	// show which organisations took part, but they identify no person;
	// people/ may drop them.
	RoleConfidence = 0.6
)

// Detector finds e-mail addresses with a hand-written scanner: from each
// '@' it expands left over the local-part characters and right over the
// domain characters, then validates: a regexp over all the text would be
// far slower. The zero value is ready to use.
type Detector struct{}

// New returns an e-mail detector.
func New() *Detector { return &Detector{} }

// Name implements detectors.Detector.
func (*Detector) Name() string { return "email" }

// Types implements detectors.Detector.
func (*Detector) Types() []string { return []string{pii.Email} }

// Keywords implements detectors.Detector: every address holds an '@' (NFKC
// has turned "＠" into '@').
func (*Detector) Keywords() []string { return []string{"@"} }

// MaxLen implements detectors.Detector.
func (*Detector) MaxLen() int { return maxAddress }

// Detect implements detectors.Detector. Values are lower-cased.
func (*Detector) Detect(t *detectors.Text) []detectors.Match {
	var ms []detectors.Match
	s := t.Norm
	header := strings.HasPrefix(t.Field, "header:")
	for from := 0; ; {
		i := strings.IndexByte(s[from:], '@')
		if i < 0 {
			break
		}
		at := from + i
		from = at + 1
		start, end, ok := Scan(s, at)
		if !ok {
			continue
		}
		if inMessageID(s, start, end) {
			from = end
			continue
		}
		value := strings.ToLower(s[start:end])
		if e, rest, ok := foldedDomain(s, start, end); ok {
			value, end = strings.ToLower(s[start:end]+rest), e
		}
		conf := TextConfidence
		switch {
		case IsRole(value[:at-start]):
			conf = RoleConfidence
		case header:
			conf = HeaderConfidence
		}
		ms = append(ms, detectors.Match{Type: pii.Email, Start: start, End: end, Value: value, Confidence: conf})
		from = end
	}
	return ms
}

// foldedDomain reports whether the address at s[start:end] is cut by a
// line break inside its domain, as a quoted header wrapped by a mail
// client writes it ("<cwg@DeepEddy.Co" and on the next line "m>"): the
// address is in angle brackets and the next line starts with the rest of
// the domain and the closing '>'. It returns the end of the whole address
// and the rest.
func foldedDomain(s string, start, end int) (newEnd int, rest string, ok bool) {
	if start == 0 || s[start-1] != '<' || end >= len(s) {
		return 0, "", false
	}
	i := end
	if s[i] == '\r' {
		i++
	}
	if i >= len(s) || s[i] != '\n' {
		return 0, "", false
	}
	i++
	j := i
	for j < len(s) && j-i < maxLabel && isDomain(s[j]) {
		j++
	}
	if j == i || j >= len(s) || s[j] != '>' || !Valid(s[start:end]+s[i:j]) {
		return 0, "", false
	}
	return j, s[i:j], true
}
