package pdf

// A tiny PDF writer for tests: every PDF the tests use is built here, so
// the expected text is known exactly and no binary fixture is needed.

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"crypto/rc4"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/japanese"
)

// builder collects numbered objects and writes them with a valid xref.
type builder struct {
	objs []string // objs[i] is the body of object i+1
	key  []byte   // RC4 file key when the PDF is encrypted
}

// reserve returns a new object number whose body is set later.
func (b *builder) reserve() int {
	b.objs = append(b.objs, "null")
	return len(b.objs)
}

func (b *builder) set(n int, body string) { b.objs[n-1] = body }

func (b *builder) add(body string) int {
	n := b.reserve()
	b.set(n, body)
	return n
}

// stream adds a stream object; dict holds the entries besides /Length.
// The data is encrypted when the builder has a key.
func (b *builder) stream(dict string, data []byte) int {
	n := b.reserve()
	data = b.crypt(n, data)
	b.set(n, fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data))
	return n
}

// str returns s as a PDF hex string, encrypted for object n when the
// builder has a key.
func (b *builder) str(n int, s []byte) string {
	return "<" + hex.EncodeToString(b.crypt(n, s)) + ">"
}

func (b *builder) crypt(n int, data []byte) []byte {
	if b.key == nil {
		return data
	}
	k := append(append([]byte{}, b.key...), byte(n), byte(n>>8), byte(n>>16), 0, 0)
	sum := md5.Sum(k)
	c, err := rc4.NewCipher(sum[:len(b.key)+5])
	if err != nil {
		panic(err)
	}
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}

// bytes writes the file; trailer holds extra trailer entries.
func (b *builder) bytes(root int, trailer string) []byte {
	var w bytes.Buffer
	w.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(b.objs))
	for i, body := range b.objs {
		offs[i] = w.Len()
		fmt.Fprintf(&w, "%d 0 obj\n%s\nendobj\n", i+1, body)
	}
	xref := w.Len()
	fmt.Fprintf(&w, "xref\n0 %d\n0000000000 65535 f \n", len(b.objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&w, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&w, "trailer\n<< /Size %d /Root %d 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(b.objs)+1, root, trailer, xref)
	return w.Bytes()
}

// utf16BE encodes s as a PDF text string (UTF-16BE with BOM).
func utf16BE(s string) []byte {
	out := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		out = binary.BigEndian.AppendUint16(out, u)
	}
	return out
}

// hexUCS2 is s as a hex string of UTF-16BE code units, no BOM: the byte
// form UniJIS-UCS2-H expects in a content stream.
func hexUCS2(s string) string {
	return "<" + hex.EncodeToString(utf16BE(s)[2:]) + ">"
}

// hexSJIS is s in Shift_JIS as a hex string, for 90ms-RKSJ-H.
func hexSJIS(s string) string {
	enc, err := japanese.ShiftJIS.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return "<" + hex.EncodeToString([]byte(enc)) + ">"
}

// pageSpec is one page to write: a content stream using the fonts /F1
// (Helvetica), /F2 (HeiseiKakuGo-W5, UniJIS-UCS2-H) and /F3
// (HeiseiKakuGo-W5, 90ms-RKSJ-H), and optionally the image /Im1.
type pageSpec struct {
	content string
	image   bool // add a 64x64 gray image as /Im1
	annots  []int
}

// pdfDoc describes a test PDF.
type pdfDoc struct {
	pages    []pageSpec
	info     map[string]string // Info dictionary (Author, Creator ...)
	fields   []formField       // AcroForm text fields, all on page 1
	embedded map[string][]byte // embedded files (EmbeddedFiles name tree)
	// userPW/ownerPW set the RC4 40-bit standard security handler.
	encrypt          bool
	userPW, ownerPW  string
	kidsLoop         bool // the page tree's second node has the root as a kid
	extraPageContent func(i int) string
}

type formField struct {
	name, label, value string
	rect               string
}

