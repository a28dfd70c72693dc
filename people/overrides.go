package people

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/mailsift/mailsift/people/resolve"
	"github.com/mailsift/mailsift/pii"
)

// OverridesFile is the investigator's decisions in a case, one per line.
// They survive re-runs: person ids are derived from the evidence, so the
// same case gives the same ids.
const OverridesFile = "overrides.txt"

// Override verbs.
const (
	VerbMerge         = "merge"          // merge P1 P2 [P3 ...]: one person
	VerbSplit         = "split"          // split P KEY: the identities with KEY (an e-mail or a name) are a person of their own
	VerbCategory      = "category"       // category P ID: P is in category ID
	VerbNotPerson     = "not-person"     // not-person P: P is not a person (a team, a list, a fiction)
	VerbFalsePositive = "false-positive" // false-positive FINDING-ID: the finding is wrong
)

// Override is one decision.
type Override struct {
	Verb string
	Args []string
	Note string // after " # "
	Line int
}

var (
	personIDPattern  = regexp.MustCompile(`^p-[0-9a-f]{10}(-[0-9]+)?$`)
	findingIDPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)
)

// ParseOverrides reads an overrides file. A missing file is no overrides.
// Errors name the file and line, never quote it beyond the verb.
func ParseOverrides(path string) ([]Override, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &ConfigError{File: path, Msg: describe(err), Err: err}
	}
	var out []Override
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		note := ""
		if i := strings.Index(line, "#"); i >= 0 {
			line, note = line[:i], strings.TrimSpace(line[i+1:])
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		o := Override{Verb: f[0], Args: f[1:], Note: note, Line: n}
		if err := o.check(); err != nil {
			return nil, &ConfigError{File: path, Line: n, Msg: err.Error()}
		}
		out = append(out, o)
	}
	if err := sc.Err(); err != nil {
		return nil, &ConfigError{File: path, Msg: describe(err), Err: err}
	}
	return out, nil
}

// check validates an override; its error quotes only the verb's grammar.
func (o Override) check() error {
	person := func(i int) error {
		if !personIDPattern.MatchString(o.Args[i]) {
			return fmt.Errorf("%s: argument %d is not a person id (p- and 10 hex digits, as `mailsift people` prints)", o.Verb, i+1)
		}
		return nil
	}
	switch o.Verb {
	case VerbMerge:
		if len(o.Args) < 2 {
			return fmt.Errorf("merge needs two or more person ids")
		}
		for i := range o.Args {
			if err := person(i); err != nil {
				return err
			}
		}
	case VerbSplit:
		if len(o.Args) != 2 {
			return fmt.Errorf("split needs a person id and an e-mail address or a name to split off")
		}
		return person(0)
	case VerbCategory:
		if len(o.Args) != 2 {
			return fmt.Errorf("category needs a person id and a category id")
		}
		if !idPattern.MatchString(o.Args[1]) {
			return fmt.Errorf("category: argument 2 is not a category id ([a-z0-9_-])")
		}
		return person(0)
	case VerbNotPerson:
		if len(o.Args) != 1 {
			return fmt.Errorf("not-person needs one person id")
		}
		return person(0)
	case VerbFalsePositive:
		if len(o.Args) != 1 || !findingIDPattern.MatchString(o.Args[0]) {
			return fmt.Errorf("false-positive needs one finding id (32 hex digits, as `mailsift findings` prints)")
		}
	default:
		return fmt.Errorf("unknown verb; use merge, split, category, not-person or false-positive")
	}
	return nil
}

// String is the override's line in the file.
func (o Override) String() string {
	s := o.Verb + " " + strings.Join(o.Args, " ")
	if o.Note != "" {
		s += " # " + strings.ReplaceAll(o.Note, "\n", " ")
	}
	return s
}

// AppendOverride adds an override to the case's file (created 0600, never
// through a symbolic link). The caller holds the case's writer lock.
func AppendOverride(caseDir string, o Override) error {
	if err := o.check(); err != nil {
		return err
	}
	path := filepath.Join(caseDir, OverridesFile)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|syscall.O_NOFOLLOW, 0o600)
	if err != nil {
		return fmt.Errorf("overrides: %w", err)
	}
	st, _ := f.Stat()
	if st != nil && st.Size() == 0 {
		fmt.Fprintf(f, "# mailsift overrides, one decision per line (verb arguments # note); written %s\n", time.Now().UTC().Format(time.RFC3339))
	}
	_, err = fmt.Fprintln(f, o.String())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("overrides: %w", err)
	}
	return nil
}

