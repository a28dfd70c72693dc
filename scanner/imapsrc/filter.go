package imapsrc

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ErrBadPattern is wrapped by CheckFolderPatterns errors.
var ErrBadPattern = errors.New("bad folder pattern")

// CheckFolderPatterns validates folder patterns as Options.Folders takes
// them. A pattern is matched against the whole decoded folder name ("日本語",
// "Archive/2023"): "*" matches any run of characters, "%" any run without
// "/" (as in IMAP LIST), "?" one character; "INBOX" matches INBOX in any
// case. A pattern starting with "\" matches a special-use attribute
// instead ("\Junk", "\Trash", "\All"). A leading "!" makes a pattern
// exclude. A folder is collected when it matches some include pattern (or
// there are none) and no exclude pattern.
func CheckFolderPatterns(patterns []string) error {
	_, err := compileFilter(patterns)
	return err
}

type folderFilter struct {
	include, exclude []string
}

func compileFilter(patterns []string) (*folderFilter, error) {
	f := &folderFilter{}
	for _, p := range patterns {
		excl := strings.HasPrefix(p, "!")
		q := strings.TrimPrefix(p, "!")
		switch {
		case q == "":
			return nil, fmt.Errorf("imapsrc: %w %q: empty", ErrBadPattern, p)
		case !utf8.ValidString(q):
			return nil, fmt.Errorf("imapsrc: %w %q: not UTF-8", ErrBadPattern, p)
		case q == `\`:
			return nil, fmt.Errorf("imapsrc: %w %q: name an attribute after the backslash", ErrBadPattern, p)
		}
		if excl {
			f.exclude = append(f.exclude, q)
		} else {
			f.include = append(f.include, q)
		}
	}
	return f, nil
}

func (f *folderFilter) match(name string, attrs []string) bool {
	in := len(f.include) == 0
	for _, p := range f.include {
		if matchOne(p, name, attrs) {
			in = true
			break
		}
	}
	if !in {
		return false
	}
	for _, p := range f.exclude {
		if matchOne(p, name, attrs) {
			return false
		}
	}
	return true
}

func matchOne(pat, name string, attrs []string) bool {
	if strings.HasPrefix(pat, `\`) {
		for _, a := range attrs {
			if strings.EqualFold(a, pat) {
				return true
			}
		}
		return false
	}
	if strings.EqualFold(pat, "INBOX") {
		return name == "INBOX"
	}
	return glob(pat, name)
}

// glob matches name against pat ("*", "%", "?"), rune by rune, with
// backtracking only to the last star: linear in practice, quadratic at
// worst, and patterns are short.
func glob(pat, name string) bool {
	p, n := []rune(pat), []rune(name)
	pi, ni := 0, 0
	starP, starN, starSlash := -1, 0, false
	for ni < len(n) {
		switch {
		case pi < len(p) && (p[pi] == '*' || p[pi] == '%'):
			starP, starN, starSlash = pi, ni, p[pi] == '*'
			pi++
		case pi < len(p) && (p[pi] == '?' || p[pi] == n[ni]):
			pi++
			ni++
		case starP >= 0 && (starSlash || n[starN] != '/'):
			starN++
			pi, ni = starP+1, starN
		default:
			return false
		}
	}
	for pi < len(p) && (p[pi] == '*' || p[pi] == '%') {
		pi++
	}
	return pi == len(p)
}