// build writes d as a PDF.
func (d pdfDoc) build() []byte {
	b := &builder{}
	id := []byte("mailsift-test-id")
	var encDict string
	if d.encrypt {
		o, u, key := rc4Security(d.userPW, d.ownerPW, -44, id)
		b.key = key
		encDict = fmt.Sprintf("<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <%x> /U <%x> >>", o, u)
	}
	catalog := b.reserve()
	pagesN := b.reserve()
	f1 := b.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	desc := b.add("<< /Type /FontDescriptor /FontName /HeiseiKakuGo-W5 /Flags 4 /FontBBox [-92 -250 1010 922] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
	cid := b.add(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiKakuGo-W5 /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> /FontDescriptor %d 0 R /DW 1000 >>", desc))
	f2 := b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiKakuGo-W5-UniJIS-UCS2-H /Encoding /UniJIS-UCS2-H /DescendantFonts [%d 0 R] >>", cid))
	f3 := b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiKakuGo-W5-90ms-RKSJ-H /Encoding /90ms-RKSJ-H /DescendantFonts [%d 0 R] >>", cid))
	img := b.stream("/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8", grayPattern(64))
	fonts := fmt.Sprintf("/Font << /F1 %d 0 R /F2 %d 0 R /F3 %d 0 R >>", f1, f2, f3)

	var widgets []int
	var kids []string
	pageNums := make([]int, len(d.pages))
	for i := range d.pages {
		pageNums[i] = b.reserve()
	}
	for _, fl := range d.fields {
		n := b.reserve()
		body := fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Tx /F 4 /Rect [%s] /P %d 0 R /T %s", fl.rect, pageNums[0], b.str(n, utf16BE(fl.name)))
		if fl.label != "" {
			body += " /TU " + b.str(n, utf16BE(fl.label))
		}
		if fl.value != "" {
			body += " /V " + b.str(n, utf16BE(fl.value))
		}
		b.set(n, body+" /DA (/F2 10 Tf 0 g) >>")
		widgets = append(widgets, n)
	}
	for i, p := range d.pages {
		content := p.content
		if d.extraPageContent != nil {
			content += d.extraPageContent(i)
		}
		c := b.stream("", []byte(content))
		res := "<< " + fonts
		if p.image {
			res += fmt.Sprintf(" /XObject << /Im1 %d 0 R >>", img)
		}
		res += " >>"
		annots := ""
		if i == 0 && len(widgets) > 0 {
			annots = " /Annots ["
			for _, w := range widgets {
				annots += fmt.Sprintf("%d 0 R ", w)
			}
			annots += "]"
		}
		b.set(pageNums[i], fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %d 0 R%s >>", pagesN, res, c, annots))
		kids = append(kids, fmt.Sprintf("%d 0 R", pageNums[i]))
	}
	if d.kidsLoop {
		// An intermediate node whose kids include the root: a cycle.
		loop := b.add(fmt.Sprintf("<< /Type /Pages /Parent %d 0 R /Kids [%d 0 R] /Count 1000000 >>", pagesN, pagesN))
		kids = append(kids, fmt.Sprintf("%d 0 R", loop))
		b.set(pagesN, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count 1000001 >>", strings.Join(kids, " ")))
	} else {
		b.set(pagesN, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids)))
	}

	cat := fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R", pagesN)
	if len(widgets) > 0 {
		var refs []string
		for _, w := range widgets {
			refs = append(refs, fmt.Sprintf("%d 0 R", w))
		}
		cat += fmt.Sprintf(" /AcroForm << /Fields [%s] /DR << %s >> /DA (/F2 10 Tf 0 g) >>", strings.Join(refs, " "), fonts)
	}
	if len(d.embedded) > 0 {
		var names []string
		for _, name := range sortedKeys(d.embedded) {
			ef := b.stream("/Type /EmbeddedFile", d.embedded[name])
			fs := b.reserve()
			b.set(fs, fmt.Sprintf("<< /Type /Filespec /F %s /UF %s /EF << /F %d 0 R >> >>", b.str(fs, []byte(name)), b.str(fs, utf16BE(name)), ef))
			names = append(names, fmt.Sprintf("%s %d 0 R", b.str(catalog, []byte(name)), fs))
		}
		cat += fmt.Sprintf(" /Names << /EmbeddedFiles << /Names [%s] >> >>", strings.Join(names, " "))
	}
	b.set(catalog, cat+" >>")

	trailer := fmt.Sprintf("/ID [<%x> <%x>]", id, id)
	if len(d.info) > 0 {
		n := b.reserve()
		body := "<<"
		for _, k := range sortedKeys(d.info) {
			body += " /" + k + " " + b.str(n, utf16BE(d.info[k]))
		}
		b.set(n, body+" >>")
		trailer += fmt.Sprintf(" /Info %d 0 R", n)
	}
	if d.encrypt {
		b.key, trailer = nil, trailer+fmt.Sprintf(" /Encrypt %d 0 R", b.add(encDict))
	}
	return b.bytes(catalog, trailer)
}

// grayPattern is an n×n 8-bit image: black on the left half, white on the right.
func grayPattern(n int) []byte {
	px := make([]byte, n*n)
	for y := 0; y < n; y++ {
		for x := n / 2; x < n; x++ {
			px[y*n+x] = 0xff
		}
	}
	return px
}

var pdfPadding = []byte{
	0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08,
	0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
}

func padPW(pw string) []byte {
	return append([]byte(pw), pdfPadding...)[:32]
}

// rc4Security computes /O, /U and the file key of the standard security
// handler, revision 2 (40-bit RC4), per ISO 32000-1 §7.6.3.3 algorithms 2–4.
func rc4Security(userPW, ownerPW string, perm int32, id []byte) (o, u, key []byte) {
	if ownerPW == "" {
		ownerPW = userPW
	}
	oh := md5.Sum(padPW(ownerPW))
	c, _ := rc4.NewCipher(oh[:5])
	o = make([]byte, 32)
	c.XORKeyStream(o, padPW(userPW))

	h := md5.New()
	h.Write(padPW(userPW))
	h.Write(o)
	h.Write(binary.LittleEndian.AppendUint32(nil, uint32(perm)))
	h.Write(id)
	key = h.Sum(nil)[:5]

	c, _ = rc4.NewCipher(key)
	u = make([]byte, 32)
	c.XORKeyStream(u, pdfPadding)
	return o, u, key
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// textOps is a content stream showing each line with font f at 12 pt, one
// line under the other; lines are already-encoded PDF strings.
func textOps(f string, lines ...string) string {
	var s strings.Builder
	fmt.Fprintf(&s, "BT /%s 12 Tf 72 720 Td 14 TL\n", f)
	for _, l := range lines {
		fmt.Fprintf(&s, "%s Tj T*\n", l)
	}
	s.WriteString("ET\n")
	return s.String()
}

// imageOps draws /Im1 over most of the page.
const imageOps = "q 468 0 0 648 72 72 cm /Im1 Do Q\n"

// heavyPDF is one page whose content would take pdfium very long: a
// stream of ops q Q repeated reps times (flate-compressed, so the file
// stays small), drawn depth levels deep through form XObjects that each
// draw the level below fan times.
func heavyPDF(reps, depth, fan int) []byte {
	b := &builder{}
	catalog := b.reserve()
	pagesN := b.reserve()
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	op := []byte("q 0 0 m 1 1 l S Q\n")
	for range reps {
		zw.Write(op)
	}
	zw.Close()
	prev := b.stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Filter /FlateDecode", z.Bytes())
	for range depth {
		body := strings.Repeat("q /X Do Q\n", fan)
		prev = b.stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X %d 0 R >> >>", prev), []byte(body))
	}
	c := b.stream("", []byte("q /X Do Q\n"))
	pg := b.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X %d 0 R >> >> /Contents %d 0 R >>", pagesN, prev, c))
	b.set(pagesN, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg))
	b.set(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesN))
	return b.bytes(catalog, "")
}

// annotatedPDF has markup annotations on its one page: a FreeText (what
// "Fill & Sign" tools add), a sticky note by the same author, its popup
// (which repeats the note) and a link.
func annotatedPDF() []byte {
	b := &builder{}
	catalog := b.reserve()
	pagesN := b.reserve()
	pg := b.reserve()
	f1 := b.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	c := b.stream("", []byte(textOps("F1", "(body)")))
	free := b.add(fmt.Sprintf("<< /Type /Annot /Subtype /FreeText /Rect [100 100 300 120] /DA (/Helv 10 Tf 0 g) /Contents %s /T %s >>",
		b.str(0, utf16BE("山田様の電話 080-1111-2222")), b.str(0, utf16BE("佐藤"))))
	note := b.reserve()
	popup := b.add(fmt.Sprintf("<< /Type /Annot /Subtype /Popup /Rect [300 300 400 400] /Parent %d 0 R /Contents %s >>", note, b.str(0, utf16BE("2件目"))))
	b.set(note, fmt.Sprintf("<< /Type /Annot /Subtype /Text /Rect [50 50 70 70] /Contents %s /T %s /Popup %d 0 R >>",
		b.str(0, utf16BE("2件目")), b.str(0, utf16BE("佐藤")), popup))
	link := b.add("<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /Contents (link text) /A << /S /URI /URI (https://example.com/) >> >>")
	b.set(pg, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R /Annots [%d 0 R %d 0 R %d 0 R %d 0 R] >>",
		pagesN, f1, c, free, note, popup, link))
	b.set(pagesN, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg))
	b.set(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesN))
	return b.bytes(catalog, "")
}

