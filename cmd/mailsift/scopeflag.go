package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mailsift/mailsift/scope"
	"github.com/mailsift/mailsift/store"
)

// scopeInput is the audit-log export of scan --scope, read before the
// scan so that an unreadable file stops it before anything is written.
type scopeInput struct {
	path   string
	sha256 string
	export *scope.Export
}

// readScope parses --scope FILE; a file it cannot use is bad input.
func readScope(path string) (*scopeInput, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, usagef("--scope %s: %v", path, err)
	}
	defer f.Close()
	h := sha256.New()
	e, err := scope.Parse(io.TeeReader(f, h))
	if err != nil {
		return nil, usagef("--scope %s: %v: give a Microsoft 365 audit-log export (CSV with an AuditData column, JSON or JSON lines of MailItemsAccessed records) or a list of Message-IDs and folders, one per line", path, err)
	}
	// The hash covers the whole file, what Parse left unread included.
	if _, err := io.Copy(h, f); err != nil {
		return nil, fmt.Errorf("--scope %s: %w", path, err)
	}
	return &scopeInput{path: path, sha256: hex.EncodeToString(h.Sum(nil)), export: e}, nil
}

// scopeSummary is what scan --scope adds to the summary.
type scopeSummary struct {
	Accessed        int `json:"accessed"`         // messages of the case the export names (by Message-ID or folder)
	AccessedSynced  int `json:"accessed_synced"`  // of those, named by their folder only (Sync)
	AccessedMissing int `json:"accessed_missing"` // messages and folders it names that the case does not hold
	ScopeRecords    int `json:"scope_records"`    // records read from the export
	ScopeIgnored    int `json:"scope_ignored"`    // records of other operations
	ScopeProblems   int `json:"scope_problems"`   // records that could not be read
}

// applyScope marks every message of the case (not only this scan's) and
// writes the marks into the case.
func applyScope(ctx context.Context, caseDir string, in *scopeInput) (*scopeSummary, error) {
	var msgs []scope.Message
	if _, err := store.CommittedEach(caseDir, func(e *store.Entry) error {
		if e.Kind == store.KindMessage || e.Kind == store.KindSeen {
			msgs = append(msgs, scope.Message{SHA256: e.MessageSHA256, MessageID: e.MessageID, Folder: e.Source})
		}
		return ctx.Err()
	}); err != nil {
		return nil, fmt.Errorf("scope: read the manifest: %w", err)
	}
	marks, missing := in.export.Mark(msgs)
	e := in.export
	h := scope.Header{File: in.path, SHA256: in.sha256, Format: e.Format, Records: e.Records,
		Ignored: e.Ignored, Problems: e.Problems, Applied: time.Now().UTC().Format(time.RFC3339)}
	if err := scope.Save(caseDir, h, marks, missing); err != nil {
		return nil, err
	}
	s := &scopeSummary{AccessedMissing: len(missing), ScopeRecords: e.Records, ScopeProblems: len(e.Problems)}
	for _, n := range e.Ignored {
		s.ScopeIgnored += n
	}
	for _, m := range marks {
		switch m.Status {
		case scope.Accessed:
			s.Accessed++
		case scope.FolderSynced:
			s.Accessed++
			s.AccessedSynced++
		}
	}
	return s, nil
}
