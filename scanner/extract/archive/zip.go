package archive

import (
	"archive/zip"
	"bytes"
	"compress/bzip2"
	"compress/flate"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"unicode/utf8"

	yzip "github.com/yeka/zip"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"

	"github.com/mailsift/mailsift/scanner/extract"
)

// Zip returns the extractor for ZIP archives. Each member is handed to
// Sink.File; encrypted members are opened with Env.Passwords (ZipCrypto
// and WinZip AES, through github.com/yeka/zip) and, when none works,
// reported once per archive with an error wrapping extract.ErrEncrypted,
// at the archive's Location, so the dispatcher can queue it for a retry
// with passwords found later (PPAP).
//
// OOXML and ODF documents are zips too; Match leaves them to their own
// extractors.
func Zip() extract.Extractor { return zipExtractor{} }

type zipExtractor struct{}

func (zipExtractor) Name() string { return "zip" }

func (zipExtractor) Match(f *extract.File) bool {
	if hasZipMagic(f.Data) {
		return !isOfficeZip(f)
	}
	switch f.ContentType {
	case "application/zip", "application/x-zip-compressed", "application/x-zip":
		return true
	}
	return strings.HasSuffix(strings.ToLower(f.Name), ".zip")
}

func hasZipMagic(b []byte) bool {
	return bytes.HasPrefix(b, []byte("PK\x03\x04")) || bytes.HasPrefix(b, []byte("PK\x05\x06")) ||
		bytes.HasPrefix(b, []byte("PK\x07\x08PK\x03\x04")) // spanned-archive marker
}

// isOfficeZip spots OOXML/ODF documents by their first entry (always
// [Content_Types].xml or mimetype when written by Office/LibreOffice) or
// their extension.
func isOfficeZip(f *extract.File) bool {
	b := f.Data
	if len(b) >= 30 && bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		n := int(binary.LittleEndian.Uint16(b[26:]))
		if 30+n <= len(b) {
			switch string(b[30 : 30+n]) {
			case "[Content_Types].xml", "mimetype":
				return true
			}
		}
	}
	name := strings.ToLower(f.Name)
	for _, ext := range []string{".docx", ".docm", ".xlsx", ".xlsm", ".pptx", ".pptm", ".odt", ".ods", ".odp"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

func (zipExtractor) Extract(ctx context.Context, f *extract.File, env *extract.Env, out extract.Sink) (err error) {
	lim := env.Limits.WithDefaults()
	if f.Depth >= lim.MaxContainerDepth {
		out.Problem(f.Location, fmt.Errorf("zip %s: %w", f.Name, &extract.LimitError{Limit: "depth", Value: int64(lim.MaxContainerDepth)}))
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("zip %s: %v: %w", f.Name, r, errPanic)
		}
	}()
	z := &zipRun{ctx: ctx, f: f, env: env, lim: lim, out: out, b: newBudget(lim), names: uniqueNames{}}
	zr, zerr := zip.NewReader(bytes.NewReader(f.Data), int64(len(f.Data)))
	if zerr != nil && !errors.Is(zerr, zip.ErrInsecurePath) {
		return z.salvage(zerr)
	}
	zr.RegisterDecompressor(12, func(r io.Reader) io.ReadCloser { return io.NopCloser(bzip2.NewReader(r)) })
	return z.run(zr)
}

// zipRun is the state of one Extract call.
type zipRun struct {
	ctx   context.Context
	f     *extract.File
	env   *extract.Env
	lim   extract.Limits
	out   extract.Sink
	b     *budget
	names uniqueNames

	members  int      // non-directory members seen
	listing  []string // member names, emitted as "#names"
	locked   []string // encrypted members no password opened
	yr       *yzip.Reader
	yfiles   map[int64]*yzip.File // by data offset
	goodPW   string               // the password that opened a member
	unlocked bool

	overBudget int    // members refused because the byte budget was spent
	firstOver  string // the first of them
}

func (z *zipRun) run(zr *zip.Reader) error {
	for i, zf := range zr.File {
		if err := z.ctx.Err(); err != nil {
			return fmt.Errorf("zip %s: %w", z.f.Name, err)
		}
		// Directory entries carry no data; the DOS directory attribute
		// alone does not count, or a member could hide behind it.
		if strings.HasSuffix(zf.Name, "/") && zf.UncompressedSize64 == 0 {
			continue
		}
		z.members++
		if z.members > z.lim.MaxMembers {
			z.out.Problem(z.f.Location, fmt.Errorf("zip %s: %d members: %w", z.f.Name, len(zr.File), &extract.LimitError{Limit: "members", Value: int64(z.lim.MaxMembers)}))
			break
		}
		name := z.names.name(cleanName(decodeZipName(zf.Name, zf.Extra), i))
		z.listing = append(z.listing, name)
		var err error
		if zf.Flags&0x1 != 0 {
			err = z.encrypted(zf, name)
		} else {
			err = z.plain(zf, name)
		}
		if err != nil {
			return err
		}
	}
	return z.finish()
}

