package scanner

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/ppap"
	"github.com/mailsift/mailsift/scanner/source"
	"github.com/mailsift/mailsift/store"
)

// Investigator is the password_from of findings opened with a password of
// the investigator's own list (--zip-passwords).
const Investigator = "investigator"

// unlock is the PPAP pass, run by Scan after the sources: every encrypted
// attachment of the case that no password has opened yet is paired with
// the password candidates of messages of the same thread or sender within
// 7 days (ppap.Candidates) and the investigator's passwords; the message is
// read again from its source and what the container holds is scanned. Its
// findings name the message that gave the password (password_from), and a
// manifest "unlock" line makes the pass idempotent and crash-safe.
func unlock(ctx context.Context, c *store.Case, det Detector, opts Options) (PPAPSummary, error) {
	var sum PPAPSummary
	var msgs []ppap.Message
	byPath := map[string]map[string]*store.Entry{} // path → sha → entry with pending locks
	err := store.EachEntry(c.Dir, []string{`"locked":`, `"password_candidates":`}, func(e *store.Entry) error {
		if e.Kind != store.KindMessage {
			return nil
		}
		if len(e.PasswordCandidates) > 0 {
			msgs = append(msgs, pairing(e))
		}
		var pend []store.Locked
		for _, l := range e.Locked {
			if !c.Unlocked(e.MessageSHA256, l.Location) {
				pend = append(pend, l)
			}
		}
		if len(pend) > 0 {
			e.Locked = pend
			if byPath[e.Path] == nil {
				byPath[e.Path] = map[string]*store.Entry{}
			}
			byPath[e.Path][e.MessageSHA256] = e
		}
		return nil
	})
	if err != nil {
		return sum, fmt.Errorf("unlock: %w", err)
	}
	paths := make([]string, 0, len(byPath))
	for p := range byPath {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, path := range paths {
		todo := byPath[path]
		// Pair first: only messages with something to try are read again.
		cands := map[string][]ppap.Candidate{}
		for sha, e := range todo {
			cs := ppap.Candidates(pairing(e), msgs)
			for _, pw := range opts.Passwords {
				cs = append(cs, ppap.Candidate{Password: pw, From: Investigator})
			}
			if len(cs) == 0 {
				sum.Locked += len(e.Locked)
				delete(todo, sha)
				continue
			}
			cands[sha] = cs
		}
		if len(todo) == 0 {
			continue
		}
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		src, err := source.Open(path, source.Options{})
		if err != nil {
			for _, e := range todo {
				sum.Locked += len(e.Locked)
			}
			sum.Errors++
			opts.Warn("unlock: cannot read the source again", "path", path, "error", err.Error())
			continue
		}
		err = src.Messages(ctx, func(m *source.Message, err error) error {
			if err != nil {
				return nil
			}
			sha := hex.EncodeToString(m.CanonicalSHA256[:])
			e, ok := todo[sha]
			if !ok {
				return nil
			}
			delete(todo, sha)
			u, err := unlockSafely(ctx, c, det, opts, e, m, cands[sha])
			sum.Unlocked += u.Unlocked
			sum.Locked += u.Locked
			sum.Findings += u.Findings
			sum.Errors += u.Errors
			if err != nil {
				return err
			}
			if len(todo) == 0 {
				return errStopWalk
			}
			return nil
		})
		if err != nil && !errors.Is(err, errStopWalk) {
			return sum, fmt.Errorf("unlock %s: %w", path, err)
		}
		for _, e := range todo {
			sum.Locked += len(e.Locked)
			sum.Errors++
			opts.Warn("unlock: message no longer in its source", "path", path, "message_sha256", e.MessageSHA256)
		}
	}
	return sum, nil
}

var errStopWalk = errors.New("stop")

// pairing is what ppap needs of a manifest entry.
func pairing(e *store.Entry) ppap.Message {
	d, _ := time.Parse(time.RFC3339, e.Date)
	return ppap.Message{
		ID: e.MessageSHA256, MessageID: e.MessageID, InReplyTo: e.InReplyTo, References: e.References,
		From: strings.ToLower(e.From), Thread: e.ThreadKey, Date: d, Passwords: e.PasswordCandidates,
	}
}

// unlockSafely is unlockMessage under guard, like a message of the scan.
// A panic is counted and logged, and commits nothing: the containers stay
// locked.
func unlockSafely(ctx context.Context, c *store.Case, det Detector, opts Options, e *store.Entry, m *source.Message, cands []ppap.Candidate) (sum PPAPSummary, err error) {
	p := guard(ctx, opts.MessageTimeout, func(ctx context.Context) {
		sum, err = unlockMessage(ctx, c, det, opts, e, m, cands)
	})
	if p != nil {
		opts.Warn("unlock: "+internalError(p), "message", m.Where())
		return PPAPSummary{Locked: len(e.Locked), Errors: 1}, nil
	}
	return sum, err
}

// unlockMessage tries the candidates on the locked parts of one message
// and commits the findings of what they open, with its "unlock" line. Its
// problems (a timeout, findings over the limit) are those of the line.
func unlockMessage(ctx context.Context, c *store.Case, det Detector, opts Options, e *store.Entry, m *source.Message, cands []ppap.Candidate) (PPAPSummary, error) {
	msg := extract.Parse(m.Data, opts.Extract)
	only := map[string]bool{}
	for _, l := range e.Locked {
		only[l.Part] = true
	}
	before := extract.Attachments(ctx, msg.Parts, opts.Extractors, extract.Env{Limits: opts.Limits}, only)
	known := map[string]bool{}
	for _, s := range before.Segments {
		known[s.Location] = true
	}
	for _, f := range before.Images {
		known[f.Location] = true
	}
	pws := make([]string, len(cands))
	from := map[string]string{}
	for i, c := range cands {
		pws[i] = c.Password
		if _, ok := from[c.Password]; !ok {
			from[c.Password] = c.From
		}
	}
	after := extract.Attachments(ctx, msg.Parts, opts.Extractors, extract.Env{Limits: opts.Limits, Passwords: pws}, only)

	entry := *e
	entry.Kind = store.KindUnlock
	entry.Parts, entry.Errors, entry.ErrorParts = nil, nil, 0
	entry.Locked, entry.PasswordCandidates, entry.References, entry.InReplyTo, entry.ThreadKey = nil, nil, nil, "", ""
	entry.ScannedAt = time.Now().UTC().Format(time.RFC3339)
	for _, l := range e.Locked {
		if pw, ok := after.Unlocked[l.Location]; ok {
			entry.Unlocked = append(entry.Unlocked, store.Unlock{Part: l.Part, Location: l.Location, PasswordFrom: from[pw]})
		}
	}
	// Which opened container holds loc: its password's message.
	holder := func(loc string) (string, bool) {
		best := ""
		for _, u := range entry.Unlocked {
			if (loc == u.Location || strings.HasPrefix(loc, u.Location+"/") || strings.HasPrefix(loc, u.Location+"#")) && len(u.Location) > len(best) {
				best = u.Location
			}
		}
		for _, u := range entry.Unlocked {
			if u.Location == best {
				return u.PasswordFrom, true
			}
		}
		return "", false
	}
	r := baseResult(m)
	r.base = store.Finding{MessageID: msg.MessageID, MessageSHA256: e.MessageSHA256, Source: e.Source, Date: e.Date}
	for _, s := range after.Segments {
		if ctx.Err() != nil {
			break
		}
		pf, ok := holder(s.Location)
		if known[s.Location] || !ok {
			continue
		}
		r.detect(ctx, det, segmentInput(s), s.Part, pf, opts.MaxFindings)
	}
	if opts.Images != nil {
		// The new pictures, by the message that gave their password.
		fresh := map[string][]extract.File{}
		for _, f := range after.Images {
			if pf, ok := holder(f.Location); ok && !known[f.Location] {
				fresh[pf] = append(fresh[pf], f)
			}
		}
		for _, pf := range slices.Sorted(maps.Keys(fresh)) { // a stable findings file
			r.images(ctx, opts.Images, pf, msg, &extract.Extraction{Images: fresh[pf], Segments: after.Segments}, opts.MaxFindings)
		}
	}
	var problems []string
	for _, p := range after.Problems {
		if _, ok := holder(p.Location); ok {
			problems = append(problems, p.Error())
			r.noteLocation(p.Location)
			r.noteName(p.Error())
		}
	}
	if err := ctx.Err(); err != nil {
		if context.Cause(ctx) != errMessageTimeout {
			return PPAPSummary{}, err // cancelled: nothing committed, the next run tries again
		}
		r.fail("message", timedOut)
	}
	// The values the message holds beyond what was opened, which the scan
	// recorded: its header fields, parts and the rest of the container.
	for _, f := range msg.Fields {
		r.learn(ctx, det, Input{Text: f.Text, Field: f.Location})
	}
	for _, p := range msg.Parts {
		r.noteName(p.Filename)
		r.noteLocation(p.Location)
		r.learn(ctx, det, Input{Text: p.Text, Field: p.Location})
	}
	for _, s := range before.Segments {
		r.learn(ctx, det, segmentInput(s))
	}
	r.finish(ctx, det)
	for _, p := range problems {
		opts.Warn("unlock: decode problem", "message", m.Where(), "problem", r.kv.mask(p))
	}
	for _, p := range r.errs {
		opts.Warn("unlock: decode problem", "message", m.Where(), "problem", p)
	}
	sum := PPAPSummary{Unlocked: len(entry.Unlocked), Locked: len(e.Locked) - len(entry.Unlocked), Errors: len(r.bad)}
	if len(entry.Unlocked) == 0 {
		return sum, nil
	}
	entry.Errors, entry.ErrorParts = r.errs, len(r.bad)
	entry.Findings = r.nFindings
	sum.Findings = r.nFindings
	b := &store.Batch{FindingLines: r.findingLines, FindingLineCount: r.nFindings, Entries: []store.Entry{entry}}
	return sum, c.Commit(b)
}
