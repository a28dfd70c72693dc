package email

import "strings"

// idFields are the header fields whose <...@...> tokens are message
// identifiers, not mailboxes: a bounce, a forward or a quoted reply carries
// them in its body, and a Message-ID looks like an address.
var idFields = []string{
	"message-id", "in-reply-to", "references", "content-id", "resent-message-id",
	"original-message-id", "x-message-id", "x-original-message-id", "supersedes",
	"x-ms-exchange-organization-network-message-id", "thread-index",
}

// inMessageID reports whether the address at s[start:end] is in angle
// brackets on a line (with its folded continuation lines, and after any
// "> " of a quote) that starts with one of idFields.
func inMessageID(s string, start, end int) bool {
	if start == 0 || s[start-1] != '<' || end >= len(s) || s[end] != '>' {
		return false
	}
	// The logical line: back over continuation lines (starting with a
	// space or a tab), a few at most, as References folds.
	ls := strings.LastIndexByte(s[:start], '\n') + 1
	for range 50 {
		if ls == 0 || (s[ls] != ' ' && s[ls] != '\t') {
			break
		}
		ls = strings.LastIndexByte(s[:ls-1], '\n') + 1
	}
	line := s[ls:start]
	line = strings.TrimLeft(line, "> \t") // a quoted reply
	name, _, ok := strings.Cut(line, ":")
	if !ok || len(name) > 60 {
		return false
	}
	name = strings.ToLower(strings.TrimSpace(name))
	for _, f := range idFields {
		if name == f {
			return true
		}
	}
	return false
}
