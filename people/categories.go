package people

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/net/idna"
)

// Categories is a parsed and validated categories file: the relationship
// categories an investigator sorts people into, tried in order, and the
// default for people no rule matches.
type Categories struct {
	Path       string // the YAML file, as given to LoadCategories
	Default    string // category ID of unmatched people
	Categories []Category

	raw []byte // the YAML file as read, for Copy
}

// Category is one relationship category and the rules that put a person in
// it. A person matches if any rule matches.
type Category struct {
	ID    string // lower-case [a-z0-9_-]
	Label string // what reports print
	Line  int    // of the category in the YAML file

	PeopleFile string        // as written in the YAML file
	PeoplePath string        // PeopleFile resolved against the YAML file's directory
	People     []KnownPerson // the rows of PeopleFile

	// Domains are e-mail domains, lower-case ASCII (internationalised names
	// in punycode). "fsa.go.jp" is that domain only; "*.go.jp" is any
	// domain below go.jp, not go.jp itself.
	Domains []string

	// Keywords put in this category people who sent a message containing
	// one of them.
	Keywords []string

	peopleRaw []byte // PeoplePath as read, for Copy
}

// KnownPerson is one row of a people file. Fields the file has no column
// for, or leaves empty, are "".
type KnownPerson struct {
	Name  string // trimmed
	Email string // NFKC, lower-case
	Phone string // trimmed, as written
	Line  int    // of the row in the people file
}

// ConfigError is a problem in a categories file or a people file it names:
// which file, which line (0 when the problem is not on one) and what.
//
// Its message never quotes the file: a people file holds names, e-mail
// addresses and phone numbers, and a path given by mistake may name any
// file (/etc/shadow, a mailbox). It says where (file, line, the key, the
// column or the list item as the format names them) and what is wanted,
// and quotes only the paths the categories file names and the keys and
// columns of this format. Err, when set, quotes nothing either.
type ConfigError struct {
	File string
	Line int
	Msg  string
	Err  error // the underlying error, if any
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

func (e *ConfigError) Unwrap() error { return e.Err }

// maxFileSize bounds the YAML and people files: a categories file that names
// a mailbox or a disk image by mistake should fail, not fill the memory.
const maxFileSize = 64 << 20

// LoadCategories reads, parses and validates the categories file at path
// and the people files it names. Every problem is a *ConfigError; the first
// one found is returned.
//
// A category whose ID is the default's may have no rules: it only gives
// the default category its label. Other categories need at least one of
// people_file, domains and keywords.
func LoadCategories(path string) (*Categories, error) {
	raw, err := readLimited(path)
	if err != nil {
		return nil, &ConfigError{File: path, Msg: describe(err), Err: err}
	}
	text, err := decodeText(raw)
	if err != nil {
		return nil, &ConfigError{File: path, Msg: err.Error(), Err: err}
	}
	p := parser{file: path, dir: filepath.Dir(path)}
	c, err := p.parse(text)
	if err != nil {
		return nil, err
	}
	c.Path, c.raw = path, raw
	return c, nil
}

// Files returns the categories file and the people files it names, each
// once, as paths to open: what a case must keep a copy of.
func (c *Categories) Files() []string {
	files := []string{c.Path}
	seen := map[string]bool{c.Path: true}
	for _, cat := range c.Categories {
		if cat.PeoplePath != "" && !seen[cat.PeoplePath] {
			seen[cat.PeoplePath] = true
			files = append(files, cat.PeoplePath)
		}
	}
	return files
}

// Label returns the label of the category with this ID, or the ID itself
// when no category defines one (as for a default without a category).
func (c *Categories) Label(id string) string {
	for _, cat := range c.Categories {
		if cat.ID == id {
			return cat.Label
		}
	}
	return id
}

var (
	topKeys      = []string{"default", "categories"}
	categoryKeys = []string{"id", "label", "people_file", "domains", "keywords"}
	idPattern    = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)
	yamlLine     = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	// What yaml.v3 quotes of the file: anchor names, values, map keys.
	yamlQuoted = regexp.MustCompile("(anchor) '[^']*'|\\s*`[^`]*`|(invalid map key):.*")
)

