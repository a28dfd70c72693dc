package office

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/net/html/charset"

	"github.com/mailsift/mailsift/scanner/extract"
)

// Shared helpers of the zip-based formats (OOXML and ODF): magic and name
// matching, a zip opened under the Limits, streamed XML parts, document
// properties, embedded media and encrypted (CFB-wrapped) OOXML.

const (
	// maxXMLDepth bounds element nesting. Real documents stay far below
	// (tables in tables in text boxes reach ~40); encoding/xml keeps a stack
	// entry per open element, so a deep-nesting bomb would otherwise cost
	// memory proportional to its size.
	maxXMLDepth = 512
	// ratioFloor: members smaller than this are not held to MaxRatio, since
	// small XML parts legitimately compress beyond any sane ratio.
	ratioFloor = 1 << 20
	// maxPasswordTries bounds decryption attempts per file: agile
	// encryption costs a 100,000-round hash per password.
	maxPasswordTries = 16
	// maxSpinCount bounds the attacker-set hash rounds per password
	// (Office writes 100,000; excelize spends ~1 µs a round).
	maxSpinCount = 200_000
)

var (
	zipMagic = []byte("PK\x03\x04")
	cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// UTF-16LE stream names of an encrypted OOXML package (MS-OFFCRYPTO 2.3.4).
	encInfoName = utf16le("EncryptionInfo")
	encPkgName  = utf16le("EncryptedPackage")
)

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// pkgKind says which document a zip holds, judged by its member names.
func pkgKind(data []byte) string {
	if !bytes.HasPrefix(data, zipMagic) {
		return ""
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	return zipKind(zr)
}

func zipKind(zr *zip.Reader) string {
	var ct, xl, word, ppt bool
	for i, f := range zr.File {
		switch n := f.Name; {
		case i == 0 && n == "mimetype":
			if m := odfMimetype(f); m != "" {
				return m
			}
		case strings.EqualFold(n, "[Content_Types].xml"):
			ct = true
		case strings.HasPrefix(n, "xl/"):
			xl = true
		case strings.HasPrefix(n, "word/"):
			word = true
		case strings.HasPrefix(n, "ppt/"):
			ppt = true
		}
	}
	switch {
	case !ct:
		return ""
	case xl:
		return "xlsx"
	case word:
		return "docx"
	case ppt:
		return "pptx"
	}
	return ""
}

// odfMimetype reads the stored "mimetype" member ODF puts first.
func odfMimetype(f *zip.File) string {
	if f.UncompressedSize64 > 100 {
		return ""
	}
	rc, err := f.Open()
	if err != nil {
		return ""
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, 100))
	switch strings.TrimSpace(string(b)) {
	case "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text-template":
		return "odt"
	case "application/vnd.oasis.opendocument.presentation", "application/vnd.oasis.opendocument.presentation-template":
		return "odp"
	case "application/vnd.oasis.opendocument.spreadsheet", "application/vnd.oasis.opendocument.spreadsheet-template":
		return "ods"
	}
	return ""
}

// isEncryptedOOXML reports a CFB file holding an encrypted OOXML package.
func isEncryptedOOXML(b []byte) bool {
	return bytes.HasPrefix(b, cfbMagic) && bytes.Contains(b, encInfoName) && bytes.Contains(b, encPkgName)
}

// matchPackage is the Match of the zip-based extractors: the member names
// decide when the file is a readable zip; a file that is not (truncated,
// encrypted) is claimed by its name or declared type so that the problem
// gets reported rather than the attachment silently skipped.
func matchPackage(f *extract.File, kinds []string, exts, ctypes []string) bool {
	if k := pkgKind(f.Data); k != "" {
		for _, want := range kinds {
			if k == want {
				return true
			}
		}
		return false
	}
	byName := hasExt(f.Name, exts) || contains(ctypes, f.ContentType)
	if bytes.HasPrefix(f.Data, cfbMagic) {
		// Legacy .doc/.xls/.ppt belong to another extractor; only an
		// encrypted OOXML package (CFB wrapper) named like ours is ours.
		return byName && isEncryptedOOXML(f.Data)
	}
	return byName
}

