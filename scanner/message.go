package scanner

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/ppap"
	"github.com/mailsift/mailsift/scanner/source"
	"github.com/mailsift/mailsift/store"
)

type result struct {
	dup        bool
	outOfRange bool
	entry      store.Entry
	errs       []string        // every problem, for the log and the manifest
	bad        map[string]bool // the parts (or "message") they concern
	attach     int
	// The JSON lines of the findings and the entry, encoded by the worker
	// as findings are made (a part with a huge number of hits never exists
	// as structs all at once), so the committer, a serial stage, only
	// writes bytes.
	nFindings    int
	findingLines [][]byte // chunks of about lineChunk bytes
	unlocked     int      // encrypted attachments opened with --zip-passwords
	entryLine    []byte

	// base is what every finding of the message carries.
	base store.Finding
	// The texts detected, with their hits, until the message is read:
	// findings are made at the end (finish), when every value the message
	// holds is known, so that none shows raw in another's context.
	pend     []pending
	nPending int    // hits in pend, for the limit per message
	kv       known  // the values of the message
	subject  string // as decoded; masked into the entry by finish
	// names are the attachment names, locations and problems to run the
	// detector over for values to mask (an attachment named after a
	// passport number), once each.
	names   []string
	nameSet map[string]bool
}

// pending is one text's hits waiting for finish. The text is the parsed
// message's own, alive until the message is done anyway.
type pending struct {
	text, loc, part string
	passwordFrom    string
	hits            []Hit
}

// size is about how many bytes the result holds until it is committed.
func (r *result) size() int64 {
	n := int64(len(r.entryLine))
	for _, l := range r.findingLines {
		n += int64(cap(l))
	}
	return n
}

// fail records a problem with a part (or "message").
func (r *result) fail(part, problem string) {
	r.errs = append(r.errs, problem)
	if r.bad == nil {
		r.bad = map[string]bool{}
	}
	r.bad[part] = true
}

// lineChunk is the size of the buffers findings are encoded into: a chunk
// list grows without the copies (and 2x peaks) of one growing buffer.
const lineChunk = 1 << 20

// addFindings encodes fs into the result's JSON lines.
func (r *result) addFindings(fs []store.Finding) {
	for i := range fs {
		n := len(r.findingLines)
		if n == 0 || len(r.findingLines[n-1]) > lineChunk-4096 {
			r.findingLines = append(r.findingLines, make([]byte, 0, min(lineChunk, 1024*(len(fs)-i)+4096)))
			n++
		}
		line, err := store.AppendFinding(r.findingLines[n-1], &fs[i])
		if err != nil {
			// Only a NaN or infinite confidence fails, which the detector
			// runner rejects; say so rather than lose it silently.
			r.fail(fs[i].Part, fmt.Sprintf("finding %s at %s: %v: not recorded", fs[i].Type, fs[i].Location, err))
			continue
		}
		r.findingLines[n-1] = line
		r.nFindings++
	}
}

// errMessageTimeout is the cause of a message's context when its time
// (Options.MessageTimeout) is up, as opposed to the scan's cancellation.
var errMessageTimeout = errors.New("message timed out")

// timedOut is the problem recorded for a message whose time ran out.
const timedOut = "message timed out: detection incomplete"

// guard runs fn for one message under the per-message deadline and returns
// what fn panicked with, or nil: one hostile message must not stop the
// scan. Both the scan and the PPAP pass read messages through it.
func guard(ctx context.Context, timeout time.Duration, fn func(ctx context.Context)) (panicked any) {
	defer func() { panicked = recover() }()
	ctx, cancel := context.WithTimeoutCause(ctx, timeout, errMessageTimeout)
	defer cancel()
	fn(ctx)
	return nil
}

// internalError is the problem recorded for a panic.
func internalError(p any) string {
	return fmt.Sprintf("internal error decoding message (please report): %v", p)
}

// processSafely is process under guard; a panic is the message's error.
func processSafely(ctx context.Context, c *store.Case, det Detector, m *source.Message, opts Options) *result {
	var r *result
	if p := guard(ctx, opts.MessageTimeout, func(ctx context.Context) { r = process(ctx, c, det, m, opts) }); p != nil {
		r = baseResult(m)
		r.fail("message", internalError(p))
		r.entry.Errors, r.entry.ErrorParts = r.errs, len(r.bad)
	}
	return r
}

