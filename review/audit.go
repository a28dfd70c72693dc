package review

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"
	"syscall"
	"time"
)

// AuditEntry is one line of the audit log: who saw which finding's raw
// value, when, from where. It never holds the value.
type AuditEntry struct {
	Time    string `json:"time"` // RFC 3339
	Remote  string `json:"remote"`
	User    string `json:"user"`
	Action  string `json:"action"` // "reveal"
	Finding string `json:"finding"`
	Type    string `json:"type"`
}

// OpenAuditLog opens (creating it if need be) the audit log at path for
// appending, readable by its owner only.
func OpenAuditLog(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|syscall.O_NOFOLLOW, 0o600)
	if err != nil {
		return nil, fmt.Errorf("review: audit log: %w", err)
	}
	return f, nil
}

// auditLog appends entries to a writer, one JSON line each.
type auditLog struct {
	mu sync.Mutex // one line at a time: lines of two reveals never mix
	w  io.Writer
}

// write appends e and, if the writer can, syncs it to disk: a value is
// shown only once its showing is on record.
func (a *auditLog) write(e AuditEntry) error {
	line, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("review: audit entry: %w", err)
	}
	line = append(line, '\n')
	a.mu.Lock()
	defer a.mu.Unlock()
	// One Write per line: with O_APPEND the line lands whole at the end.
	n, err := a.w.Write(line)
	if err == nil && n < len(line) {
		err = io.ErrShortWrite
	}
	if err != nil {
		return fmt.Errorf("review: audit log: %w", err)
	}
	if s, ok := a.w.(interface{ Sync() error }); ok {
		if err := s.Sync(); err != nil {
			return fmt.Errorf("review: audit log sync: %w", err)
		}
	}
	return nil
}

// auditTime formats t for the log.
func auditTime(t time.Time) string { return t.Format(time.RFC3339) }