func hasExt(name string, exts []string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext != "" && contains(exts, ext)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// pkg is a zip package opened under the Limits. Parts are read through it
// so that the decompressed bytes of all parts together stay within
// MaxFileBytes.
type pkg struct {
	zr   *zip.Reader
	lim  extract.Limits
	loc  string
	read int64
}

// openPackage opens data as a zip, checking what the central directory
// declares: member count, per-member size and compression ratio. Go's
// archive/zip refuses to inflate past a member's declared size, so the
// declared sizes are binding.
func openPackage(format string, f *extract.File, lim extract.Limits) (*pkg, error) {
	zr, err := zip.NewReader(bytes.NewReader(f.Data), int64(len(f.Data)))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w: %v", format, f.Name, extract.ErrCorrupt, err)
	}
	if len(zr.File) > lim.MaxMembers {
		return nil, fmt.Errorf("%s %s: %d members: %w", format, f.Name, len(zr.File), &extract.LimitError{Limit: "members", Value: int64(lim.MaxMembers)})
	}
	return &pkg{zr: zr, lim: lim, loc: f.Location}, nil
}

// checkMember returns a LimitError when zf is too large or too compressed.
func (p *pkg) checkMember(zf *zip.File) error {
	size := zf.UncompressedSize64
	if size > uint64(p.lim.MaxFileBytes) {
		return fmt.Errorf("member %s: %d bytes: %w", zf.Name, size, &extract.LimitError{Limit: "file-bytes", Value: p.lim.MaxFileBytes})
	}
	if size > ratioFloor && size > uint64(p.lim.MaxRatio)*max(zf.CompressedSize64, 1) {
		return fmt.Errorf("member %s: ratio %d: %w", zf.Name, size/max(zf.CompressedSize64, 1), &extract.LimitError{Limit: "ratio", Value: p.lim.MaxRatio})
	}
	return nil
}

// checkAll applies checkMember to every member and bounds their total, for
// readers (excelize) that load the whole package.
func (p *pkg) checkAll() error {
	var total uint64
	for _, zf := range p.zr.File {
		if err := p.checkMember(zf); err != nil {
			return err
		}
		total += zf.UncompressedSize64
		if total > uint64(p.lim.MaxFileBytes) {
			return fmt.Errorf("members total over %d bytes: %w", p.lim.MaxFileBytes, &extract.LimitError{Limit: "file-bytes", Value: p.lim.MaxFileBytes})
		}
	}
	return nil
}

