package mailgen

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// splitMbox is a minimal mboxrd reader: it splits at envelope lines,
// undoes the quoting and turns LF back into CRLF. It returns the envelope
// lines and the messages.
func splitMbox(t *testing.T, data []byte) (envelopes []string, msgs [][]byte) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("From ")) {
		t.Fatal("mbox does not start with an envelope line")
	}
	var cur *bytes.Buffer
	flush := func() {
		if cur == nil {
			return
		}
		b := cur.Bytes()
		if !bytes.HasSuffix(b, []byte("\n\n")) {
			t.Errorf("message %d is not followed by an empty line", len(msgs)+1)
		}
		b = b[:len(b)-1] // the separator line
		msgs = append(msgs, bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")))
	}
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			t.Fatal("mbox does not end with a line feed")
		}
		line := data[:i+1]
		data = data[i+1:]
		if bytes.HasPrefix(line, []byte("From ")) {
			flush()
			envelopes = append(envelopes, string(line[:len(line)-1]))
			cur = &bytes.Buffer{}
			continue
		}
		if fromLine(line) {
			line = line[1:]
		}
		cur.Write(line)
	}
	flush()
	return envelopes, msgs
}

var envelopeRE = regexp.MustCompile(`^From (\S+) ((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 1-3]\d \d\d:\d\d:\d\d \d{4})$`)

func TestMboxRoundTrip(t *testing.T) {
	c := Generate(testOptions)
	var b bytes.Buffer
	if err := c.WriteMbox(&b); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b.Bytes(), []byte("\r")) {
		t.Error("mbox holds CR")
	}
	if !bytes.Contains(b.Bytes(), []byte("\n>From ")) || !bytes.Contains(b.Bytes(), []byte("\n>>>From ")) {
		t.Error("no quoted From lines: the corpus should exercise mboxrd quoting")
	}
	envs, msgs := splitMbox(t, b.Bytes())
	if len(msgs) != len(c.Messages) {
		t.Fatalf("split into %d messages, want %d", len(msgs), len(c.Messages))
	}
	for i, m := range c.Messages {
		if !bytes.Equal(msgs[i], m.Raw) {
			t.Errorf("%s: differs after the mbox round trip", m.Name)
		}
		sm := envelopeRE.FindStringSubmatch(envs[i])
		if sm == nil {
			t.Errorf("%s: envelope line %q", m.Name, envs[i])
			continue
		}
		if d, err := time.Parse("Mon Jan _2 15:04:05 2006", sm[2]); err != nil || !d.Equal(m.Date) {
			t.Errorf("%s: envelope date %q, want %v", m.Name, sm[2], m.Date.UTC())
		}
	}
}

// readTree returns every regular file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		b, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestMaildir(t *testing.T) {
	c := Generate(testOptions)
	dir := t.TempDir()
	if err := c.WriteMaildir(dir); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"cur", "new", "tmp", ".Sent/cur", ".Sent/new", ".Sent/tmp", ".Archive.2023/cur"} {
		if fi, err := os.Stat(filepath.Join(dir, d)); err != nil || !fi.IsDir() {
			t.Errorf("%s missing", d)
		}
	}
	files := readTree(t, dir)
	byFolder := map[string]int{}
	for i, m := range c.Messages {
		found := 0
		for path, b := range files {
			if strings.Contains(path, ".M"+strconv.Itoa(i+1)+"P1.") {
				found++
				folder := FolderInbox
				if strings.HasPrefix(path, ".") {
					folder = path[1:strings.Index(path, "/")]
				}
				if folder != m.Folder || !bytes.Equal(b, m.Raw) {
					t.Errorf("%s: %s holds the wrong message or is in the wrong folder", m.Name, path)
				}
				byFolder[folder]++
			}
		}
		if found != 1 {
			t.Errorf("%s: %d files", m.Name, found)
		}
	}
	if byFolder[FolderInbox] == 0 || byFolder[FolderSent] == 0 || byFolder[FolderArchive] == 0 {
		t.Errorf("folders: %v", byFolder)
	}
	if _, ok := files[".Sent/maildirfolder"]; !ok {
		t.Error("no maildirfolder marker")
	}
}

func TestEML(t *testing.T) {
	c := Generate(testOptions)
	dir := t.TempDir()
	if err := c.WriteEML(dir); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, dir)
	if len(files) != len(c.Messages) {
		t.Errorf("%d files for %d messages", len(files), len(c.Messages))
	}
	for _, m := range c.Messages {
		if !bytes.Equal(files[m.Folder+"/"+m.Name], m.Raw) {
			t.Errorf("%s: eml file differs", m.Name)
		}
	}
}