// finish reports what stayed locked and lists the member names: names
// such as 山田太郎_履歴書.pdf are evidence even when the content is not.
func (z *zipRun) finish() error {
	if z.overBudget > 0 {
		z.out.Problem(z.f.Location, fmt.Errorf("zip %s: %d members from %s on not read: %w",
			z.f.Name, z.overBudget, z.firstOver, &extract.LimitError{Limit: "bytes", Value: z.b.limit}))
	}
	if len(z.locked) > 0 {
		why := "no password given"
		if n := len(z.env.Passwords); n > 0 {
			why = fmt.Sprintf("none of %d passwords opened them", n)
		}
		sample := z.locked[:min(3, len(z.locked))]
		z.out.Problem(z.f.Location, fmt.Errorf("zip %s: %d of %d members locked (%s; %s): %w",
			z.f.Name, len(z.locked), z.members, strings.Join(sample, ", "), why, extract.ErrEncrypted))
	}
	if len(z.listing) > 0 {
		return emitText(z.out, z.f.Location+"#names", "", strings.Join(z.listing, "\n"))
	}
	return nil
}

// plain reads one unencrypted member and hands it over.
func (z *zipRun) plain(zf *zip.File, name string) error {
	loc := z.f.Location + "/" + name
	if !z.precheck(loc, name, zf.UncompressedSize64, zf.CompressedSize64) {
		return nil
	}
	data, err := z.safeRead(func() (io.ReadCloser, error) { return zf.Open() }, zf.UncompressedSize64, zf.CompressedSize64)
	return z.emit(loc, name, data, err)
}

// precheck rejects a member by its declared sizes (they may lie; reading
// enforces the limits again): it reports the rejection and returns false.
// Members refused by the spent byte budget are counted and reported once
// by finish: an overlapping-entry bomb has thousands.
func (z *zipRun) precheck(loc, name string, usize, csize uint64) bool {
	var le *extract.LimitError
	switch {
	case usize > uint64(z.lim.MaxFileBytes):
		le = &extract.LimitError{Limit: "file-bytes", Value: z.lim.MaxFileBytes}
	case usize > ratioFloor && (csize == 0 || usize/csize > uint64(z.lim.MaxRatio)):
		le = &extract.LimitError{Limit: "ratio", Value: z.lim.MaxRatio}
	case z.b.left <= 0 || usize > uint64(z.b.left):
		if z.overBudget == 0 {
			z.firstOver = name
		}
		z.overBudget++
		return false
	}
	if le == nil {
		return true
	}
	z.out.Problem(loc, fmt.Errorf("zip %s: declared %d bytes from %d: %w", name, usize, csize, le))
	return false
}

// safeRead opens and reads a member within the limits; a panic in the
// decompressor becomes an error for this member only.
func (z *zipRun) safeRead(open func() (io.ReadCloser, error), usize, csize uint64) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v: %w", r, errPanic)
		}
	}()
	rc, err := open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return readLimited(z.ctx, rc, int64(min(usize, 1<<62)), int64(min(csize, 1<<62)), z.lim, z.b)
}

// emit hands a member over and reports a read error. Partial data from a
// damaged member is still handed over: text files stay useful truncated.
func (z *zipRun) emit(loc, name string, data []byte, rerr error) error {
	switch {
	case rerr == nil:
	case errors.Is(rerr, context.DeadlineExceeded) || errors.Is(rerr, context.Canceled):
		return fmt.Errorf("zip %s: %w", z.f.Name, rerr)
	case isLimit(rerr):
		// Limits bound the work: a truncated bomb is not worth reading.
		z.out.Problem(loc, fmt.Errorf("zip %s: %w", name, rerr))
		return nil
	case errors.Is(rerr, zip.ErrAlgorithm) || errors.Is(rerr, yzip.ErrAlgorithm):
		z.out.Problem(loc, fmt.Errorf("zip %s: %v: %w", name, rerr, extract.ErrUnsupported))
		return nil
	default:
		z.out.Problem(loc, fmt.Errorf("zip %s: %v: %w", name, rerr, extract.ErrCorrupt))
		if len(data) == 0 {
			return nil
		}
	}
	return z.out.File(extract.File{Name: name, Data: data})
}

