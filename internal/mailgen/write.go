package mailgen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Layout of the bundle written by WriteBundle, relative to its directory.
const (
	BundleMbox    = "mbox/sample.mbox"
	BundleMaildir = "maildir"
	BundleEML     = "eml"
	BundleLabels  = "labels.jsonl"
)

// WriteMbox writes the corpus as one mboxrd file: for each message an
// envelope line "From ADDR Mon Jan _2 15:04:05 2006" (UTC), the message
// with LF line endings and every line matching ^>*From quoted with one
// more '>', and an empty line.
func (c *Corpus) WriteMbox(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, m := range c.Messages {
		fmt.Fprintf(bw, "From %s %s\n", envelopeSender(m.Expect.FromAddr), m.Date.UTC().Format("Mon Jan _2 15:04:05 2006"))
		lf := bytes.ReplaceAll(m.Raw, []byte("\r\n"), []byte("\n"))
		for len(lf) > 0 {
			i := bytes.IndexByte(lf, '\n')
			line := lf[:i+1]
			lf = lf[i+1:]
			if fromLine(line) {
				bw.WriteByte('>')
			}
			bw.Write(line)
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// fromLine reports whether line matches ^>*From  and so needs quoting.
func fromLine(line []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(line, ">"), []byte("From "))
}

// envelopeSender is the address of the mbox envelope line; MAILER-DAEMON
// when the From address is missing or not a plain address.
func envelopeSender(a string) string {
	if a == "" || strings.ContainsAny(a, " \t\"<>") {
		return "MAILER-DAEMON"
	}
	return a
}

// maildirFolder maps a folder to its Maildir++ directory: INBOX is the
// root, other folders are ".Folder".
func maildirFolder(folder string) string {
	if folder == FolderInbox {
		return "."
	}
	return "." + folder
}

// WriteMaildir writes the corpus as a Maildir++ tree under dir: INBOX in
// dir/{cur,new,tmp}, other folders in dir/.Folder/{cur,new,tmp} with a
// maildirfolder marker. Every fifth INBOX message is unread and lies in
// new/; the others are in cur/ with the seen flag. File names are
// deterministic: "<unix date>.M<n>P1.mailgen" (plus ":2,S" in cur/).
func (c *Corpus) WriteMaildir(dir string) error {
	made := map[string]bool{}
	for i, m := range c.Messages {
		fd := filepath.Join(dir, maildirFolder(m.Folder))
		if !made[fd] {
			for _, sub := range []string{"cur", "new", "tmp"} {
				if err := os.MkdirAll(filepath.Join(fd, sub), 0o755); err != nil {
					return fmt.Errorf("mailgen: maildir: %w", err)
				}
			}
			if m.Folder != FolderInbox {
				if err := os.WriteFile(filepath.Join(fd, "maildirfolder"), nil, 0o644); err != nil {
					return fmt.Errorf("mailgen: maildir: %w", err)
				}
			}
			made[fd] = true
		}
		name := fmt.Sprintf("%d.M%dP1.mailgen", m.Date.Unix(), i+1)
		path := filepath.Join(fd, "cur", name+":2,S")
		if m.Folder == FolderInbox && (i+1)%5 == 0 {
			path = filepath.Join(fd, "new", name)
		}
		if err := os.WriteFile(path, m.Raw, 0o644); err != nil {
			return fmt.Errorf("mailgen: maildir: %w", err)
		}
	}
	return nil
}

// WriteEML writes one file per message at dir/<Folder>/<Name>, holding Raw
// exactly.
func (c *Corpus) WriteEML(dir string) error {
	for _, m := range c.Messages {
		fd := filepath.Join(dir, m.Folder)
		if err := os.MkdirAll(fd, 0o755); err != nil {
			return fmt.Errorf("mailgen: eml: %w", err)
		}
		if err := os.WriteFile(filepath.Join(fd, m.Name), m.Raw, 0o644); err != nil {
			return fmt.Errorf("mailgen: eml: %w", err)
		}
	}
	return nil
}

// LabelRecord is one line of labels.jsonl: a message's name and folder and
// what is expected of it.
type LabelRecord struct {
	Name   string `json:"name"`
	Folder string `json:"folder"`
	Expect
}

// WriteLabels writes one LabelRecord per message as JSON lines.
func (c *Corpus) WriteLabels(w io.Writer) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, m := range c.Messages {
		if err := enc.Encode(LabelRecord{Name: m.Name, Folder: m.Folder, Expect: m.Expect}); err != nil {
			return fmt.Errorf("mailgen: labels: %w", err)
		}
	}
	return bw.Flush()
}

// WriteBundle writes the corpus in every form under dir: BundleMbox,
// BundleMaildir, BundleEML and BundleLabels. It refuses to write into a
// dir that already holds any of them, so that no stale file survives.
func (c *Corpus) WriteBundle(dir string) error {
	for _, p := range []string{filepath.Dir(BundleMbox), BundleMaildir, BundleEML, BundleLabels} {
		if _, err := os.Lstat(filepath.Join(dir, p)); err == nil {
			return fmt.Errorf("mailgen: %s already exists", filepath.Join(dir, p))
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(BundleMbox)), 0o755); err != nil {
		return fmt.Errorf("mailgen: %w", err)
	}
	if err := writeFile(filepath.Join(dir, BundleMbox), c.WriteMbox); err != nil {
		return err
	}
	if err := c.WriteMaildir(filepath.Join(dir, BundleMaildir)); err != nil {
		return err
	}
	if err := c.WriteEML(filepath.Join(dir, BundleEML)); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, BundleLabels), c.WriteLabels)
}

// RemoveBundle removes what WriteBundle writes under dir, and nothing else.
func RemoveBundle(dir string) error {
	for _, p := range []string{filepath.Dir(BundleMbox), BundleMaildir, BundleEML, BundleLabels} {
		if err := os.RemoveAll(filepath.Join(dir, p)); err != nil {
			return fmt.Errorf("mailgen: %w", err)
		}
	}
	return nil
}

// writeFile creates path and fills it with write.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("mailgen: %w", err)
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("mailgen: %w", err)
	}
	return nil
}
