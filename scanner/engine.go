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
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/mailsift/mailsift/scanner/extract"
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
}

type result struct {
	dup        bool
	outOfRange bool
	entry      store.Entry
	findings   []store.Finding
	errs       []string
	attach     int
	// The JSON lines of findings and entry, encoded by the worker so that
	// the committer, a serial stage, only writes bytes. encoded is false
	// when encoding failed: the committer then hands over the findings for
	// Commit to report the error.
	encoded      bool
	findingLines []byte
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
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// In flight at most this many messages: bounds memory whatever the
	// order in which workers finish.
	window := opts.Workers * 4
	ordered := make(chan *job, window)
	work := make(chan *job, window)

	var produceErr error
	go func() {
		defer close(ordered)
		defer close(work)
		seq := 0
		for _, s := range sources {
			err := s.Messages(ctx, func(m *source.Message, err error) error {
				j := &job{seq: seq, msg: m, err: err, done: make(chan struct{})}
				seq++
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
					j.res.encode()
				}
				close(j.done)
			}
		}()
	}

	sum, err := commit(ctx, c, ordered, opts)
	cancel()
	wg.Wait()
	sum.Seconds = time.Since(start).Seconds()
	// The producer closes `ordered` after setting produceErr, and commit
	// returns only after that close (or on cancellation).
	if err == nil && produceErr != nil {
		err = produceErr
	}
	return sum, err
}

// commit takes results in source order and makes them durable in batches.
func commit(ctx context.Context, c *store.Case, ordered <-chan *job, opts Options) (Summary, error) {
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
		batch = store.Batch{Entries: batch.Entries[:0], EntryLines: batch.EntryLines[:0], FindingLines: batch.FindingLines[:0]}
		if cap(batch.FindingLines) > 16<<20 {
			batch.FindingLines = nil
		}
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
				e.Kind = "seen"
				e.Parts, e.Errors, e.Findings = nil, nil, 0
				batch.Entries = append(batch.Entries, e)
			}
			continue
		}
		for _, e := range r.errs {
			sum.Errors++
			opts.Warn("decode problem", "message", j.msg.Where(), "problem", e)
		}
		sum.Attachments += r.attach
		sum.Findings += len(r.findings)
		if r.encoded {
			batch.FindingLines = append(batch.FindingLines, r.findingLines...)
			batch.FindingLineCount += len(r.findings)
		} else {
			batch.Findings = append(batch.Findings, r.findings...)
		}
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

// encode prepares the JSON lines of a result the committer may write as a
// message (duplicates and messages out of range are not written so).
func (r *result) encode() {
	if r.dup || r.outOfRange {
		return
	}
	var lines []byte
	if n := len(r.findings); n > 0 {
		lines = make([]byte, 0, n*512)
	}
	for i := range r.findings {
		var err error
		if lines, err = store.AppendFinding(lines, &r.findings[i]); err != nil {
			return
		}
	}
	r.findingLines = lines
	r.entryLine = store.AppendEntry(make([]byte, 0, 512+256*len(r.entry.Parts)), &r.entry)
	r.encoded = true
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
			r.errs = append(r.errs, fmt.Sprintf("internal error decoding message (please report): %v", p))
			r.entry.Errors = r.errs
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, opts.MessageTimeout)
	defer cancel()
	return process(ctx, c, det, m, opts)
}

func baseResult(m *source.Message) *result {
	return &result{entry: store.Entry{
		Kind:          "message",
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
		r.errs = append(r.errs, fmt.Sprintf("message of %d bytes cut to %d bytes: the rest was hashed but not decoded", m.Size, len(m.Data)))
	}
	for _, e := range msg.Errors {
		r.errs = append(r.errs, "part "+partName(e.Part)+": "+e.Err.Error())
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
	run := func(text, loc, part string) {
		if text == "" {
			return
		}
		hits, err := det.Detect(ctx, text, loc)
		if err != nil {
			r.errs = append(r.errs, "detect "+partName(part)+": "+err.Error())
		}
		r.findings = append(r.findings, toFindings(base, text, loc, part, hits)...)
	}
	for _, f := range msg.Fields {
		run(f.Text, f.Location, "header")
	}
	for _, p := range msg.Parts {
		if ctx.Err() != nil {
			r.errs = append(r.errs, "message timed out: detection incomplete")
			break
		}
		run(p.Text, p.Location, p.Path)
	}
	r.entry.Errors = r.errs
	r.entry.Findings = len(r.findings)
	return r
}

func partName(p string) string {
	if p == "" {
		return "header"
	}
	return p
}

// toFindings turns hits into findings with ids and masked context.
func toFindings(base store.Finding, text, loc, part string, hits []Hit) []store.Finding {
	out := make([]store.Finding, 0, len(hits))
	order := byStart(hits)
	var idBuf []byte
	for _, h := range hits {
		f := base
		f.Type = h.Type
		f.Detector = h.Detector
		f.Value = h.Value
		f.Masked = h.Masked
		f.Confidence = h.Confidence
		f.Location = loc
		f.Part = part
		f.Start, f.End = h.Start, h.End
		f.Context = maskedContextOrdered(text, h, hits, order)
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
func byStart(hits []Hit) []int {
	order := make([]int, len(hits))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(hits[a].Start, hits[b].Start) })
	return order
}

const contextRunes = 30

// maskedContext is the text around h with every hit in it masked, on one
// line: it shows an investigator where the value was without showing it.
func maskedContext(text string, h Hit, all []Hit) string {
	return maskedContextOrdered(text, h, all, byStart(all))
}

// maskedContextOrdered is maskedContext given byStart(all).
func maskedContextOrdered(text string, h Hit, all []Hit, order []int) string {
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
	// A hit cut by the window edge would show part of its value: widen the
	// window to include it whole, so it is masked whole.
	for _, o := range all {
		if o.Start < from && o.End > from {
			from = o.Start
		}
		if o.Start < to && o.End > to {
			to = o.End
		}
	}
	out := make([]byte, 0, to-from+16)
	pos := from
	// The next hit to mask is the one starting first at or after pos (the
	// earliest in all among equal starts); pos only grows, so one pass
	// over the hits in start order finds them all.
	k := 0
	for pos < to {
		for k < len(order) && all[order[k]].Start < pos {
			k++
		}
		if k == len(order) || all[order[k]].Start >= to {
			out = append(out, text[pos:to]...)
			break
		}
		next := order[k]
		out = append(out, text[pos:all[next].Start]...)
		out = append(out, all[next].Masked...)
		pos = max(pos, all[next].End)
	}
	for i, c := range out {
		if c == '\n' || c == '\r' || c == '\t' {
			out[i] = ' '
		}
	}
	return string(out)
}
