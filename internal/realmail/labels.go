package realmail

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// File names in LabelsDir.
const (
	MessagesFile = "messages.jsonl"
	LabelsFile   = "labels.jsonl"
)

// Verdicts of a label.
const (
	TP     = "tp"     // the finding is that type of personal data
	FP     = "fp"     // it is not
	Missed = "missed" // personal data the detectors did not find
)

// Modes of a sampled message.
const (
	// Full: every finding of the message is judged; one without a label
	// is unjudged.
	Full = "full"
	// Partial: the message has too many findings to judge all; only the
	// drawn ones are labelled and the others are outside the sample.
	Partial = "partial"
)

// Message is one message of the labelled sample.
type Message struct {
	Ref
	Mode string `json:"mode"`
	// Findings is how many findings it had when it was drawn.
	Findings int `json:"findings"`
	// Drawn are, in a partial message, the ids of the findings drawn.
	Drawn []string `json:"drawn,omitempty"`
}

// Label is the verdict on one finding, or one miss, of a sampled message.
// It carries no value: Hash is ValueHash of the normalized value.
type Label struct {
	SHA256   string `json:"message_sha256"`
	Path     string `json:"path"` // for people: the message's corpus path
	Part     string `json:"part"`
	Location string `json:"location"`
	Type     string `json:"type"`
	Hash     string `json:"value_sha256"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Verdict  string `json:"verdict"`
	// Reason says, for fp and missed, what the text is, in words that do
	// not quote it ("Message-ID, not a mailbox").
	Reason string `json:"reason,omitempty"`
}

// ValueHash is the first 16 hex digits of the SHA-256 of v folded (NFKC,
// lower case, no white space), so that a label names a value without
// holding it.
func ValueHash(v string) string {
	v = strings.ToLower(norm.NFKC.String(v))
	v = strings.Join(strings.Fields(v), "")
	s := sha256.Sum256([]byte(v))
	return hex.EncodeToString(s[:8])
}

// LabelOf is the label key of a finding, without a verdict.
func LabelOf(f *Finding) Label {
	return Label{
		SHA256: f.MessageSHA256, Path: f.Ref.Path, Part: f.Part, Location: f.Location,
		Type: f.Type, Hash: ValueHash(f.Value), Start: f.Start, End: f.End,
	}
}

// ReadMessages reads the sample's messages from dir.
func ReadMessages(dir string) ([]Message, error) {
	var out []Message
	err := readJSONL(filepath.Join(dir, MessagesFile), func(b []byte) error {
		var m Message
		if err := json.Unmarshal(b, &m); err != nil {
			return err
		}
		if m.SHA256 == "" || m.Path == "" || (m.Mode != Full && m.Mode != Partial) {
			return fmt.Errorf("message needs path, message_sha256 and mode full or partial")
		}
		out = append(out, m)
		return nil
	})
	return out, err
}

// ReadLabels reads the labels from dir.
func ReadLabels(dir string) ([]Label, error) {
	var out []Label
	err := readJSONL(filepath.Join(dir, LabelsFile), func(b []byte) error {
		var l Label
		if err := json.Unmarshal(b, &l); err != nil {
			return err
		}
		if err := CheckLabel(l); err != nil {
			return err
		}
		out = append(out, l)
		return nil
	})
	return out, err
}

// CheckLabel says what a label lacks: a key, a known verdict, a reason
// for fp and missed.
func CheckLabel(l Label) error {
	switch {
	case l.SHA256 == "" || l.Type == "" || len(l.Hash) != 16:
		return fmt.Errorf("label needs message_sha256, type and a 16-digit value_sha256")
	case l.Verdict != TP && l.Verdict != FP && l.Verdict != Missed:
		return fmt.Errorf("label verdict %q: want tp, fp or missed", l.Verdict)
	case l.Verdict != TP && strings.TrimSpace(l.Reason) == "":
		return fmt.Errorf("label %s %s: a %s needs a reason", l.Type, l.Hash, l.Verdict)
	}
	return nil
}

func readJSONL(path string, fn func([]byte) error) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("realmail: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		if err := fn(sc.Bytes()); err != nil {
			return fmt.Errorf("realmail: %s line %d: %w", path, n, err)
		}
	}
	return nil
}

// WriteMessages writes the sample's messages to dir, sorted by path.
func WriteMessages(dir string, ms []Message) error {
	ms = append([]Message(nil), ms...)
	sort.Slice(ms, func(i, j int) bool {
		if ms[i].Path != ms[j].Path {
			return ms[i].Path < ms[j].Path
		}
		return ms[i].Index < ms[j].Index
	})
	return writeJSONL(filepath.Join(dir, MessagesFile), len(ms), func(i int) any { return ms[i] })
}

// WriteLabels writes labels to dir, sorted by message, part, offset, type,
// so that a re-judging shows as a small diff.
func WriteLabels(dir string, ls []Label) error {
	ls = append([]Label(nil), ls...)
	sort.SliceStable(ls, func(i, j int) bool {
		a, b := ls[i], ls[j]
		switch {
		case a.Path != b.Path:
			return a.Path < b.Path
		case a.SHA256 != b.SHA256:
			return a.SHA256 < b.SHA256
		case a.Part != b.Part:
			return a.Part < b.Part
		case a.Location != b.Location:
			return a.Location < b.Location
		case a.Start != b.Start:
			return a.Start < b.Start
		case a.Type != b.Type:
			return a.Type < b.Type
		}
		return a.Hash < b.Hash
	})
	return writeJSONL(filepath.Join(dir, LabelsFile), len(ls), func(i int) any { return ls[i] })
}

func writeJSONL(path string, n int, at func(int) any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for i := range n {
		if err := enc.Encode(at(i)); err != nil {
			return fmt.Errorf("realmail: %w", err)
		}
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("realmail: %w", err)
	}
	return nil
}