// encrypted opens a member with the candidate passwords.
func (z *zipRun) encrypted(zf *zip.File, name string) error {
	loc := z.f.Location + "/" + name
	if len(z.env.Passwords) == 0 || zf.Flags&0x40 != 0 { // 0x40: PKWARE strong encryption, unsupported
		z.locked = append(z.locked, name)
		return nil
	}
	if !z.precheck(loc, name, zf.UncompressedSize64, zf.CompressedSize64) {
		return nil
	}
	yf := z.yfile(zf)
	if yf == nil {
		z.locked = append(z.locked, name)
		return nil
	}
	for _, pw := range z.candidates() {
		for _, raw := range passwordBytes(pw) {
			if !z.checkByteOK(zf, raw) {
				continue
			}
			yf.SetPassword(raw)
			data, err := z.safeRead(func() (io.ReadCloser, error) { return yf.Open() }, zf.UncompressedSize64, zf.CompressedSize64)
			if err == nil || isLimit(err) || errors.Is(err, context.DeadlineExceeded) {
				if err == nil {
					z.opened(pw)
				}
				return z.emit(loc, name, data, err)
			}
			// A wrong password shows up as a flate or checksum error.
		}
	}
	z.locked = append(z.locked, name)
	return nil
}

// candidates returns the passwords, the one that worked first: a PPAP
// archive has one password for all members.
func (z *zipRun) candidates() []string {
	if z.goodPW == "" {
		return z.env.Passwords
	}
	c := make([]string, 0, len(z.env.Passwords))
	c = append(c, z.goodPW)
	for _, p := range z.env.Passwords {
		if p != z.goodPW {
			c = append(c, p)
		}
	}
	return c
}

func (z *zipRun) opened(pw string) {
	z.goodPW = pw
	if !z.unlocked {
		z.unlocked = true
		z.out.Unlocked(z.f.Location, pw)
	}
}

// passwordBytes returns the byte forms a password may have been typed in:
// UTF-8, and for non-ASCII passwords CP932 (Windows zip tools in Japan).
func passwordBytes(pw string) []string {
	forms := []string{pw}
	for i := 0; i < len(pw); i++ {
		if pw[i] >= 0x80 {
			if s, err := japanese.ShiftJIS.NewEncoder().String(pw); err == nil && s != pw {
				forms = append(forms, s)
			}
			break
		}
	}
	return forms
}

// yfile finds the yeka/zip view of a member (same data offset), parsing
// the archive again with yeka/zip on first use: the standard library
// cannot decrypt, yeka/zip is an old fork without its later fixes, so it
// is used for encrypted members only.
func (z *zipRun) yfile(zf *zip.File) *yzip.File {
	if z.yfiles == nil {
		z.yfiles = map[int64]*yzip.File{}
		func() {
			defer func() { _ = recover() }()
			yr, err := yzip.NewReader(bytes.NewReader(z.f.Data), int64(len(z.f.Data)))
			if err != nil {
				return
			}
			z.yr = yr
			for _, yf := range yr.File {
				if off, err := yf.DataOffset(); err == nil {
					z.yfiles[off] = yf
				}
			}
		}()
	}
	off, err := zf.DataOffset()
	if err != nil {
		return nil
	}
	yf := z.yfiles[off]
	// yeka/zip allocates the whole compressed size for ZipCrypto: make
	// sure it is really there.
	if yf == nil || yf.CompressedSize64 > uint64(len(z.f.Data)) || uint64(off)+yf.CompressedSize64 > uint64(len(z.f.Data)) {
		return nil
	}
	return yf
}

// checkByteOK runs the ZipCrypto password check on the 12-byte header
// (APPNOTE 6.1.6): the last decrypted byte is the high byte of the CRC,
// or of the DOS time when a data descriptor is used. It rejects 255 of
// 256 wrong passwords without decompressing. AES members (method 99)
// carry their own verifier, checked by yeka/zip.
func (z *zipRun) checkByteOK(zf *zip.File, pw string) bool {
	if zf.Method == 99 {
		return true
	}
	off, err := zf.DataOffset()
	if err != nil || off+12 > int64(len(z.f.Data)) {
		return false
	}
	hdr := yzip.NewZipCrypto([]byte(pw)).Decrypt(z.f.Data[off : off+12])
	return hdr[11] == byte(zf.CRC32>>24) || hdr[11] == byte(zf.ModifiedTime>>8)
}

