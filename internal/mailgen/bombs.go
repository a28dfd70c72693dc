package mailgen

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
)

// bombs adds attachments built to exhaust a reader: a ZIP that inflates
// to 1 GiB, a ZIP of ZIPs of it, a 1,000-page PDF and PDFs that loop (a
// page tree whose kids point back at it, a form that draws itself). Each
// message also carries one planted e-mail in its body, which must still be
// found.
func (g *gen) bombs() {
	zeros := zipBomb(1 << 30)
	nested := zipFile([]zipMember{{"a.zip", zeros}, {"b.zip", zeros}, {"c.zip", zeros}, {"d.zip", zeros}}, "", true)
	for _, c := range []struct {
		slug, name, ctype string
		data              []byte
	}{
		{"bomb-zip-1gib", "backup.zip", "application/zip", zeros},
		{"bomb-zip-nested", "archive.zip", "application/zip", nested},
		{"bomb-pdf-1000-pages", "manual.pdf", "application/pdf", pdfPages(1000)},
		{"bomb-pdf-kids-loop", "loop.pdf", "application/pdf", pdfKidsLoop()},
		{"bomb-pdf-form-loop", "form.pdf", "application/pdf", pdfFormLoop()},
	} {
		m := g.newMsg(c.slug, FolderInbox)
		m.exp.Hostile = true
		w := g.w
		sender := w.pickJa(m.r, w.owner)
		body := m.text(locBody).add("資料を添付します。\n連絡先：", emailAddr(sender.email, esPlain), "\n")
		m.exp.Subject = "添付資料"
		m.finish(m.headers(m.from(of(sender, nsJIS)), m.addrs("header:To", of(w.owner, nsJIS)), "", bWord(csJIS, m.exp.Subject)),
			newMultipart("mixed", m.boundary(0), m.textLeaf("plain", csJIS, "ISO-2022-JP", "7bit", body),
				m.binary("attachment:"+c.name, c.ctype, "attachment; filename=\""+c.name+"\"", c.data)))
	}
}

// zipBomb is a ZIP whose one member inflates to n zero bytes.
func zipBomb(n int64) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "zeros.bin", Method: zip.Deflate})
	chunk := make([]byte, 1<<20)
	for written := int64(0); written < n; written += int64(len(chunk)) {
		w.Write(chunk)
	}
	zw.Close()
	return b.Bytes()
}

// pdfDoc writes objects 1..n with an xref table; objs[0] is the catalog.
func pdfDoc(objs []string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
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

// pdfPages is an n-page PDF, one line of Helvetica text per page.
func pdfPages(n int) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
	var kids strings.Builder
	for i := 0; i < n; i++ {
		page, content := len(objs)+1, len(objs)+2
		fmt.Fprintf(&kids, "%d 0 R ", page)
		stream := fmt.Sprintf("BT /F1 12 Tf 72 720 Td (Page %d of the manual) Tj ET", i+1)
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", content),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream)+1, stream))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), n)
	return pdfDoc(objs)
}

// pdfKidsLoop is a page tree whose node lists itself among its kids.
func pdfKidsLoop() []byte {
	return pdfDoc([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1000000 >>",
		"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1000000 >>",
	})
}

// pdfFormLoop is a page that draws a form XObject that draws itself.
func pdfFormLoop() []byte {
	form := "q /X1 Do Q"
	page := "/X1 Do BT /F1 12 Tf 72 720 Td (loop) Tj ET"
	return pdfDoc([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X1 5 0 R >> /Font << /F1 6 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(page)+1, page),
		fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X1 5 0 R >> >> /Length %d >>\nstream\n%s\nendstream", len(form)+1, form),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	})
}