// lookup finds a member by name; OOXML part names are case-insensitive.
func (p *pkg) lookup(name string) *zip.File {
	for _, zf := range p.zr.File {
		if strings.EqualFold(strings.ReplaceAll(zf.Name, `\`, "/"), name) {
			return zf
		}
	}
	return nil
}

// open returns a reader of the member's decompressed bytes that counts
// them against the package budget.
func (p *pkg) open(zf *zip.File) (io.ReadCloser, error) {
	if err := p.checkMember(zf); err != nil {
		return nil, err
	}
	if p.read+int64(zf.UncompressedSize64) > p.lim.MaxFileBytes {
		return nil, fmt.Errorf("member %s: %w", zf.Name, &extract.LimitError{Limit: "file-bytes", Value: p.lim.MaxFileBytes})
	}
	if zf.Flags&1 != 0 {
		return nil, fmt.Errorf("member %s: %w", zf.Name, extract.ErrEncrypted)
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, fmt.Errorf("member %s: %w: %v", zf.Name, extract.ErrCorrupt, err)
	}
	p.read += int64(zf.UncompressedSize64)
	return rc, nil
}

// readAll reads a whole member (media, small parts).
func (p *pkg) readAll(zf *zip.File) ([]byte, error) {
	rc, err := p.open(zf)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, int64(zf.UncompressedSize64)+1))
	if err != nil {
		return b, fmt.Errorf("member %s: %w: %v", zf.Name, extract.ErrCorrupt, err)
	}
	return b, nil
}

// newXMLDecoder returns a lenient decoder: attachments are often not
// well-formed, and what precedes the damage is still evidence. Go's
// encoding/xml never expands DTD entities, so entity bombs stay inert.
func newXMLDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	return d
}

// errTooDeep is returned by walkers when maxXMLDepth is exceeded.
var errTooDeep = fmt.Errorf("xml nested deeper than %d: %w", maxXMLDepth, extract.ErrCorrupt)

// xmlDepthOK scans r at the byte level (fast, no allocation per element)
// and reports whether element nesting stays within limit. It is used before
// handing parts to excelize, whose token walks keep a stack per open element.
func xmlDepthOK(r io.Reader, limit int) (bool, error) {
	buf := make([]byte, 64<<10)
	depth := 0
	var prev byte
	inTag, closing, quote, special := false, false, byte(0), false
	for {
		n, err := r.Read(buf)
		for _, c := range buf[:n] {
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case inTag:
				switch c {
				case '"', '\'':
					if !special {
						quote = c
					}
				case '>':
					inTag = false
					switch {
					case special:
					case closing:
						depth--
					case prev != '/':
						depth++
						if depth > limit {
							return false, nil
						}
					}
				}
			case c == '<':
				inTag, closing, special = true, false, false
			}
			if inTag && prev == '<' {
				closing = c == '/'
				special = c == '?' || c == '!'
			}
			prev = c
		}
		if err == io.EOF {
			return true, nil
		}
		if err != nil {
			return true, err
		}
	}
}

// props are the document properties that name people.
type props struct {
	Creator, LastModifiedBy, Manager, Company string
}

// emitProps reads docProps/core.xml and docProps/app.xml (OOXML) and hands
// the names in them over as "#props" segments.
func (p *pkg) emitProps(ctx context.Context, format string, out extract.Sink) error {
	var pr props
	for _, part := range []string{"docProps/core.xml", "docProps/app.xml"} {
		zf := p.lookup(part)
		if zf == nil {
			continue
		}
		err := p.walkPart(ctx, zf, func(d *xml.Decoder, t xml.Token) error {
			se, ok := t.(xml.StartElement)
			if !ok {
				return nil
			}
			var dst *string
			switch se.Name.Local {
			case "creator":
				dst = &pr.Creator
			case "lastModifiedBy":
				dst = &pr.LastModifiedBy
			case "Manager":
				dst = &pr.Manager
			case "Company":
				dst = &pr.Company
			default:
				return nil
			}
			s, err := elementText(d)
			*dst = s
			return err
		})
		if err != nil {
			if stop(err) {
				return err
			}
			out.Problem(p.loc+"#props", fmt.Errorf("%s %s: %w", format, part, err))
		}
	}
	return emitPropSegments(p.loc, pr, out)
}

func emitPropSegments(loc string, pr props, out extract.Sink) error {
	for _, kv := range []struct{ k, v string }{
		{"creator", pr.Creator}, {"lastModifiedBy", pr.LastModifiedBy}, {"manager", pr.Manager}, {"company", pr.Company},
	} {
		if v := strings.TrimSpace(kv.v); v != "" {
			if err := out.Text(extract.Segment{Location: loc + "#props", Column: kv.k, Text: v}); err != nil {
				return err
			}
		}
	}
	return nil
}

// isBudget reports a limit of this package's own reading (a part too large
// or too compressed), which is a Problem, as opposed to a limit the Sink
// raised, which ends the extraction.
func isBudget(err error) bool {
	var le *extract.LimitError
	return errors.As(err, &le) && (le.Limit == "file-bytes" || le.Limit == "ratio")
}

// elementText collects the character data up to the end of the element
// whose start was just read.
func elementText(d *xml.Decoder) (string, error) {
	var b strings.Builder
	depth := 1
	for depth > 0 {
		t, err := d.Token()
		if err != nil {
			return b.String(), err
		}
		switch t := t.(type) {
		case xml.StartElement:
			depth++
			if depth > maxXMLDepth {
				return b.String(), errTooDeep
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			if b.Len() < 1<<20 {
				b.Write(t)
			}
		}
	}
	return b.String(), nil
}

// walkPart streams the tokens of a member to fn, checking depth and ctx.
// A malformed part ends the walk with an ErrCorrupt error after fn has
// seen everything before the damage.
func (p *pkg) walkPart(ctx context.Context, zf *zip.File, fn func(*xml.Decoder, xml.Token) error) error {
	rc, err := p.open(zf)
	if err != nil {
		return err
	}
	defer rc.Close()
	return walkXML(ctx, rc, fn)
}

func walkXML(ctx context.Context, r io.Reader, fn func(*xml.Decoder, xml.Token) error) error {
	d := newXMLDecoder(r)
	depth := 0
	for n := 0; ; n++ {
		if n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		// Depth is checked before the decoder pushes the next element.
		t, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %v", extract.ErrCorrupt, err)
		}
		switch t.(type) {
		case xml.StartElement:
			depth++
			if depth > maxXMLDepth {
				return errTooDeep
			}
		case xml.EndElement:
			depth--
		}
		if err := fn(d, t); err != nil {
			return err
		}
	}
}

// emitMedia hands images and embedded objects (an Excel sheet inside a
// Word file, a photo on a résumé) to the Sink as member files.
func (p *pkg) emitMedia(format string, prefixes []string, out extract.Sink) error {
	for _, zf := range p.zr.File {
		name := strings.ReplaceAll(zf.Name, `\`, "/")
		if strings.HasSuffix(name, "/") || !hasPrefixAny(name, prefixes) {
			continue
		}
		data, err := p.readAll(zf)
		if err != nil {
			if errors.Is(err, extract.ErrLimit) && !isBudget(err) {
				return err
			}
			out.Problem(p.loc+"/"+name, fmt.Errorf("%s: %w", format, err))
			if isBudget(err) && p.read >= p.lim.MaxFileBytes {
				return nil
			}
			continue
		}
		if err := out.File(extract.File{Name: name, ContentType: mediaType(name), Data: data}); err != nil {
			return err
		}
	}
	return nil
}

func hasPrefixAny(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// mediaTypes maps the extensions of embedded parts to media types.
var mediaTypes = map[string]string{
	".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
	".bmp": "image/bmp", ".tif": "image/tiff", ".tiff": "image/tiff", ".webp": "image/webp",
	".emf": "image/emf", ".wmf": "image/wmf", ".svg": "image/svg+xml",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".pdf":  "application/pdf", ".bin": "application/octet-stream",
}

func mediaType(name string) string {
	return mediaTypes[strings.ToLower(path.Ext(name))]
}

// numbered sorts member names by the number in them ("slide10" after
// "slide9"), then by name.
func numbered(names []string) {
	sort.SliceStable(names, func(i, j int) bool {
		a, b := trailingNumber(names[i]), trailingNumber(names[j])
		if a != b {
			return a < b
		}
		return names[i] < names[j]
	})
}

// trailingNumber returns the number before the extension ("slide12.xml" →
// 12), or -1.
func trailingNumber(name string) int {
	base := strings.TrimSuffix(path.Base(name), path.Ext(name))
	i := len(base)
	for i > 0 && base[i-1] >= '0' && base[i-1] <= '9' {
		i--
	}
	n, err := strconv.Atoi(base[i:])
	if err != nil {
		return -1
	}
	return n
}