// decodeZipName decodes a member name: the Info-ZIP Unicode Path extra
// field when it matches, else valid UTF-8 as is (flagged or not: macOS
// and Linux tools often omit the flag), else CP932 (Japanese Windows), else
// CP437 (the ZIP default).
func decodeZipName(raw string, extra []byte) string {
	if n, ok := unicodePathExtra(extra, raw); ok {
		return n
	}
	if utf8.ValidString(raw) {
		return raw
	}
	if s, err := japanese.ShiftJIS.NewDecoder().String(raw); err == nil && !strings.ContainsRune(s, utf8.RuneError) {
		return s
	}
	s, err := charmap.CodePage437.NewDecoder().String(raw)
	if err != nil {
		return strings.ToValidUTF8(raw, "\uFFFD")
	}
	return s
}

// unicodePathExtra reads the Info-ZIP Unicode Path field (0x7075), which
// 7-Zip and WinRAR add; it is valid only if its CRC matches the raw name.
func unicodePathExtra(extra []byte, raw string) (string, bool) {
	for len(extra) >= 4 {
		id := binary.LittleEndian.Uint16(extra)
		n := int(binary.LittleEndian.Uint16(extra[2:]))
		if 4+n > len(extra) {
			return "", false
		}
		body := extra[4 : 4+n]
		extra = extra[4+n:]
		if id != 0x7075 || len(body) < 5 || body[0] != 1 {
			continue
		}
		if binary.LittleEndian.Uint32(body[1:]) != crc32.ChecksumIEEE([]byte(raw)) {
			return "", false
		}
		name := string(body[5:])
		return name, utf8.ValidString(name) && name != ""
	}
	return "", false
}

// salvage reads members from their local headers when the central
// directory is missing or broken (truncated download, one part of a
// spanned archive).
func (z *zipRun) salvage(cause error) error {
	data := z.f.Data
	found := 0
	for i := 0; i+30 <= len(data); {
		j := bytes.Index(data[i:], []byte("PK\x03\x04"))
		if j < 0 {
			break
		}
		off := i + j
		i = off + 4
		if err := z.ctx.Err(); err != nil {
			return fmt.Errorf("zip %s: %w", z.f.Name, err)
		}
		h := data[off:]
		if len(h) < 30 {
			break
		}
		flags := binary.LittleEndian.Uint16(h[6:])
		method := binary.LittleEndian.Uint16(h[8:])
		csize := uint64(binary.LittleEndian.Uint32(h[18:]))
		usize := uint64(binary.LittleEndian.Uint32(h[22:]))
		nlen := int(binary.LittleEndian.Uint16(h[26:]))
		elen := int(binary.LittleEndian.Uint16(h[28:]))
		start := off + 30 + nlen + elen
		if start > len(data) {
			break
		}
		rawName := string(h[30 : 30+nlen])
		if strings.HasSuffix(rawName, "/") {
			i = start
			continue
		}
		found++
		z.members++
		if z.members > z.lim.MaxMembers {
			z.out.Problem(z.f.Location, fmt.Errorf("zip %s: %w", z.f.Name, &extract.LimitError{Limit: "members", Value: int64(z.lim.MaxMembers)}))
			break
		}
		name := z.names.name(cleanName(decodeZipName(rawName, h[30+nlen:30+nlen+elen]), z.members-1))
		z.listing = append(z.listing, name)
		loc := z.f.Location + "/" + name
		if flags&0x1 != 0 {
			z.locked = append(z.locked, name)
			continue
		}
		known := flags&0x8 == 0 && start+int(min(csize, uint64(len(data)))) <= len(data)
		var body []byte
		if known {
			body = data[start : start+int(csize)]
			i = start + int(csize)
		} else {
			body = data[start:] // deflate ends by itself; stored data ends at the next header
			if method == 0 {
				if k := bytes.Index(body, []byte("PK\x07\x08")); k >= 0 {
					body = body[:k]
				} else if k := bytes.Index(body, []byte("PK\x03\x04")); k >= 0 {
					body = body[:k]
				}
			}
			usize, csize = 0, uint64(len(body))
		}
		if !z.precheck(loc, name, usize, csize) {
			continue
		}
		var open func() (io.ReadCloser, error)
		switch method {
		case 0:
			open = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		case 8:
			open = func() (io.ReadCloser, error) { return flate.NewReader(bytes.NewReader(body)), nil }
		default:
			z.out.Problem(loc, fmt.Errorf("zip %s: method %d: %w", name, method, extract.ErrUnsupported))
			continue
		}
		data, err := z.safeRead(open, usize, csize)
		if err := z.emit(loc, name, data, err); err != nil {
			return err
		}
	}
	if found == 0 {
		return fmt.Errorf("zip %s: %v: %w", z.f.Name, cause, extract.ErrCorrupt)
	}
	z.out.Problem(z.f.Location, fmt.Errorf("zip %s: central directory unreadable (%v); %d members read from local headers: %w",
		z.f.Name, cause, found, extract.ErrCorrupt))
	return z.finish()
}
