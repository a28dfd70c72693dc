package mailgen

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"html"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// PPAPPassword is the password of the generated PPAP pair: the encrypted
// ZIP's mail and, three minutes later, the mail that gives it.
const PPAPPassword = "Xk7pQ2m9"

// officeCases adds messages whose personal data sits in real attachment
// formats: an Excel customer list, a CP932 CSV, a Word résumé with a
// form table, a PDF with Japanese text, a ZIP of files in a ZIP, and a
// PPAP pair. Values in cells are labelled with the cell's location.
func (g *gen) officeCases() {
	g.xlsxList()
	g.csvList()
	g.docxResume()
	g.pdfForm()
	g.nestedZip()
	g.ppapPair()
}

// cellRef is an Excel reference: column index 0 → "A".
func cellRef(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col+1, row)
	return name
}

// customerTable is a header and rows of customers drawn from the world,
// with labels for the e-mail and phone columns at loc(col, row).
func (m *msgb) customerTable(n int, loc func(col, row int) string, firstRow int) ([]string, [][]string) {
	header := []string{"氏名", "電話番号", "メールアドレス", "備考"}
	var rows [][]string
	used := map[*person]bool{}
	for i := 0; i < n; i++ {
		var p *person
		for tries := 0; tries < 20; tries++ {
			p = m.g.w.pickJa(m.r, m.g.w.owner)
			if !used[p] {
				break
			}
		}
		used[p] = true
		row := firstRow + i
		ph := p.mobile.format(psDash)
		rows = append(rows, []string{p.family + " " + p.given, ph, p.email, fmt.Sprintf("受付番号 %d", 20240000+m.r.IntN(9999))})
		m.label("phone", p.mobile.e164(), loc(1, row))
		m.label("email", strings.ToLower(p.email), loc(2, row))
	}
	return header, rows
}

func (g *gen) xlsxList() {
	m := g.newMsg("attach-xlsx-customers", FolderInbox)
	w := g.w
	sender := w.pickJa(m.r, w.owner)
	const name, sheet = "顧客一覧.xlsx", "顧客一覧"
	loc := func(col, row int) string { return "attachment:" + name + "#" + sheet + "!" + cellRef(col, row) }
	header, rows := m.customerTable(4, loc, 3)
	data := xlsxFile(sheet, "顧客一覧（2024年3月末時点）", header, rows)
	body := m.text(locBody).add(w.owner.family, "様\n\n顧客一覧を添付にてお送りします。\n\n")
	signature(body, m.r, sender)
	m.exp.Subject = "顧客一覧の送付"
	m.finish(m.headers(m.from(of(sender, nsJIS)), m.addrs("header:To", of(w.owner, nsJIS)), "", bWord(csJIS, m.exp.Subject)),
		newMultipart("mixed", m.boundary(1), m.textLeaf("plain", csJIS, "ISO-2022-JP", "7bit", body),
			m.binary("attachment:"+name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "attachment;\r\n "+param2231("filename", csUTF8, name), data)))
}

func (g *gen) csvList() {
	m := g.newMsg("attach-csv-cp932", FolderInbox)
	w := g.w
	sender := w.pickJa(m.r, w.owner)
	const name = "申込者一覧.csv"
	loc := func(col, row int) string { return "attachment:" + name + "#" + cellRef(col, row) }
	header, rows := m.customerTable(3, loc, 2)
	var b strings.Builder
	for _, r := range append([][]string{header}, rows...) {
		b.WriteString(strings.Join(r, ",") + "\r\n")
	}
	body := m.text(locBody).add(w.owner.family, "様\n\n申込者一覧（CSV）をお送りします。\n\n")
	signature(body, m.r, sender)
	m.exp.Subject = "申込者一覧"
	m.finish(m.headers(m.from(of(sender, nsJIS)), m.addrs("header:To", of(w.owner, nsJIS)), "", bWord(csJIS, m.exp.Subject)),
		newMultipart("mixed", m.boundary(2), m.textLeaf("plain", csJIS, "ISO-2022-JP", "7bit", body),
			m.binary("attachment:"+name, "application/octet-stream", "attachment;\r\n "+param2231("filename", csUTF8, name), csCP932.mustEncode(b.String()))))
}