type parser struct {
	file string // the YAML file, for messages
	dir  string // where relative people files are
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) *ConfigError {
	line := 0
	if n != nil {
		line = n.Line
	}
	return &ConfigError{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) parse(text []byte) (*Categories, error) {
	dec := yaml.NewDecoder(bytes.NewReader(text))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, p.errorf(nil, "empty file; want at least `default: ID`")
		}
		return nil, p.yamlError(err)
	}
	var more yaml.Node
	if err := dec.Decode(&more); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, p.yamlError(err)
		}
		return nil, p.errorf(&more, "a second YAML document; want one")
	}
	root := deref(&doc)
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = deref(root.Content[0])
	}
	if root.Kind != yaml.MappingNode {
		return nil, p.errorf(root, "want a mapping with default and categories")
	}

	c := &Categories{}
	var defaultNode *yaml.Node
	err := p.eachKey(root, topKeys, "", func(key string, k, v *yaml.Node) error {
		switch key {
		case "default":
			s, err := p.scalar(v, "", "default")
			if err != nil {
				return err
			}
			if !idPattern.MatchString(s) {
				return p.errorf(v, "default: want an ID of lower-case letters, digits, _ and - (at most 64)")
			}
			c.Default, defaultNode = s, v
		case "categories":
			if isNull(v) {
				return nil // no categories: everyone gets the default
			}
			if v.Kind != yaml.SequenceNode {
				return p.errorf(v, "categories: want a list of categories (- id: ...)")
			}
			for _, item := range v.Content {
				cat, err := p.category(deref(item))
				if err != nil {
					return err
				}
				c.Categories = append(c.Categories, cat)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if defaultNode == nil {
		return nil, p.errorf(root, "default is missing; want `default: ID` (the category of people no rule matches)")
	}
	seen := map[string]int{}
	for _, cat := range c.Categories {
		if line, dup := seen[cat.ID]; dup {
			return nil, &ConfigError{File: p.file, Line: cat.Line, Msg: fmt.Sprintf("category: its id is already that of the category on line %d", line)}
		}
		seen[cat.ID] = cat.Line
		if cat.ID != c.Default && cat.PeopleFile == "" && len(cat.Domains) == 0 && len(cat.Keywords) == 0 {
			return nil, &ConfigError{File: p.file, Line: cat.Line, Msg: "category: no rule; want people_file, domains or keywords"}
		}
	}
	return c, nil
}

// category parses one item of categories.
func (p *parser) category(n *yaml.Node) (Category, error) {
	cat := Category{Line: n.Line}
	if n.Kind != yaml.MappingNode {
		return cat, p.errorf(n, "category: want a mapping (id, label, people_file, domains, keywords)")
	}
	// The ID first, so that every later message can name the category.
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "id" {
			v := deref(n.Content[i+1])
			s, err := p.scalar(v, "", "id")
			if err != nil {
				return cat, err
			}
			if !idPattern.MatchString(s) {
				return cat, p.errorf(v, "category id: want lower-case letters, digits, _ and - (at most 64)")
			}
			cat.ID = s
		}
	}
	if cat.ID == "" {
		return cat, p.errorf(n, "category without id")
	}
	// Messages name the category by its line, not its id: that is
	// the file's content too.
	where := fmt.Sprintf("category on line %d: ", cat.Line)
	var peopleNode *yaml.Node
	err := p.eachKey(n, categoryKeys, where, func(key string, k, v *yaml.Node) error {
		var err error
		switch key {
		case "label":
			cat.Label, err = p.scalar(v, where, "label")
			if err == nil && strings.TrimSpace(cat.Label) == "" {
				err = p.errorf(v, "%slabel is empty", where)
			}
			cat.Label = strings.TrimSpace(cat.Label)
		case "people_file":
			cat.PeopleFile, err = p.scalar(v, where, "people_file")
			if err == nil && strings.TrimSpace(cat.PeopleFile) == "" {
				err = p.errorf(v, "%speople_file is empty", where)
			}
			peopleNode = v
		case "domains":
			cat.Domains, err = p.list(v, where, "domains", normalizeDomain)
		case "keywords":
			cat.Keywords, err = p.list(v, where, "keywords", func(s string) (string, error) {
				if s = strings.TrimSpace(s); s == "" {
					return "", errors.New("empty; want a word or phrase")
				}
				return s, nil
			})
		}
		return err
	})
	if err != nil {
		return cat, err
	}
	if cat.Label == "" {
		return cat, p.errorf(n, "category: label is missing")
	}
	if peopleNode != nil {
		if err := p.loadPeople(&cat, peopleNode, where); err != nil {
			return cat, err
		}
	}
	return cat, nil
}

// eachKey calls f for each key of mapping n, after checking that it is a
// known key and not repeated.
func (p *parser) eachKey(n *yaml.Node, known []string, where string, f func(key string, k, v *yaml.Node) error) error {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			return p.errorf(k, "%swant a key (one of %s)", where, strings.Join(known, ", "))
		}
		key := k.Value
		if !slices.Contains(known, key) {
			return p.errorf(k, "%sunknown key%s (known: %s)", where, didYouMean(key, known), strings.Join(known, ", "))
		}
		if line, dup := seen[key]; dup {
			return p.errorf(k, "%skey %q already given on line %d", where, key, line)
		}
		seen[key] = k.Line
		if err := f(key, k, v); err != nil {
			return err
		}
	}
	return nil
}

