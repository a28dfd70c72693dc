package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"strings"
)

// Extraction is what the attachments of one message gave.
type Extraction struct {
	// Segments are texts taken from attachments, in message order.
	Segments []Segment
	// Images are pictures found (attachments, embedded in documents,
	// rendered pages), for the image detectors.
	Images []File
	// Problems are what could not be read, each with the MIME part of
	// the top-level attachment it was in.
	Problems []*PartError
	// Locked are encrypted containers no password opened (PPAP waits for
	// the password mail), with their part.
	Locked []Locked
	// Unlocked maps the location of each container opened with one of
	// Env.Passwords to that password.
	Unlocked map[string]string
	// Files counts the files handed to extractors (attachments and their
	// members).
	Files int
	// Consumed marks text parts (CSV sent as text/csv) an extractor has
	// read as a table: their cells are in Segments, so the caller does
	// not scan the raw text again.
	Consumed map[string]bool
}

// Locked is an encrypted container at Location inside MIME part Part.
type Locked struct {
	Part     string
	Location string
}

// Attachments runs the extractors over the message's attachments and,
// recursively, over what they contain. Each top-level attachment gets
// env.Limits.Timeout; env.Limits.MaxBytes bounds all of them together.
// Only the parts in only (by MIME path) are read when only is non-nil.
func Attachments(ctx context.Context, parts []*Part, xs []Extractor, env Env, only map[string]bool) *Extraction {
	env.Limits = env.Limits.WithDefaults()
	d := &dispatcher{xs: xs, env: &env, out: &Extraction{Unlocked: map[string]string{}, Consumed: map[string]bool{}}}
	for _, p := range parts {
		if only != nil && !only[p.Path] {
			continue
		}
		f, ok := rootFile(p)
		if !ok {
			continue
		}
		if ctx.Err() != nil {
			d.problem(p.Path, f.Location, fmt.Errorf("not read: %w", ctx.Err()))
			continue
		}
		d.part = p.Path
		actx, cancel := context.WithTimeout(ctx, env.Limits.Timeout)
		n := len(d.out.Segments)
		err := d.file(actx, f)
		if actx.Err() == context.DeadlineExceeded && ctx.Err() == nil {
			// Whatever the extractor returned, the cause is the time limit.
			err = fmt.Errorf("extraction stopped: %w", &LimitError{Limit: "time", Value: int64(env.Limits.Timeout.Seconds())})
		}
		cancel()
		if err != nil {
			d.problem(p.Path, f.Location, err)
		}
		if p.Status == StatusText && len(d.out.Segments) > n {
			d.out.Consumed[p.Path] = true
		}
		if d.full != nil {
			break
		}
	}
	return d.out
}

// rootFile is the File of a part the extractors should see: binary
// attachments, and text parts that are tables (a CSV the sender's client
// labelled text/csv was decoded as text already).
func rootFile(p *Part) (*File, bool) {
	f := &File{Name: p.Filename, ContentType: p.ContentType, Location: p.Location}
	switch {
	case p.Status == StatusBinary && len(p.Data) > 0:
		f.Data = p.Data
	case p.Status == StatusText && p.Attachment && isTableName(p.Filename, p.ContentType):
		f.Data = []byte(p.Text)
	default:
		return nil, false
	}
	if !strings.HasPrefix(f.Location, "attachment:") {
		// A binary body part without a name (an inline image).
		f.Location = "attachment:" + p.Path
	}
	return f, true
}

func isTableName(name, ctype string) bool {
	switch ctype {
	case "text/csv", "text/tab-separated-values", "text/comma-separated-values":
		return true
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".csv", ".tsv":
		return true
	}
	return false
}

type dispatcher struct {
	xs    []Extractor
	env   *Env
	out   *Extraction
	part  string // MIME path of the attachment being read
	bytes int64
	// full is the LimitError once MaxBytes is reached: nothing more is
	// read for this message.
	full error
	// pixels bounds the decoded pictures the message's images keep.
	pixels *pixelBudget
}

func (d *dispatcher) problem(part, loc string, err error) {
	d.out.Problems = append(d.out.Problems, &PartError{Part: part, Location: loc, Err: err})
}