func (g *gen) docxResume() {
	m := g.newMsg("attach-docx-resume", FolderInbox)
	w := g.w
	applicant := w.pickJa(m.r, w.owner)
	const name = "履歴書.docx"
	loc := "attachment:" + name
	m.label("phone", applicant.mobile.e164(), loc)
	m.label("email", strings.ToLower(applicant.private), loc)
	data := docxFile([]string{"履歴書", "下記のとおり応募いたします。"}, [][]string{
		{"氏名", applicant.family + " " + applicant.given},
		{"携帯電話", applicant.mobile.format(psDash)},
		{"メール", applicant.private},
	})
	body := m.text(locBody).add("採用ご担当者様\n\n履歴書を添付いたします。\nよろしくお願いいたします。\n")
	m.exp.Subject = "応募書類の送付"
	m.finish(m.headers(m.from(addr{name: applicant.fullName(), email: applicant.private, style: nsJIS}), m.addrs("header:To", of(w.owner, nsJIS)), "", bWord(csJIS, m.exp.Subject)),
		newMultipart("mixed", m.boundary(0), m.textLeaf("plain", csJIS, "ISO-2022-JP", "7bit", body),
			m.binary(loc, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "attachment;\r\n "+param2231("filename", csUTF8, name), data)))
}

func (g *gen) pdfForm() {
	m := g.newMsg("attach-pdf-form", FolderInbox)
	w := g.w
	customer := w.pickJa(m.r, w.owner)
	const name = "口座開設申込書.pdf"
	loc := "attachment:" + name + "#p1"
	m.label("phone", customer.mobile.e164(), loc)
	m.label("email", strings.ToLower(customer.private), loc)
	data := pdfFile([]string{
		"口座開設申込書",
		"お名前　" + customer.family + " " + customer.given,
		"TEL " + customer.mobile.format(psDash),
		"E-mail " + customer.private,
	})
	body := m.text(locBody).add(w.owner.family, "様\n\n申込書のPDFをお送りします。\n")
	m.exp.Subject = "口座開設申込書"
	m.finish(m.headers(m.from(addr{name: customer.fullName(), email: customer.private, style: nsJIS}), m.addrs("header:To", of(w.owner, nsJIS)), "", bWord(csJIS, m.exp.Subject)),
		newMultipart("mixed", m.boundary(1), m.textLeaf("plain", csJIS, "ISO-2022-JP", "7bit", body),
			m.binary("attachment:"+name, "application/pdf", "attachment;\r\n "+param2231("filename", csUTF8, name), data)))
}

func (g *gen) nestedZip() {
	m := g.newMsg("attach-zip-nested", FolderInbox)
	w := g.w
	sender := w.pickJa(m.r, w.owner)
	const name = "資料一式.zip"
	loc := func(col, row int) string {
		return "attachment:" + name + "/内部/名簿.zip/名簿.csv#" + cellRef(col, row)
	}
	header, rows := m.customerTable(2, loc, 2)
	var b strings.Builder
	for _, r := range append([][]string{header}, rows...) {
		b.WriteString(strings.Join(r, ",") + "\n")
	}
	inner := zipFile([]zipMember{{"名簿.csv", []byte(b.String())}}, "", false)
	outer := zipFile([]zipMember{{"内部/名簿.zip", inner}, {"readme.txt", []byte("資料一式です。\n")}}, "", true)
	body := m.text(locBody).add(w.owner.family, "様\n\n資料一式をZIPでお送りします。\n")
	m.exp.Subject = "資料一式"
	m.finish(m.headers(m.from(of(sender, nsJIS)), m.addrs("header:To", of(w.owner, nsJIS)), "", bWord(csJIS, m.exp.Subject)),
		newMultipart("mixed", m.boundary(2), m.textLeaf("plain", csJIS, "ISO-2022-JP", "7bit", body),
			m.binary("attachment:"+name, "application/zip", "attachment;\r\n "+param2231("filename", csUTF8, name), outer)))
}

