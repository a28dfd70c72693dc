package imapsrc

import (
	"context"
	"errors"
	"path/filepath"
	"time"

	"github.com/mailsift/mailsift/scanner/source"
)

// EvidenceSource reads the evidence directory a Pull wrote, as
// scanner/source reads any Maildir tree (so a later offline scan of the
// directory gives the same folders and hashes), named name (the IMAP URL),
// and without notes about Pull's own files (the log, tmp/).
func EvidenceSource(dir, name string, opts source.Options) (source.Source, error) {
	s, err := source.Open(dir, opts)
	if err != nil {
		return nil, err
	}
	return &evidenceSource{Source: s, name: name, dir: dir}, nil
}

type evidenceSource struct {
	source.Source
	name, dir string
}

func (s *evidenceSource) Name() string { return s.name }

func (s *evidenceSource) Messages(ctx context.Context, yield func(*source.Message, error) error) error {
	own := map[string]bool{
		filepath.Join(s.dir, LogFile):    true,
		filepath.Join(s.dir, stagingDir): true,
	}
	// The server's INTERNALDATE of each stored file, for --since and
	// --before: the acquisition log has it (the last record of a file
	// counts). A log that cannot be read leaves the Date header alone.
	delivered := map[string]time.Time{}
	if recs, err := ReadLog(s.dir); err == nil {
		for _, r := range recs {
			if r.Type != "message" || r.File == "" || r.InternalDate == "" {
				continue
			}
			if t, err := time.Parse(time.RFC3339, r.InternalDate); err == nil {
				delivered[filepath.Clean(r.File)] = t
			}
		}
	}
	return s.Source.Messages(ctx, func(m *source.Message, err error) error {
		var sk *source.Skipped
		if errors.As(err, &sk) && own[filepath.Clean(sk.Path)] {
			return nil
		}
		if m != nil {
			if rel, rerr := filepath.Rel(s.dir, m.Path); rerr == nil {
				m.Delivered = delivered[rel]
			}
		}
		return yield(m, err)
	})
}