// file reads one file with the first extractor that matches it.
func (d *dispatcher) file(ctx context.Context, f *File) (err error) {
	if f.Depth > d.env.Limits.MaxContainerDepth {
		return &LimitError{Limit: "depth", Value: int64(d.env.Limits.MaxContainerDepth)}
	}
	d.out.Files++
	if IsImage(f.Data) {
		if d.pixels == nil {
			d.pixels = &pixelBudget{left: maxKeptPixels}
		}
		f.Pixels = &Pixels{budget: d.pixels}
		img := *f
		img.Part = d.part
		d.out.Images = append(d.out.Images, img)
	}
	var x Extractor
	for _, c := range d.xs {
		if c.Match(f) {
			x = c
			break
		}
	}
	if x == nil {
		return nil
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: internal error (please report): %v", x.Name(), p)
		}
	}()
	s := &sink{d: d, ctx: ctx, parent: f}
	err = x.Extract(ctx, f, d.env, s)
	if err != nil && d.full != nil && errors.Is(err, ErrLimit) {
		// Reported once, where the Sink refused.
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", x.Name(), err)
	}
	return nil
}

// sink is the Sink of one extractor call.
type sink struct {
	d      *dispatcher
	ctx    context.Context
	parent *File
}

func (s *sink) take(n int64) error {
	d := s.d
	if d.full != nil {
		return d.full
	}
	d.bytes += n
	if d.bytes > d.env.Limits.MaxBytes {
		d.full = &LimitError{Limit: "bytes", Value: d.env.Limits.MaxBytes}
		d.problem(d.part, s.parent.Location, fmt.Errorf("extraction stopped: %w", d.full))
		return d.full
	}
	return nil
}

func (s *sink) Text(seg Segment) error {
	if err := s.take(int64(len(seg.Text))); err != nil {
		return err
	}
	if seg.Location == "" {
		seg.Location = s.parent.Location
	}
	seg.Part = s.d.part
	s.d.out.Segments = append(s.d.out.Segments, seg)
	return nil
}

func (s *sink) File(f File) error {
	if int64(len(f.Data)) > s.d.env.Limits.MaxFileBytes {
		s.d.problem(s.d.part, s.parent.Location+"/"+f.Name, &LimitError{Limit: "file-bytes", Value: s.d.env.Limits.MaxFileBytes})
		return nil
	}
	if err := s.take(int64(len(f.Data))); err != nil {
		return err
	}
	f.Location = s.parent.Location + "/" + cleanMember(f.Name)
	f.Depth = s.parent.Depth + 1
	if err := s.ctx.Err(); err != nil {
		return err
	}
	// Depth first, so a member's data can go as soon as it is read.
	if err := s.d.file(s.ctx, &f); err != nil {
		if s.d.full != nil {
			return s.d.full
		}
		s.d.problem(s.d.part, f.Location, err)
	}
	return s.ctx.Err()
}

func (s *sink) Problem(loc string, err error) {
	if loc == "" {
		loc = s.parent.Location
	}
	if errors.Is(err, ErrEncrypted) {
		s.d.out.Locked = appendLocked(s.d.out.Locked, Locked{Part: s.d.part, Location: s.parent.Location})
	}
	s.d.problem(s.d.part, loc, err)
}

func (s *sink) Unlocked(loc, pw string) {
	if loc == "" {
		loc = s.parent.Location
	}
	s.d.out.Unlocked[loc] = pw
}

func appendLocked(ls []Locked, l Locked) []Locked {
	for _, x := range ls {
		if x == l {
			return ls
		}
	}
	return append(ls, l)
}

// cleanMember makes a member name safe and readable as part of a
// location: forward slashes, no leading "/" or "../" (names are only ever
// names here, never paths written to).
func cleanMember(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Clean("/" + name)
	name = strings.TrimPrefix(name, "/")
	if name == "" || name == "." {
		return "_"
	}
	return name
}

// IsImage reports whether data starts like a picture format the image
// detectors read (PNG, JPEG, GIF, BMP, TIFF, WebP).
func IsImage(data []byte) bool {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")),
		bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}),
		bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")),
		bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return true
	case len(data) >= 12 && bytes.HasPrefix(data, []byte("RIFF")) && string(data[8:12]) == "WEBP":
		return true
	case len(data) >= 26 && bytes.HasPrefix(data, []byte("BM")):
		return true
	}
	return false
}