// scalar returns the text of a scalar node; null and collections are errors.
func (p *parser) scalar(v *yaml.Node, where, key string) (string, error) {
	if v.Kind != yaml.ScalarNode || isNull(v) {
		return "", p.errorf(v, "%s%s: want a string", where, key)
	}
	return v.Value, nil
}

// list returns the items of a sequence of scalars, each passed through norm.
func (p *parser) list(v *yaml.Node, where, key string, norm func(string) (string, error)) ([]string, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, p.errorf(v, "%s%s: want a list, like [\"a\", \"b\"]", where, key)
	}
	if len(v.Content) == 0 {
		return nil, p.errorf(v, "%s%s: empty list", where, key)
	}
	out := make([]string, 0, len(v.Content))
	for i, item := range v.Content {
		item = deref(item)
		s, err := p.scalar(item, where, fmt.Sprintf("%s item %d", key, i+1))
		if err != nil {
			return nil, err
		}
		n, err := norm(s)
		if err != nil {
			return nil, p.errorf(item, "%s%s item %d: %v", where, key, i+1, err)
		}
		out = append(out, n)
	}
	return out, nil
}

// loadPeople reads and parses cat's people file.
func (p *parser) loadPeople(cat *Category, n *yaml.Node, where string) error {
	path := cat.PeopleFile
	if !filepath.IsAbs(path) {
		path = filepath.Join(p.dir, path)
	}
	cat.PeoplePath = path
	fail := func(err error) error {
		return &ConfigError{File: p.file, Line: n.Line,
			Msg: fmt.Sprintf("%speople_file %q: %s", where, cat.PeopleFile, describe(err)), Err: err}
	}
	raw, err := readLimited(path)
	if err != nil {
		return fail(err)
	}
	text, err := decodeText(raw)
	if err != nil {
		return fail(err)
	}
	people, err := parsePeople(path, text)
	if err != nil {
		return err
	}
	cat.People, cat.peopleRaw = people, raw
	return nil
}

// yamlError turns a yaml parse error into a ConfigError with its line.
// The parser's messages are fixed texts ("did not find expected '-'
// indicator") but for a few that quote the file (an anchor's name:
// "unknown anchor 'x' referenced"): the quotes go, and so does err, which
// keeps them.
func (p *parser) yamlError(err error) error {
	msg := err.Error()
	clean := yamlQuoted.ReplaceAllString(msg, "$1$2")
	if clean != msg {
		err = nil
	}
	if m := yamlLine.FindStringSubmatch(clean); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &ConfigError{File: p.file, Line: line, Msg: "YAML: " + m[2], Err: err}
	}
	return &ConfigError{File: p.file, Msg: strings.Replace(clean, "yaml: ", "YAML: ", 1), Err: err}
}

// didYouMean returns "; did you mean K?" for the known key K that key
// looks like a slip of (case, - for _, a letter or two), else "". Only
// the known key is quoted, never what the file says.
func didYouMean(key string, known []string) string {
	fold := func(s string) string {
		return strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToLower(s))
	}
	for _, k := range known {
		if f := fold(key); f == fold(k) || (len(k) >= 5 && editDistance(f, fold(k)) <= 2) {
			return "; did you mean " + k + "?"
		}
	}
	return ""
}

// editDistance is the Levenshtein distance of two short strings, in bytes.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64 // not a slip
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// normalizeDomain checks a domains item and returns it lower-case, in
// ASCII: "FSA.go.jp" → "fsa.go.jp", "*.例え.jp" → "*.xn--r8jz45g.jp".
func normalizeDomain(s string) (string, error) {
	d := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(s)), ".")
	wildcard := strings.HasPrefix(d, "*.")
	if wildcard {
		d = d[2:]
	}
	const hint = "want a domain like fsa.go.jp, or *.go.jp for the domains below one"
	if d == "" || strings.ContainsAny(d, "@*/: ") {
		return "", errors.New(hint)
	}
	ascii, err := idna.Lookup.ToASCII(d)
	if err != nil {
		// idna's error quotes the label: say what is wrong without it.
		return "", fmt.Errorf("not a domain name (letters, digits and - between dots); %s", hint)
	}
	labels := strings.Split(ascii, ".")
	if !wildcard && len(labels) < 2 {
		return "", fmt.Errorf("a single label; %s (*.NAME for all the domains below NAME)", hint)
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return "", fmt.Errorf("a label (between dots) empty, longer than 63 or starting or ending with -; %s", hint)
		}
	}
	if len(ascii) > 253 {
		return "", errors.New("longer than 253 characters")
	}
	if wildcard {
		return "*." + ascii, nil
	}
	return ascii, nil
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: errors.New("is a directory")}
	}
	b, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxFileSize {
		return nil, fmt.Errorf("larger than %d MiB", maxFileSize>>20)
	}
	return b, nil
}

// describe words an error without repeating the path the message names
// already: "open: no such file or directory".
func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}

func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}
