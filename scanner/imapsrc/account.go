package imapsrc

import (
	"context"
	"fmt"

	"github.com/mailsift/mailsift/scanner/source"
)

// Account is an IMAP mailbox to collect into a case: the options of its
// Pull, checked by the caller before anything is written.
type Account struct {
	Options
}

// Name is the account's URL, without credentials.
func (a *Account) Name() string { return a.Endpoint.String() }

// Collect pulls the account into the evidence Maildir dir (resuming an
// earlier pull there) and returns that evidence as the Source to scan, so
// that a scan of the account and a later offline scan of dir read the same
// messages. On error the Stats say how far the pull got; the Source is nil.
func (a *Account) Collect(ctx context.Context, dir string, srcOpts source.Options) (source.Source, Stats, error) {
	st, err := Pull(ctx, a.Options, dir)
	if err != nil {
		return nil, st, err
	}
	ev, err := EvidenceSource(dir, a.Name(), srcOpts)
	if err != nil {
		return nil, st, fmt.Errorf("read evidence %s: %w", dir, err)
	}
	return ev, st, nil
}