// ppapPair: the encrypted ZIP, then the password from the same sender.
func (g *gen) ppapPair() {
	w := g.w
	m := g.newMsg("ppap-encrypted-zip", FolderInbox)
	sender := w.pickJa(m.r, w.owner)
	const name = "送付資料.zip"
	loc := func(col, row int) string { return "attachment:" + name + "/顧客リスト.csv#" + cellRef(col, row) }
	header, rows := m.customerTable(3, loc, 2)
	var b strings.Builder
	for _, r := range append([][]string{header}, rows...) {
		b.WriteString(strings.Join(r, ",") + "\n")
	}
	data := zipFile([]zipMember{{"顧客リスト.csv", []byte(b.String())}}, PPAPPassword, false)
	body := m.text(locBody).add(w.owner.family, "様\n\n資料をパスワード付きZIPでお送りします。\nパスワードは別途お送りします。\n\n")
	signature(body, m.r, sender)
	m.exp.Subject = "【送付】顧客リスト"
	m.finish(m.headers(m.from(of(sender, nsJIS)), m.addrs("header:To", of(w.owner, nsJIS)), "", bWord(csJIS, m.exp.Subject)),
		newMultipart("mixed", m.boundary(0), m.textLeaf("plain", csJIS, "ISO-2022-JP", "7bit", body),
			m.binary("attachment:"+name, "application/zip", "attachment;\r\n "+param2231("filename", csUTF8, name), data)))

	p := g.start(g.rand("case/ppap-password"), "ppap-password", FolderInbox, m.date.Add(3*time.Minute))
	pb := p.text(locBody).add(w.owner.family, "様\n\n先ほどお送りしたファイルのパスワードをお知らせします。\n\nパスワード：", PPAPPassword, "\n\n")
	signature(pb, p.r, sender)
	p.exp.Subject = "【パスワード】顧客リスト"
	p.finish(p.headers(p.from(of(sender, nsJIS)), p.addrs("header:To", of(w.owner, nsJIS)), "", bWord(csJIS, p.exp.Subject)),
		p.textLeaf("plain", csJIS, "ISO-2022-JP", "7bit", pb))
}

// xlsxFile writes one sheet: a title row, an empty row? no: the title in
// row 1, the header in row 2, the rows from row 3.
func xlsxFile(sheet, title string, header []string, rows [][]string) []byte {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", sheet)
	f.SetCellValue(sheet, "A1", title)
	for c, h := range header {
		f.SetCellValue(sheet, cellRef(c, 2), h)
	}
	for r, row := range rows {
		for c, v := range row {
			f.SetCellValue(sheet, cellRef(c, r+3), v)
		}
	}
	// Fixed properties: the file must be the same bytes every time.
	f.SetDocProps(&excelize.DocProperties{Creator: "mailgen", Created: "2024-03-01T00:00:00Z", Modified: "2024-03-01T00:00:00Z"})
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		panic("mailgen: xlsx: " + err.Error())
	}
	return b.Bytes()
}

// docxFile writes a minimal Word document: paragraphs, then a two-column
// label | value table.
func docxFile(paras []string, table [][]string) []byte {
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, p := range paras {
		doc.WriteString(`<w:p><w:r><w:t>` + html.EscapeString(p) + `</w:t></w:r></w:p>`)
	}
	doc.WriteString(`<w:tbl>`)
	for _, row := range table {
		doc.WriteString(`<w:tr>`)
		for _, c := range row {
			doc.WriteString(`<w:tc><w:p><w:r><w:t>` + html.EscapeString(c) + `</w:t></w:r></w:p></w:tc>`)
		}
		doc.WriteString(`</w:tr>`)
	}
	doc.WriteString(`</w:tbl></w:body></w:document>`)
	return zipFile([]zipMember{
		{"[Content_Types].xml", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`)},
		{"_rels/.rels", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`)},
		{"word/document.xml", []byte(doc.String())},
	}, "", true)
}

type zipMember struct {
	name string
	data []byte
}