// selfFormPDF's page draws a form XObject that has no resources of its
// own, so its "/X Do" finds the page's /X: itself. pdfium stops at a
// nesting depth, but with fan draws per level the work is fan^depth.
func selfFormPDF(fan int) []byte {
	b := &builder{}
	catalog := b.reserve()
	pagesN := b.reserve()
	form := b.stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10]", []byte(strings.Repeat("q 0 0 m 1 1 l S /X Do Q\n", fan)))
	c := b.stream("", []byte("BT /F1 12 Tf 72 720 Td (visible) Tj ET q /X Do Q\n"))
	f1 := b.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	pg := b.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> /XObject << /X %d 0 R >> >> /Contents %d 0 R >>", pagesN, f1, form, c))
	b.set(pagesN, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg))
	b.set(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesN))
	return b.bytes(catalog, "")
}

// hangOnPage2PDF is three pages; the second draws selfFormPDF's
// self-referencing form.
func hangOnPage2PDF() []byte {
	b := &builder{}
	catalog := b.reserve()
	pagesN := b.reserve()
	f1 := b.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	form := b.stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10]", []byte(strings.Repeat("q 0 0 m 1 1 l S /X Do Q\n", 3)))
	var kids []string
	for i := 1; i <= 3; i++ {
		content := textOps("F1", fmt.Sprintf("(page %d)", i))
		if i == 2 {
			content += "q /X Do Q\n"
		}
		c := b.stream("", []byte(content))
		pg := b.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> /XObject << /X %d 0 R >> >> /Contents %d 0 R >>", pagesN, f1, form, c))
		kids = append(kids, fmt.Sprintf("%d 0 R", pg))
	}
	b.set(pagesN, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count 3 >>", strings.Join(kids, " ")))
	b.set(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesN))
	return b.bytes(catalog, "")
}

// bombPDF has one text page and an embedded file that inflates to n MiB
// of zeros from about n KiB.
func bombPDF(n int) []byte {
	b := &builder{}
	catalog := b.reserve()
	pagesN := b.reserve()
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	row := make([]byte, 1<<20)
	for range n {
		zw.Write(row)
	}
	zw.Close()
	ef := b.stream("/Type /EmbeddedFile /Filter /FlateDecode", z.Bytes())
	fs := b.add(fmt.Sprintf("<< /Type /Filespec /F (bomb.bin) /EF << /F %d 0 R >> >>", ef))
	f1 := b.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	c := b.stream("", []byte(textOps("F1", "(before the bomb)")))
	pg := b.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", pagesN, f1, c))
	b.set(pagesN, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg))
	b.set(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R /Names << /EmbeddedFiles << /Names [(bomb.bin) %d 0 R] >> >> >>", pagesN, fs))
	return b.bytes(catalog, "")
}
