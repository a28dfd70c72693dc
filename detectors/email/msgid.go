package email

import (
	"slices"
	"strings"
)

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
// "> " of a quote, however indented: " >     Message-ID:  <…>") that
// starts with one of idFields.
func inMessageID(s string, start, end int) bool {
	if start == 0 || s[start-1] != '<' || end >= len(s) || s[end] != '>' {
		return false
	}
	// The logical line: this one if it names a field, else back over
	// continuation lines (starting with a space or a tab, after a quote's
	// marks), a few at most, as References folds.
	ls := strings.LastIndexByte(s[:start], '\n') + 1
	for range 50 {
		if name, ok := fieldName(s[ls:start]); ok {
			return slices.Contains(idFields, strings.ToLower(name))
		}
		if ls == 0 || !continuation(s[ls:start]) {
			return false
		}
		ls = strings.LastIndexByte(s[:ls-1], '\n') + 1
	}
	return false
}

// fieldName returns the header field name that starts line, after quote
// marks and indentation: "Message-ID" of " >     Message-ID:  <".
func fieldName(line string) (string, bool) {
	line = strings.TrimLeft(line, "> \t")
	i := 0
	for i < len(line) && i <= 60 && (isAlnum(line[i]) || line[i] == '-') {
		i++
	}
	j := i
	for j < len(line) && line[j] == ' ' {
		j++
	}
	if i == 0 || j >= len(line) || line[j] != ':' {
		return "", false
	}
	return line[:i], true
}

// continuation reports whether line continues a folded header: it starts
// with a space or a tab, or does so after quote marks ("> ") of its own.
func continuation(line string) bool {
	if line != "" && (line[0] == ' ' || line[0] == '\t') {
		return true
	}
	quoted := false
	for line != "" && line[0] == '>' {
		quoted = true
		line = strings.TrimPrefix(line[1:], " ")
	}
	return quoted && line != "" && (line[0] == ' ' || line[0] == '\t')
}