// zipFile writes members with fixed times; with a password, ZipCrypto
// ("standard") encryption as `zip -P` does; utf8Names false writes the
// names in CP932 without the UTF-8 flag, as Japanese Windows does.
func zipFile(ms []zipMember, password string, utf8Names bool) []byte {
	var b bytes.Buffer
	mod := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	zw := zip.NewWriter(&b)
	if password != "" {
		for i, m := range ms {
			raw, fh := zipCryptoMember(m, password, mod, uint64(i))
			w, err := zw.CreateRaw(fh)
			if err != nil {
				panic("mailgen: zip: " + err.Error())
			}
			w.Write(raw)
		}
		if err := zw.Close(); err != nil {
			panic("mailgen: zip: " + err.Error())
		}
		return b.Bytes()
	}
	for _, m := range ms {
		name := m.name
		fh := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: mod}
		if !utf8Names {
			fh.Name = string(csCP932.mustEncode(name))
			fh.NonUTF8 = true
		}
		w, err := zw.CreateHeader(fh)
		if err != nil {
			panic("mailgen: zip: " + err.Error())
		}
		w.Write(m.data)
	}
	if err := zw.Close(); err != nil {
		panic("mailgen: zip: " + err.Error())
	}
	return b.Bytes()
}

// pdfFile writes a one-page PDF whose lines are shown with the
// non-embedded CID font HeiseiKakuGo-W5 in UniJIS-UCS2-H encoding, as
// old Japanese PDFs are: a reader must know the predefined CMap.
func pdfFile(lines []string) []byte {
	var content strings.Builder
	content.WriteString("BT /F1 11 Tf 14 TL 56 780 Td\n")
	for _, l := range lines {
		var hexs strings.Builder
		for _, u := range utf16.Encode([]rune(l)) {
			fmt.Fprintf(&hexs, "%04X", u)
		}
		content.WriteString("<" + hexs.String() + "> Tj T*\n")
	}
	content.WriteString("ET\n")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiKakuGo-W5 /Encoding /UniJIS-UCS2-H /DescendantFonts [6 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiKakuGo-W5 /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>",
		"<< /Type /FontDescriptor /FontName /HeiseiKakuGo-W5 /Flags 4 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// zipCryptoMember deflates and encrypts m with traditional PKWARE
// encryption (APPNOTE 6.1), deterministically: the 12-byte encryption
// header comes from seed, not from a random source, so the corpus is the
// same bytes every time.
func zipCryptoMember(m zipMember, password string, mod time.Time, seed uint64) ([]byte, *zip.FileHeader) {
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.DefaultCompression)
	fw.Write(m.data)
	fw.Close()
	crc := crc32.ChecksumIEEE(m.data)
	k := zipKeys{0x12345678, 0x23456789, 0x34567890}
	for _, c := range []byte(password) {
		k.update(c)
	}
	head := make([]byte, 12)
	x := seed*0x9E3779B97F4A7C15 + 1
	for i := range head[:11] {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		head[i] = byte(x)
	}
	head[11] = byte(crc >> 24) // the check byte readers verify the password with
	plain := append(head, comp.Bytes()...)
	out := make([]byte, len(plain))
	for i, c := range plain {
		out[i] = c ^ k.stream()
		k.update(c)
	}
	fh := &zip.FileHeader{Name: m.name, Method: zip.Deflate, Modified: mod, CRC32: crc,
		CompressedSize64: uint64(len(out)), UncompressedSize64: uint64(len(m.data))}
	fh.Flags |= 0x1 | 0x800 // encrypted, UTF-8 name
	return out, fh
}

type zipKeys [3]uint32

func (k *zipKeys) update(c byte) {
	k[0] = crcUpdate(k[0], c)
	k[1] = (k[1]+(k[0]&0xff))*134775813 + 1
	k[2] = crcUpdate(k[2], byte(k[1]>>24))
}

func (k *zipKeys) stream() byte {
	t := k[2] | 2
	return byte((t * (t ^ 1)) >> 8)
}

func crcUpdate(crc uint32, b byte) uint32 {
	return crc32.IEEETable[byte(crc)^b] ^ (crc >> 8)
}