func baseResult(m *source.Message) *result {
	return &result{entry: store.Entry{
		Kind:          store.KindMessage,
		MessageSHA256: hex.EncodeToString(m.CanonicalSHA256[:]),
		RawSHA256:     hex.EncodeToString(m.RawSHA256[:]),
		SourceKind:    m.Kind,
		Source:        m.Folder,
		Path:          m.Path,
		Offset:        m.Offset,
		Index:         m.Index,
		Size:          m.Size,
		Truncated:     m.Truncated,
		ScannedAt:     time.Now().UTC().Format(time.RFC3339),
	}}
}

// process decodes one message and runs the detectors over its texts.
func process(ctx context.Context, c *store.Case, det Detector, m *source.Message, opts Options) *result {
	r := baseResult(m)
	if c.Known(m.CanonicalSHA256) {
		r.dup = true
		return r
	}
	msg := extract.Parse(m.Data, opts.Extract)
	if !msg.Date.IsZero() {
		r.entry.Date = msg.Date.Format(time.RFC3339)
	}
	if !m.Delivered.IsZero() {
		r.entry.Delivered = m.Delivered.UTC().Format(time.RFC3339)
	}
	// --since/--before test the server's delivery time when the source
	// has one (IMAP INTERNALDATE, PST delivery time: the sender cannot
	// forge it, and a message without a Date header has it), else the
	// Date header; a message with neither is kept.
	when := m.Delivered
	if when.IsZero() {
		when = msg.Date
	}
	if !when.IsZero() && ((!opts.Since.IsZero() && when.Before(opts.Since)) || (!opts.Before.IsZero() && !when.Before(opts.Before))) {
		r.outOfRange = true
		return r
	}
	r.entry.DateRaw = msg.DateRaw
	r.entry.MessageID = msg.MessageID
	if len(msg.From) > 0 {
		r.entry.From = msg.From[0].Addr
	}
	r.entry.To = addrs(msg.To)
	r.entry.Cc = addrs(msg.Cc)
	r.subject = msg.Subject
	if m.Truncated {
		r.fail("message", fmt.Sprintf("message of %d bytes cut to %d bytes: the rest was hashed but not decoded", m.Size, len(m.Data)))
	}
	for _, e := range msg.Errors {
		r.fail(partName(e.Part), "part "+partName(e.Part)+": "+e.Err.Error())
		r.noteLocation(e.Location)
	}
	for _, p := range msg.Parts {
		if p.Attachment {
			r.attach++
		}
		r.noteName(p.Filename)
		r.noteLocation(p.Location)
		r.entry.Parts = append(r.entry.Parts, store.PartEntry{
			Path: p.Path, Location: p.Location, ContentType: p.ContentType, Charset: p.Charset,
			Decoded: p.Decoded, Encoding: p.Encoding, Filename: p.Filename, Size: p.Size,
			Status: p.Status, Errors: p.Errors,
		})
	}
	r.base = store.Finding{
		MessageID:     msg.MessageID,
		MessageSHA256: r.entry.MessageSHA256,
		Source:        m.Folder,
		Date:          r.entry.Date,
	}
	for _, f := range msg.Fields {
		r.detect(ctx, det, Input{Text: f.Text, Field: f.Location}, cmp.Or(f.Part, "header"), "", opts.MaxFindings)
	}
	var ext *extract.Extraction
	if len(opts.Extractors) > 0 {
		ext = extract.Attachments(ctx, msg.Parts, opts.Extractors, extract.Env{Limits: opts.Limits, Passwords: opts.Passwords}, nil)
		for _, e := range ext.Problems {
			r.fail(partName(e.Part), "part "+partName(e.Part)+" ("+e.Location+"): "+e.Err.Error())
			r.noteLocation(e.Location)
		}
		for _, l := range ext.Locked {
			// Raw: the PPAP pass finds the container by it.
			r.entry.Locked = append(r.entry.Locked, store.Locked{Part: l.Part, Location: l.Location})
		}
		r.unlocked = len(ext.Unlocked)
	}
	for _, p := range msg.Parts {
		if ctx.Err() != nil {
			r.fail("message", timedOut)
			break
		}
		if ext != nil && ext.Consumed[p.Path] {
			continue // read as a table: its cells are segments below
		}
		r.detect(ctx, det, Input{Text: p.Text, Field: p.Location}, p.Path, "", opts.MaxFindings)
	}
	if ext != nil {
		for _, seg := range ext.Segments {
			if ctx.Err() != nil {
				r.fail("message", timedOut)
				break
			}
			r.detect(ctx, det, segmentInput(seg), seg.Part, "", opts.MaxFindings)
		}
		if opts.Images != nil {
			r.images(ctx, opts.Images, "", msg, ext, opts.MaxFindings)
		}
	}
	r.finish(ctx, det)
	for i := range r.entry.Parts {
		for j, e := range r.entry.Parts[i].Errors {
			r.entry.Parts[i].Errors[j] = r.kv.mask(e)
		}
	}
	r.notePPAP(msg)
	r.entry.Errors, r.entry.ErrorParts = r.errs, len(r.bad)
	r.entry.Findings = r.nFindings
	r.entryLine = store.AppendEntry(make([]byte, 0, 512+256*len(r.entry.Parts)), &r.entry)
	return r
}

