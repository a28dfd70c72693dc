package realmail

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors/registry"
	"github.com/mailsift/mailsift/scanner"
	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/formats"
	"github.com/mailsift/mailsift/scanner/source"
	"github.com/mailsift/mailsift/store"
)

// Finding is a finding of a scan of the corpora, with the message it is
// in and, for a person judging it, the unmasked text around it.
type Finding struct {
	store.Finding
	Ref Ref
	// Raw is the text around the value with the value in «», unmasked; it
	// is for a judge's eyes only and is never written to the repository.
	Raw string
}

// Result is a scan of (part of) the corpora.
type Result struct {
	Findings []Finding
	// Messages are the messages read, in source order, first place only.
	Messages []Ref
	// PerMessage counts the findings of each message hash.
	PerMessage map[string]int
	Summary    scanner.Summary
}

// Scan runs the scan pipeline (every text detector, attachments, image
// detectors; no OCR, whose output depends on the tesseract installed) over
// the messages of refs, or over all corpora but the excluded ones when refs
// is nil. tmp is an empty folder it may fill (the case, the unpacked
// archive).
func Scan(ctx context.Context, corpora, tmp string, refs []Ref) (*Result, error) {
	var (
		srcs []source.Source
		pl   place
		err  error
	)
	if refs == nil {
		srcs, pl, err = allSources(ctx, corpora, tmp)
	} else {
		srcs, pl, err = refSources(ctx, corpora, tmp, refs)
	}
	if err != nil {
		return nil, err
	}
	caseDir := filepath.Join(tmp, "case")
	c, _, err := store.Create(caseDir)
	if err != nil {
		return nil, fmt.Errorf("realmail: %w", err)
	}
	defer c.Close()
	inner, err := scanner.NewDetector(registry.Default())
	if err != nil {
		return nil, fmt.Errorf("realmail: detectors: %w", err)
	}
	set, err := formats.Default(formats.Options{})
	if err != nil {
		return nil, fmt.Errorf("realmail: extractors: %w", err)
	}
	defer set.Close()
	rec := &recorder{inner: inner, raw: map[hitKey][]rawText{}}
	sum, err := scanner.Scan(ctx, c, rec, srcs, scanner.Options{
		Extractors: set.Extractors,
		Images:     scanner.NewImageDetector(registry.Images()...),
	})
	if err != nil {
		return nil, fmt.Errorf("realmail: scan: %w", err)
	}
	res := &Result{PerMessage: map[string]int{}, Summary: sum}
	where := map[string]Ref{}
	err = store.EachEntry(caseDir, nil, func(e *store.Entry) error {
		if e.Kind != store.KindMessage {
			return nil
		}
		r := Ref{Path: pl.rel(e.Path), Index: max(e.Index, 1), SHA256: e.MessageSHA256}
		if _, ok := where[r.SHA256]; !ok {
			where[r.SHA256] = r
			res.Messages = append(res.Messages, r)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("realmail: manifest: %w", err)
	}
	err = store.EachFinding(caseDir, func(f *store.Finding) error {
		res.PerMessage[f.MessageSHA256]++
		res.Findings = append(res.Findings, Finding{Finding: *f, Ref: where[f.MessageSHA256], Raw: rec.context(f)})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("realmail: findings: %w", err)
	}
	return res, nil
}

// TempDir makes a folder for Scan, removed by the returned function.
func TempDir() (string, func(), error) {
	d, err := os.MkdirTemp("", "realmail-")
	if err != nil {
		return "", nil, fmt.Errorf("realmail: %w", err)
	}
	return d, func() { os.RemoveAll(d) }, nil
}

// recorder is the pipeline's detector, keeping the text around each hit so
// that a judge sees what the masked context hides. Safe for concurrent use.
type recorder struct {
	inner scanner.Detector
	mu    sync.Mutex
	raw   map[hitKey][]rawText
}

type hitKey struct {
	typ, value string
	start, end int
}

type rawText struct {
	field, text string
}

// rawWindow is how many bytes of text either side of a value a judge sees.
const rawWindow = 160

func (r *recorder) Detect(ctx context.Context, in scanner.Input) ([]scanner.Hit, error) {
	hits, err := r.inner.Detect(ctx, in)
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, h := range hits {
		k := hitKey{h.Type, h.Value, h.Start, h.End}
		r.raw[k] = append(r.raw[k], rawText{in.Field, snippet(in.Text, h.Start, h.End)})
	}
	return hits, err
}

// context is the unmasked text around f. Hits are keyed by type, value and
// offsets; of several texts with such a hit, the one of f's location wins.
func (r *recorder) context(f *store.Finding) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	rs := r.raw[hitKey{f.Type, f.Value, f.Start, f.End}]
	for _, x := range rs {
		if x.field == f.Location {
			return x.text
		}
	}
	if len(rs) > 0 {
		return rs[0].text
	}
	return f.Context
}

// snippet is text around [start, end) on one line, the value in «».
func snippet(text string, start, end int) string {
	if start < 0 || end > len(text) || start > end {
		return ""
	}
	lo, hi := max(0, start-rawWindow), min(len(text), end+rawWindow)
	for lo > 0 && !utf8.RuneStart(text[lo]) {
		lo--
	}
	for hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi++
	}
	s := text[lo:start] + "«" + text[start:end] + "»" + text[end:hi]
	return strings.NewReplacer("\r\n", "⏎", "\n", "⏎", "\r", "⏎", "\t", " ").Replace(s)
}

// Text is one decoded text of a message, as the detectors read it.
type Text struct {
	Part, Location, Text string
}

// Texts decodes the message of ref (headers and MIME parts; not the text
// extracted from attachment files), for a judge looking for misses.
func Texts(ctx context.Context, corpora, tmp string, ref Ref) ([]Text, error) {
	srcs, _, err := refSources(ctx, corpora, tmp, []Ref{ref})
	if err != nil {
		return nil, err
	}
	var out []Text
	for _, s := range srcs {
		err := s.Messages(ctx, func(m *source.Message, err error) error {
			if err != nil || out != nil {
				return nil
			}
			msg := extract.Parse(m.Data, extract.Options{})
			for _, f := range msg.Fields {
				out = append(out, Text{Part: cmp.Or(f.Part, "header"), Location: f.Location, Text: f.Text})
			}
			for _, p := range msg.Parts {
				if p.Text != "" {
					out = append(out, Text{Part: p.Path, Location: p.Location, Text: p.Text})
				}
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("realmail: read %s: %w", ref.Path, err)
		}
	}
	if out == nil {
		return nil, fmt.Errorf("realmail: message %s not found in %s", ref.SHA256, ref.Path)
	}
	return out, nil
}
