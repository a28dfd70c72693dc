package scanner

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/ppap"
	"github.com/mailsift/mailsift/scanner/source"
	"github.com/mailsift/mailsift/store"
)

// job is one item from a source, numbered in source order.
type job struct {
	seq  int
	msg  *source.Message
	err  error
	done chan struct{} // closed when the result is ready
	res  *result
	held int64 // bytes counted in the window: the message's, then the result's
}

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
}

// Scan reads every source into the case. It returns the summary so far
// together with ctx.Err() when cancelled: everything committed is
// consistent and a re-run resumes.
func Scan(ctx context.Context, c *store.Case, det Detector, sources []source.Source, opts Options) (Summary, error) {
	start := time.Now()
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.FlushEvery <= 0 {
		opts.FlushEvery = 256
	}
	if opts.MessageTimeout <= 0 {
		opts.MessageTimeout = 2 * time.Minute
	}
	if opts.Warn == nil {
		opts.Warn = func(string, ...any) {}
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// Results are committed in source order, so one slow message (OCR of
	// a page of ID scans takes seconds) holds back every message after it.
	// A deep window lets the other workers go on meanwhile; held bytes, not
	// the number of messages, bound its memory (see inflight).
	window := opts.Workers * windowPerWorker
	ordered := make(chan *job, window)
	work := make(chan *job, window)
	held := newInflight(opts.WindowBytes)

	var produceErr error
	go func() {
		defer close(ordered)
		defer close(work)
		seq := 0
		for _, s := range sources {
			err := s.Messages(ctx, func(m *source.Message, err error) error {
				j := &job{seq: seq, msg: m, err: err, done: make(chan struct{})}
				seq++
				if m != nil {
					j.held = int64(len(m.Data))
					if err := held.wait(ctx, j.held); err != nil {
						return err
					}
				}
				select {
				case ordered <- j:
				case <-ctx.Done():
					return ctx.Err()
				}
				if err != nil {
					close(j.done)
					return nil
				}
				select {
				case work <- j:
				case <-ctx.Done():
					return ctx.Err()
				}
				return nil
			})
			if err != nil {
				produceErr = fmt.Errorf("read %s: %w", s.Name(), err)
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				if ctx.Err() == nil {
					j.res = processSafely(ctx, c, det, j.msg, opts)
					// The committer needs the message's metadata only:
					// hold the result's bytes instead of its content.
					j.msg.Data = nil
					n := j.res.size()
					held.add(n - j.held)
					j.held = n
				}
				close(j.done)
			}
		}()
	}

	sum, err := commit(ctx, c, ordered, held, opts)
	cancel()
	wg.Wait()
	sum.Seconds = time.Since(start).Seconds()
	// The producer closes `ordered` after setting produceErr, and commit
	// returns only after that close (or on cancellation).
	if err == nil && produceErr != nil {
		err = produceErr
	}
	if err == nil {
		// Cancelled while the last results were committed: say so, even
		// if every message made it (the commit loop may see both).
		err = parent.Err()
	}
	return sum, err
}

// commit takes results in source order and makes them durable in batches.
func commit(ctx context.Context, c *store.Case, ordered <-chan *job, held *inflight, opts Options) (Summary, error) {
	var sum Summary
	var batch store.Batch
	pending := 0
	lastFlush := time.Now()
	flush := func() error {
		if len(batch.Entries) == 0 && len(batch.Findings) == 0 {
			return nil
		}
		if err := c.Commit(&batch); err != nil {
			return err
		}
		clear(batch.Entries)
		clear(batch.EntryLines)
		clear(batch.FindingLines) // let the written chunks go
		batch = store.Batch{Entries: batch.Entries[:0], EntryLines: batch.EntryLines[:0], FindingLines: batch.FindingLines[:0]}
		pending = 0
		lastFlush = time.Now()
		return nil
	}
	for j := range ordered {
		select {
		case <-j.done:
		case <-ctx.Done():
			// Flush what is complete; the rest is re-read on the next run.
			return sum, errors.Join(flush(), ctx.Err())
		}
		held.add(-j.held)
		if j.err != nil {
			var sk *source.Skipped
			if errors.As(j.err, &sk) {
				sum.SkippedFiles++
				opts.Warn("skipped: not mail", "path", sk.Path, "reason", sk.Reason)
				continue
			}
			if errors.Is(j.err, context.Canceled) {
				continue
			}
			sum.Errors++
			opts.Warn("unreadable message", "error", j.err.Error())
			continue
		}
		r := j.res
		if r == nil { // cancelled before a worker took it
			continue
		}
		// Bytes as read (what Source.Size sums), so progress reaches 100%.
		if opts.Progress != nil {
			opts.Progress(j.msg.RawSize)
		}
		sum.Messages++
		sum.Bytes += j.msg.RawSize
		switch {
		case r.outOfRange:
			sum.OutOfRange++
			continue
		case r.dup || c.Known(j.msg.CanonicalSHA256) || seenInBatch(&batch, r.entry.MessageSHA256):
			sum.Duplicates++
			if !c.SeenAt(j.msg.CanonicalSHA256, j.msg.Path, j.msg.Offset) && !placeInBatch(&batch, r.entry) {
				e := r.entry
				e.Kind = store.KindSeen
				e.Parts, e.Errors, e.ErrorParts, e.Findings = nil, nil, 0, 0
				batch.Entries = append(batch.Entries, e)
			}
			continue
		}
		// errors counts parts (or whole messages) with problems, as the
		// interface defines it; every problem is logged.
		sum.Errors += len(r.bad)
		for _, e := range r.errs {
			opts.Warn("decode problem", "message", j.msg.Where(), "problem", e)
		}
		sum.Attachments += r.attach
		sum.Locked += len(r.entry.Locked)
		sum.Unlocked += r.unlocked
		sum.Findings += r.nFindings
		batch.FindingLines = append(batch.FindingLines, r.findingLines...)
		batch.FindingLineCount += r.nFindings
		for len(batch.EntryLines) < len(batch.Entries) {
			batch.EntryLines = append(batch.EntryLines, nil)
		}
		batch.Entries = append(batch.Entries, r.entry)
		batch.EntryLines = append(batch.EntryLines, r.entryLine)
		pending++
		if pending >= opts.FlushEvery || time.Since(lastFlush) > 2*time.Second {
			if err := flush(); err != nil {
				return sum, err
			}
		}
	}
	return sum, flush()
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

func seenInBatch(b *store.Batch, h string) bool {
	for i := range b.Entries {
		if b.Entries[i].MessageSHA256 == h {
			return true
		}
	}
	return false
}

func placeInBatch(b *store.Batch, e store.Entry) bool {
	for i := range b.Entries {
		if b.Entries[i].MessageSHA256 == e.MessageSHA256 && b.Entries[i].Path == e.Path && b.Entries[i].Offset == e.Offset {
			return true
		}
	}
	return false
}

// processSafely runs process under recover and a deadline: one hostile
// message must not stop the scan.
func processSafely(ctx context.Context, c *store.Case, det Detector, m *source.Message, opts Options) (r *result) {
	defer func() {
		if p := recover(); p != nil {
			r = baseResult(m)
			r.fail("message", fmt.Sprintf("internal error decoding message (please report): %v", p))
			r.entry.Errors, r.entry.ErrorParts = r.errs, len(r.bad)
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, opts.MessageTimeout)
	defer cancel()
	return process(ctx, c, det, m, opts)
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
		if (!opts.Since.IsZero() && msg.Date.Before(opts.Since)) || (!opts.Before.IsZero() && !msg.Date.Before(opts.Before)) {
			r.outOfRange = true
			return r
		}
	}
	r.entry.DateRaw = msg.DateRaw
	r.entry.MessageID = msg.MessageID
	if len(msg.From) > 0 {
		r.entry.From = msg.From[0].Addr
	}
	if m.Truncated {
		r.fail("message", fmt.Sprintf("message of %d bytes cut to %d bytes: the rest was hashed but not decoded", m.Size, len(m.Data)))
	}
	for _, e := range msg.Errors {
		r.fail(partName(e.Part), "part "+partName(e.Part)+": "+e.Err.Error())
	}
	for _, p := range msg.Parts {
		if p.Attachment {
			r.attach++
		}
		r.entry.Parts = append(r.entry.Parts, store.PartEntry{
			Path: p.Path, Location: p.Location, ContentType: p.ContentType, Charset: p.Charset,
			Decoded: p.Decoded, Encoding: p.Encoding, Filename: p.Filename, Size: p.Size,
			Status: p.Status, Errors: p.Errors,
		})
	}
	base := store.Finding{
		MessageID:     msg.MessageID,
		MessageSHA256: r.entry.MessageSHA256,
		Source:        m.Folder,
		Date:          r.entry.Date,
	}
	limit := opts.MaxFindings
	if limit <= 0 {
		limit = DefaultMaxFindings
	}
	run := func(in Input, part string) {
		if in.Text == "" {
			return
		}
		hits, err := det.Detect(ctx, in)
		if err != nil {
			r.fail(partName(part), "detect "+partName(part)+": "+err.Error())
		}
		r.record(base, in.Text, in.Field, part, hits, limit)
	}
	for _, f := range msg.Fields {
		run(Input{Text: f.Text, Field: f.Location}, cmp.Or(f.Part, "header"))
	}
	var ext *extract.Extraction
	if len(opts.Extractors) > 0 {
		ext = extract.Attachments(ctx, msg.Parts, opts.Extractors, extract.Env{Limits: opts.Limits, Passwords: opts.Passwords}, nil)
		for _, e := range ext.Problems {
			r.fail(partName(e.Part), "part "+partName(e.Part)+" ("+e.Location+"): "+e.Err.Error())
		}
		for _, l := range ext.Locked {
			r.entry.Locked = append(r.entry.Locked, store.Locked{Part: l.Part, Location: l.Location})
		}
		r.unlocked = len(ext.Unlocked)
	}
	for _, p := range msg.Parts {
		if ctx.Err() != nil {
			r.fail("message", "message timed out: detection incomplete")
			break
		}
		if ext != nil && ext.Consumed[p.Path] {
			continue // read as a table: its cells are segments below
		}
		run(Input{Text: p.Text, Field: p.Location}, p.Path)
	}
	if ext != nil {
		for _, seg := range ext.Segments {
			if ctx.Err() != nil {
				r.fail("message", "message timed out: detection incomplete")
				break
			}
			run(Input{Text: seg.Text, Field: seg.Location, Column: seg.Column, OCR: seg.OCR}, seg.Part)
		}
		if opts.Images != nil {
			r.images(ctx, opts.Images, base, msg, ext, limit)
		}
	}
	r.notePPAP(msg)
	r.entry.Errors, r.entry.ErrorParts = r.errs, len(r.bad)
	r.entry.Findings = r.nFindings
	r.entryLine = store.AppendEntry(make([]byte, 0, 512+256*len(r.entry.Parts)), &r.entry)
	return r
}

// record turns the hits in text into findings of the result.
func (r *result) record(base store.Finding, text, loc, part string, hits []Hit, limit int) {
	if room := limit - r.nFindings; len(hits) > room {
		r.fail(partName(part), fmt.Sprintf("part %s: %d findings over the limit of %d per message: not recorded (raise --max-findings)", partName(part), len(hits)-max(room, 0), limit))
		hits = hits[:max(room, 0)]
	}
	spans := mergeHits(hits)
	// Make and encode findings a slice of hits at a time: memory stays
	// bounded by the lines, not by structs for every hit.
	for lo := 0; lo < len(hits); lo += 4096 {
		r.addFindings(toFindings(base, text, loc, part, hits, spans, lo, min(lo+4096, len(hits))))
	}
}

// images runs the image detector once per distinct picture, with the
// message's text and the picture's OCR text as context.
func (r *result) images(ctx context.Context, det ImageDetector, base store.Finding, msg *extract.Message, ext *extract.Extraction, limit int) {
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
		hits, err := det.DetectImage(ctx, Image{Location: f.Location, Name: f.Name, ContentType: f.ContentType, Data: f.Data, Text: text, OCR: ocr.String()})
		if err != nil {
			r.fail(partName(part), "image "+f.Location+": "+err.Error())
		}
		r.record(base, "", f.Location, part, hits, limit)
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

// toFindings turns hits[lo:hi] into findings with ids and masked context;
// spans is mergeHits(hits).
func toFindings(base store.Finding, text, loc, part string, hits []Hit, spans []span, lo, hi int) []store.Finding {
	out := make([]store.Finding, 0, hi-lo)
	var idBuf []byte
	for _, h := range hits[lo:hi] {
		f := base
		f.Type = h.Type
		f.Detector = h.Detector
		f.Value = h.Value
		f.Masked = h.Masked
		f.Confidence = h.Confidence
		f.Location = loc
		f.Part = part
		f.Start, f.End = h.Start, h.End
		if h.Context != "" {
			f.Context = h.Context
		} else {
			f.Context = maskedContextSpans(text, h, hits, spans)
		}
		f.ID, idBuf = findingIDBuf(idBuf, base.MessageSHA256, part, loc, h)
		out = append(out, f)
	}
	return out
}

// findingID is stable across runs, so re-indexing replaces rather than adds:
// the first 16 bytes, in hex, of the SHA-256 of message hash, part,
// location, type, detector, start and end, each followed by a NUL.
func findingID(msgHash, part, loc string, h Hit) string {
	id, _ := findingIDBuf(nil, msgHash, part, loc, h)
	return id
}

// findingIDBuf is findingID hashing in buf, which it returns for reuse.
func findingIDBuf(buf []byte, msgHash, part, loc string, h Hit) (string, []byte) {
	buf = buf[:0]
	for _, v := range [...]string{msgHash, part, loc, h.Type, h.Detector} {
		buf = append(buf, v...)
		buf = append(buf, 0)
	}
	buf = strconv.AppendInt(buf, int64(h.Start), 10)
	buf = append(buf, 0)
	buf = strconv.AppendInt(buf, int64(h.End), 10)
	buf = append(buf, 0)
	sum := sha256.Sum256(buf)
	var id [32]byte
	hex.Encode(id[:], sum[:16])
	return string(id[:]), buf
}

// byStart returns the indexes of hits ordered by Start, ties in index
// order: the order in which maskedContext takes them.
// span is a maximal run of overlapping hits: masked as one unit, so that
// no part of any of them shows, whatever detectors overlap.
type span struct {
	start, end int
	hits       []int // indexes into the hits, by start
}

// mergeHits sorts the hits by start and merges overlapping ones.
func mergeHits(hits []Hit) []span {
	order := make([]int, len(hits))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(hits[a].Start, hits[b].Start) })
	var spans []span
	for _, i := range order {
		h := hits[i]
		if n := len(spans); n > 0 && h.Start < spans[n-1].end {
			spans[n-1].end = max(spans[n-1].end, h.End)
			spans[n-1].hits = append(spans[n-1].hits, i)
			continue
		}
		spans = append(spans, span{start: h.Start, end: h.End, hits: []int{i}})
	}
	return spans
}

const contextRunes = 30

// maskedContext is the text around h with every hit in it masked, on one
// line: it shows an investigator where the value was without showing it.
func maskedContext(text string, h Hit, all []Hit) string {
	return maskedContextSpans(text, h, all, mergeHits(all))
}

// maskedContextSpans is maskedContext given mergeHits(all). It costs
// O(log n) plus the spans in the window, so a part with a million hits
// (attacker-made) stays linear overall.
func maskedContextSpans(text string, h Hit, all []Hit, spans []span) string {
	from := h.Start
	for n := 0; n < contextRunes && from > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:from])
		from -= size
	}
	to := h.End
	for n := 0; n < contextRunes && to < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[to:])
		to += size
	}
	// The first span ending after from; a span cut by a window edge is
	// taken whole, so it is masked whole.
	k := sort.Search(len(spans), func(i int) bool { return spans[i].end > from })
	if k < len(spans) && spans[k].start < from {
		from = spans[k].start
	}
	if j := sort.Search(len(spans), func(i int) bool { return spans[i].end > to }); j < len(spans) && spans[j].start < to {
		to = spans[j].end
	}
	out := make([]byte, 0, to-from+16)
	pos := from
	for ; k < len(spans) && spans[k].start < to; k++ {
		out = append(out, text[pos:spans[k].start]...)
		for _, i := range spans[k].hits {
			out = append(out, all[i].Masked...)
		}
		pos = spans[k].end
	}
	out = append(out, text[pos:to]...)
	for i, c := range out {
		if c == '\n' || c == '\r' || c == '\t' {
			out[i] = ' '
		}
	}
	return string(out)
}