// segmentInput is what the detectors get of an attachment's text.
func segmentInput(s extract.Segment) Input {
	return Input{Text: s.Text, Field: s.Location, Column: s.Column, OCR: s.OCR}
}

// detect runs the detectors on one text of part and records their hits;
// passwordFrom is that of the findings (see store.Finding).
func (r *result) detect(ctx context.Context, det Detector, in Input, part, passwordFrom string, limit int) {
	if in.Text == "" {
		return
	}
	hits, err := det.Detect(ctx, in)
	if err != nil {
		r.fail(partName(part), "detect "+partName(part)+": "+err.Error())
	}
	r.record(in.Text, in.Field, part, passwordFrom, hits, limit)
}

// learn runs the detectors on a text of the message only for the values
// it holds: no findings (the PPAP pass reads again what the scan recorded).
func (r *result) learn(ctx context.Context, det Detector, in Input) {
	if in.Text == "" || ctx.Err() != nil {
		return
	}
	hits, _ := det.Detect(ctx, in)
	r.kv.addHits(in.Text, hits)
}

// record keeps the hits in text for finish, which makes them findings.
func (r *result) record(text, loc, part, passwordFrom string, hits []Hit, limit int) {
	if room := limit - r.nPending; len(hits) > room {
		r.fail(partName(part), fmt.Sprintf("part %s: %d findings over the limit of %d per message: not recorded (raise --max-findings)", partName(part), len(hits)-max(room, 0), limit))
		hits = slices.Clone(hits[:max(room, 0)]) // let the rest go
	}
	if len(hits) == 0 {
		return
	}
	r.nPending += len(hits)
	r.kv.addHits(text, hits)
	r.noteLocation(loc)
	r.pend = append(r.pend, pending{text: text, loc: loc, part: part, passwordFrom: passwordFrom, hits: hits})
}

// nameField is the Input.Field of the attachment names, locations and
// problems the detectors are run over for values to mask (finish): what
// they find there is masked in the message's locations, contexts and
// problems, and recorded as no finding.
const nameField = "attachment-name"

// namesTimeout bounds the detection in names, which goes on when the
// message's own time is up: its locations and problems are masked all the
// same. Cancelling the scan stops it.
const namesTimeout = 10 * time.Second

// noteName adds s to the names finish runs the detector over.
func (r *result) noteName(s string) {
	if s == "" || r.nameSet[s] {
		return
	}
	if r.nameSet == nil {
		r.nameSet = map[string]bool{}
	}
	r.nameSet[s] = true
	r.names = append(r.names, s)
}

// noteLocation adds the names in an attachment's location: the location
// without "attachment:" and without a cell reference (a sheet of 100,000
// cells is one name).
func (r *result) noteLocation(loc string) {
	name, ok := strings.CutPrefix(loc, "attachment:")
	if !ok {
		return // "body", "header:From": no name
	}
	if i := strings.LastIndexByte(name, '#'); i >= 0 {
		suffix := name[i+1:]
		j := strings.LastIndexByte(suffix, '!')
		if isCellRef(suffix[j+1:]) {
			if j >= 0 {
				name = name[:i+1+j]
			} else {
				name = name[:i]
			}
		}
	}
	r.noteName(name)
}

