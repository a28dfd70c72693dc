package scope

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/mailsift/mailsift/store"
)

// Header is the first line of a case's AccessedFile: which export the
// marks come from, so the report can name it and anyone can check it.
type Header struct {
	Kind    string         `json:"kind"` // "scope"
	File    string         `json:"file"` // the export as given to scan --scope
	SHA256  string         `json:"sha256"`
	Format  string         `json:"format"`
	Records int            `json:"records"`
	Ignored map[string]int `json:"ignored,omitempty"`
	// Problems are the records that could not be read.
	Problems []string `json:"problems,omitempty"`
	Applied  string   `json:"applied"` // when the marks were made (RFC 3339)
	// Counts of the case's messages by status, and of the accesses
	// naming what the case does not hold.
	Accessed     int `json:"accessed"`
	FolderSynced int `json:"folder_synced"`
	NotAccessed  int `json:"not_accessed"`
	Missing      int `json:"missing"`
}

// Case is what a case records about the attacker's access.
type Case struct {
	Header  Header
	Marks   map[string]Mark // by message_sha256; accessed and folder-synced only
	Missing []Access
}

// Read reports whether the message was accessed (or its folder synced).
func (c *Case) Read(messageSHA256 string) bool {
	_, ok := c.Marks[messageSHA256]
	return ok
}

type line struct {
	Kind string `json:"kind"`
	Mark
	Access
}

// Save writes the marks into the case (store.AccessedFile), replacing
// what an earlier scan --scope wrote. Messages not accessed are not
// listed: they are the case's other messages.
func Save(dir string, h Header, marks []Mark, missing []Access) error {
	h.Kind = "scope"
	h.Accessed, h.FolderSynced, h.NotAccessed, h.Missing = 0, 0, 0, len(missing)
	for _, m := range marks {
		switch m.Status {
		case Accessed:
			h.Accessed++
		case FolderSynced:
			h.FolderSynced++
		default:
			h.NotAccessed++
		}
	}
	return store.WriteFile(dir, store.AccessedFile, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		if err := enc.Encode(h); err != nil {
			return err
		}
		for _, m := range marks {
			if m.Status == NotAccessed {
				continue
			}
			if err := enc.Encode(struct {
				Kind string `json:"kind"`
				Mark
			}{"message", m}); err != nil {
				return err
			}
		}
		for _, a := range missing {
			if err := enc.Encode(struct {
				Kind string `json:"kind"`
				Access
			}{"missing", a}); err != nil {
				return err
			}
		}
		return nil
	})
}

// ErrNoScope is returned by Load for a case no scan --scope marked.
var ErrNoScope = errors.New("the case records no scope: run scan --scope FILE with the audit-log export")

// Load reads a case's AccessedFile.
func Load(dir string) (*Case, error) {
	f, err := store.OpenFile(dir, store.AccessedFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("case %s: %w", dir, ErrNoScope)
	}
	if err != nil {
		return nil, fmt.Errorf("case %s: %w", dir, err)
	}
	defer f.Close()
	c := &Case{Marks: map[string]Mark{}}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 4<<20)
	for n := 1; sc.Scan(); n++ {
		if n == 1 {
			if err := json.Unmarshal(sc.Bytes(), &c.Header); err != nil || c.Header.Kind != "scope" {
				return nil, fmt.Errorf("%s line 1: not a scope header", store.AccessedFile)
			}
			continue
		}
		var l line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", store.AccessedFile, n, err)
		}
		switch l.Kind {
		case "message":
			c.Marks[l.MessageSHA256] = l.Mark
		case "missing":
			c.Missing = append(c.Missing, l.Access)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", store.AccessedFile, err)
	}
	return c, nil
}
