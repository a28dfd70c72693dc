package people

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// externalDir is where Copy puts people files that live outside the
// categories file's directory.
const externalDir = "external"

// Copy writes the categories file and its people files, byte for byte as
// LoadCategories read them, into destDir (created with mode 0700, files
// 0600), so that a case keeps the categories its reports used.
//
// The categories file keeps its base name and people files their path
// relative to it (lists/customers.csv stays lists/customers.csv). A people
// file that is absolute or reaches outside with ../ cannot keep its path
// without writing outside destDir; it is copied as
// external/<category id>-<base name> instead, the copied categories file
// names it there (so the copy loads as it is) and the original categories
// file is kept beside it as <name>.orig. Nothing is written outside destDir,
// whatever the names and whatever symbolic links destDir holds.
func Copy(c *Categories, destDir string) error {
	plan, remapped := planCopy(c)
	yamlName := safeBase(filepath.Base(c.Path), "categories.yaml")
	yamlData := c.raw
	if remapped {
		var err error
		if yamlData, err = rewritePeopleFiles(c.raw, plan); err != nil {
			return fmt.Errorf("people: copy %s: %w", c.Path, err)
		}
	}

	if err := os.MkdirAll(destDir, 0o700); err != nil {
		return fmt.Errorf("people: copy: %w", err)
	}
	if err := os.Chmod(destDir, 0o700); err != nil {
		return fmt.Errorf("people: copy: %w", err)
	}
	root, err := os.OpenRoot(destDir)
	if err != nil {
		return fmt.Errorf("people: copy: %w", err)
	}
	defer root.Close()

	written := map[string]bool{}
	for _, cat := range c.Categories {
		dest, ok := plan[cat.PeopleFile]
		if !ok || written[dest] {
			continue
		}
		written[dest] = true
		if err := writeFile(root, dest, cat.peopleRaw); err != nil {
			return fmt.Errorf("people: copy %s: %w", cat.PeoplePath, err)
		}
	}
	if err := writeFile(root, yamlName, yamlData); err != nil {
		return fmt.Errorf("people: copy %s: %w", c.Path, err)
	}
	if remapped {
		if err := writeFile(root, yamlName+".orig", c.raw); err != nil {
			return fmt.Errorf("people: copy %s: %w", c.Path, err)
		}
	}
	return nil
}

// planCopy maps each people_file, as written, to its name under destDir,
// and says whether any had to move.
func planCopy(c *Categories) (plan map[string]string, remapped bool) {
	plan = map[string]string{}
	bySource := map[string]string{} // resolved path → name under destDir
	taken := map[string]bool{
		safeBase(filepath.Base(c.Path), "categories.yaml"):           true,
		safeBase(filepath.Base(c.Path), "categories.yaml") + ".orig": true,
	}
	for _, cat := range c.Categories {
		if cat.PeopleFile == "" {
			continue
		}
		if _, done := plan[cat.PeopleFile]; done {
			continue
		}
		if dest, ok := bySource[cat.PeoplePath]; ok {
			plan[cat.PeopleFile] = dest
			if dest != filepath.Clean(cat.PeopleFile) {
				remapped = true
			}
			continue
		}
		dest := filepath.Clean(cat.PeopleFile)
		if !filepath.IsLocal(dest) || taken[dest] {
			base := cat.ID + "-" + safeBase(filepath.Base(cat.PeopleFile), "people.csv")
			dest = filepath.Join(externalDir, base)
			for i := 2; taken[dest]; i++ {
				dest = filepath.Join(externalDir, strconv.Itoa(i)+"-"+base)
			}
		}
		if dest != filepath.Clean(cat.PeopleFile) {
			remapped = true
		}
		taken[dest] = true
		plan[cat.PeopleFile] = dest
		bySource[cat.PeoplePath] = dest
	}
	return plan, remapped
}

// rewritePeopleFiles returns the categories YAML with each people_file
// replaced as plan says. Comments survive; layout may not.
func rewritePeopleFiles(raw []byte, plan map[string]string) ([]byte, error) {
	text, err := decodeText(raw)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		return nil, err
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Value == "people_file" && v.Kind == yaml.ScalarNode {
					if dest, ok := plan[v.Value]; ok && filepath.ToSlash(dest) != v.Value {
						v.Value = filepath.ToSlash(dest)
						v.Style = yaml.DoubleQuotedStyle
					}
				}
			}
		}
		for _, child := range n.Content {
			walk(child)
		}
	}
	walk(&doc)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeFile(root *os.Root, name string, data []byte) error {
	if dir := filepath.Dir(name); dir != "." {
		if err := root.MkdirAll(dir, 0o700); err != nil {
			return err
		}
	}
	if err := root.WriteFile(name, data, 0o600); err != nil {
		return err
	}
	// WriteFile keeps the mode of a file that was there.
	return root.Chmod(name, 0o600)
}

// safeBase makes a file name from a base name: no separators, not hidden,
// not empty (then def).
func safeBase(base, def string) string {
	base = strings.Map(func(r rune) rune {
		switch r {
		case '/', '\\', ':', 0:
			return '_'
		}
		return r
	}, base)
	base = strings.TrimLeft(base, ".")
	if base == "" {
		return def
	}
	return base
}