// resolveOptions turns the overrides that change linking into options of
// resolve: false positives and splits (the key is folded as resolve does).
func resolveOptions(ovs []Override) resolve.Options {
	var opts resolve.Options
	for _, o := range ovs {
		switch o.Verb {
		case VerbFalsePositive:
			if opts.Exclude == nil {
				opts.Exclude = map[string]bool{}
			}
			opts.Exclude[o.Args[0]] = true
		case VerbSplit:
			if opts.Apart == nil {
				opts.Apart = map[string]bool{}
			}
			k := o.Args[1]
			if strings.Contains(k, "@") {
				k = resolve.EmailKey(k)
			} else {
				k = resolve.NameKey(k)
			}
			opts.Apart[k] = true
		}
	}
	return opts
}

// applyPeople applies merges and not-person decisions to the resolved
// people and returns the category decisions and how many overrides
// applied (an override whose people no longer exist does not).
func applyPeople(res *resolve.Result, ovs []Override) (categories map[string]string, applied int) {
	byID := map[string]*resolve.Person{}
	for _, p := range res.People {
		byID[p.ID] = p
	}
	categories = map[string]string{}
	for _, o := range ovs {
		switch o.Verb {
		case VerbFalsePositive, VerbSplit:
			applied++ // applied while resolving
		case VerbNotPerson:
			if p := byID[o.Args[0]]; p != nil {
				res.People = slices.DeleteFunc(res.People, func(q *resolve.Person) bool { return q == p })
				delete(byID, p.ID)
				for _, f := range p.Findings {
					delete(res.Person, f)
				}
				res.Unattributed += len(p.Findings)
				applied++
			}
		case VerbMerge:
			into := byID[o.Args[0]]
			if into == nil {
				continue
			}
			merged := false
			for _, id := range o.Args[1:] {
				p := byID[id]
				if p == nil || p == into {
					continue
				}
				mergePerson(into, p)
				for _, f := range p.Findings {
					res.Person[f] = into.ID
				}
				res.People = slices.DeleteFunc(res.People, func(q *resolve.Person) bool { return q == p })
				delete(byID, id)
				merged = true
			}
			if merged {
				into.Reasons = append(into.Reasons, "merged by the investigator")
				applied++
			}
		case VerbCategory:
			if byID[o.Args[0]] != nil {
				categories[o.Args[0]] = o.Args[1]
				applied++
			}
		}
	}
	return categories, applied
}

func mergePerson(into, p *resolve.Person) {
	union := func(a, b []string) []string {
		for _, v := range b {
			if !slices.Contains(a, v) {
				a = append(a, v)
			}
		}
		return a
	}
	into.Names = union(into.Names, p.Names)
	into.Keys = union(into.Keys, p.Keys)
	into.Emails = union(into.Emails, p.Emails)
	into.Phones = union(into.Phones, p.Phones)
	into.Companies = union(into.Companies, p.Companies)
	into.Findings = append(into.Findings, p.Findings...)
	into.Messages = union(into.Messages, p.Messages)
	into.MessageIDs = union(into.MessageIDs, p.MessageIDs)
	into.Sent = union(into.Sent, p.Sent)
	into.SentText = append(into.SentText, p.SentText...)
	into.Reasons = union(into.Reasons, p.Reasons)
	items := map[string]bool{}
	for _, it := range append(into.Items, p.Items...) {
		items[it] = true
	}
	into.Items = into.Items[:0]
	for _, t := range pii.Names() {
		if items[t] {
			into.Items = append(into.Items, t)
		}
	}
	if p.First != "" && (into.First == "" || p.First < into.First) {
		into.First = p.First
	}
	if p.Last > into.Last {
		into.Last = p.Last
	}
	into.NameOnly = into.NameOnly && p.NameOnly
}