// isCellRef reports whether s is a spreadsheet cell reference ("B2",
// "AA100").
func isCellRef(s string) bool {
	i := 0
	for i < len(s) && i < 3 && 'A' <= s[i] && s[i] <= 'Z' {
		i++
	}
	if i == 0 || i == len(s) || len(s)-i > 7 {
		return false
	}
	for _, c := range []byte(s[i:]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// finish makes the findings of the texts recorded, in the order they were
// recorded, now that every value the message holds is known: the values
// of its texts, and those the detector finds in its names and problems.
// Contexts, locations and the problems are masked with them. Findings are
// made and encoded a slice of hits at a time, and each text's hits let go
// once done: memory stays bounded by the lines, not by structs for every
// hit.
func (r *result) finish(ctx context.Context, det Detector) {
	for _, e := range r.errs {
		r.noteName(e)
	}
	if len(r.names) > 0 {
		nctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), namesTimeout)
		stop := context.AfterFunc(ctx, func() {
			if context.Cause(ctx) != errMessageTimeout {
				cancel()
			}
		})
		for _, n := range r.names {
			if nctx.Err() != nil {
				break
			}
			hits, _ := det.Detect(nctx, Input{Text: n, Field: nameField})
			r.kv.addHits(n, hits)
		}
		stop()
		cancel()
	}
	for i := range r.pend {
		p := &r.pend[i]
		base := r.base
		base.PasswordFrom = p.passwordFrom
		spans := mergeHits(p.hits)
		for lo := 0; lo < len(p.hits); lo += 4096 {
			r.addFindings(toFindings(base, p.text, p.loc, p.part, p.hits, spans, &r.kv, lo, min(lo+4096, len(p.hits))))
		}
		*p = pending{}
	}
	r.pend = nil
	for i, e := range r.errs {
		r.errs[i] = r.kv.mask(e)
	}
	if r.subject != "" {
		r.entry.Subject = r.kv.mask(r.subject)
	}
}

// addrs returns the addresses of list, at most store.MaxRecipients.
func addrs(list []extract.Address) []string {
	var out []string
	for _, a := range list {
		if len(out) == store.MaxRecipients {
			break
		}
		if a.Addr != "" {
			out = append(out, a.Addr)
		}
	}
	return out
}

// images runs the image detector once per distinct picture, with the
// message's text and the picture's OCR text as context.
func (r *result) images(ctx context.Context, det ImageDetector, passwordFrom string, msg *extract.Message, ext *extract.Extraction, limit int) {
	if len(ext.Images) == 0 {
		return // most messages: no context text to build
	}
	var around strings.Builder
	around.WriteString(msg.Subject)
	for _, p := range msg.Parts {
		if p.Status == extract.StatusText && !p.Attachment && around.Len() < 4096 {
			around.WriteString("\n")
			around.WriteString(p.Text[:min(len(p.Text), 4096)])
		}
	}
	text := strings.ToValidUTF8(around.String()[:min(around.Len(), 8192)], "")
	seen := map[[32]byte]bool{}
	for _, f := range ext.Images {
		h := sha256.Sum256(f.Data)
		if seen[h] || ctx.Err() != nil {
			continue
		}
		seen[h] = true
		var ocr strings.Builder
		for _, s := range ext.Segments {
			if s.OCR && strings.HasPrefix(s.Location, f.Location+"#") {
				ocr.WriteString(s.Text)
			}
		}
		part := f.Part
		hits, err := det.DetectImage(ctx, Image{Location: f.Location, Name: f.Name, ContentType: f.ContentType, Data: f.Data, Text: text, OCR: ocr.String(), Pixels: f.Pixels})
		if err != nil {
			r.fail(partName(part), "image "+f.Location+": "+err.Error())
			r.noteLocation(f.Location)
		}
		r.record("", f.Location, part, passwordFrom, hits, limit)
	}
}

// notePPAP records in the manifest entry what pairing encrypted
// attachments with password mail needs: password candidates in the
// message's own texts and, when there is anything to pair, its thread.
func (r *result) notePPAP(msg *extract.Message) {
	for _, p := range msg.Parts {
		if p.Status == extract.StatusText && !p.Attachment {
			for _, pw := range ppap.Passwords(p.Text) {
				if len(r.entry.PasswordCandidates) < ppap.MaxCandidates && !slices.Contains(r.entry.PasswordCandidates, pw) {
					r.entry.PasswordCandidates = append(r.entry.PasswordCandidates, pw)
				}
			}
		}
	}
	if len(r.entry.Locked) == 0 && len(r.entry.PasswordCandidates) == 0 {
		return
	}
	r.entry.InReplyTo = msg.InReplyTo
	r.entry.References = msg.References[:min(len(msg.References), 20)]
	if k := ppap.ThreadKey(msg.Subject); k != "" {
		sum := sha256.Sum256([]byte(k))
		r.entry.ThreadKey = hex.EncodeToString(sum[:8])
	}
}

func partName(p string) string {
	if p == "" {
		return "header"
	}
	return p
}
