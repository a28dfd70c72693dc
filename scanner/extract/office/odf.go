package office

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/mailsift/mailsift/scanner/extract"
)

// ODT returns the extractor of OpenDocument text and presentation files
// (.odt, .odp and templates): paragraphs, tables with their header or form
// label as Column, slides at "#slide3" with notes at "#slide3/notes",
// comments inline; meta.xml authors at "#props"; pictures as members.
func ODT() extract.Extractor { return odfExtractor{kind: "odt"} }

// ODS returns the extractor of OpenDocument spreadsheets (.ods): every
// non-empty cell at "#Sheet1!C12" with its column header as Column, dates
// as YYYY-MM-DD[ HH:MM], numbers as stored; comments with Column
// "comment"; meta.xml authors at "#props".
func ODS() extract.Extractor { return odfExtractor{kind: "ods"} }

type odfExtractor struct{ kind string }

var (
	odtExts  = []string{".odt", ".ott", ".odp", ".otp", ".fodt"}
	odtTypes = []string{
		"application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text-template",
		"application/vnd.oasis.opendocument.presentation", "application/vnd.oasis.opendocument.presentation-template",
	}
	odsExts  = []string{".ods", ".ots"}
	odsTypes = []string{"application/vnd.oasis.opendocument.spreadsheet", "application/vnd.oasis.opendocument.spreadsheet-template"}
)

const (
	maxRepeat  = 1000    // repeated non-empty cells or rows written out
	maxColumns = 1 << 14 // Excel's column count; ODF repeats can claim more
)

func (x odfExtractor) Name() string { return x.kind }

func (x odfExtractor) Match(f *extract.File) bool {
	if x.kind == "ods" {
		return matchPackage(f, []string{"ods"}, odsExts, odsTypes)
	}
	return matchPackage(f, []string{"odt", "odp"}, odtExts, odtTypes)
}

func (x odfExtractor) Extract(ctx context.Context, f *extract.File, env *extract.Env, out extract.Sink) error {
	lim := env.Limits.WithDefaults()
	if isEncryptedODF(f.Data) {
		return fmt.Errorf("%s %s: password-protected: %w", x.kind, f.Name, extract.ErrEncrypted)
	}
	p, err := openPackage(x.kind, f, lim)
	if err != nil {
		return err
	}
	if err := p.emitODFMeta(ctx, x.kind, out); err != nil {
		return err
	}
	zf := p.lookup("content.xml")
	if zf == nil {
		out.Problem(f.Location, fmt.Errorf("%s %s: no content.xml: %w", x.kind, f.Name, extract.ErrCorrupt))
	} else {
		if x.kind == "ods" {
			err = p.walkODS(ctx, zf, f.Location, out)
		} else {
			err = p.walkODT(ctx, zf, f.Location, out)
		}
		if err != nil {
			if stop(err) {
				return fmt.Errorf("%s %s: content.xml: %w", x.kind, f.Name, err)
			}
			out.Problem(f.Location, fmt.Errorf("%s %s: content.xml: %w", x.kind, f.Name, err))
		}
	}
	return p.emitMedia(x.kind, []string{"Pictures/"}, out)
}

// isEncryptedODF: ODF encrypts members in place and says so in the
// manifest; the names stay readable, the XML does not.
func isEncryptedODF(b []byte) bool {
	if !bytes.HasPrefix(b, zipMagic) {
		return false
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return false
	}
	for _, zf := range zr.File {
		if zf.Name != "META-INF/manifest.xml" || zf.UncompressedSize64 > 1<<20 {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return false
		}
		m, _ := io.ReadAll(io.LimitReader(rc, 1<<20))
		rc.Close()
		return bytes.Contains(m, []byte("encryption-data"))
	}
	return false
}

// emitODFMeta reads meta.xml: meta:initial-creator made the file,
// dc:creator saved it last.
func (p *pkg) emitODFMeta(ctx context.Context, format string, out extract.Sink) error {
	zf := p.lookup("meta.xml")
	if zf == nil {
		return nil
	}
	var pr props
	err := p.walkPart(ctx, zf, func(d *xml.Decoder, t xml.Token) error {
		se, ok := t.(xml.StartElement)
		if !ok {
			return nil
		}
		var dst *string
		switch se.Name.Local {
		case "initial-creator":
			dst = &pr.Creator
		case "creator":
			dst = &pr.LastModifiedBy
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
		out.Problem(p.loc+"#props", fmt.Errorf("%s meta.xml: %w", format, err))
	}
	return emitPropSegments(p.loc, pr, out)
}

// walkODT streams the content of a text or presentation document.
// Character data counts inside text:p and text:h only; ODF has no
// separate text element.
func (p *pkg) walkODT(ctx context.Context, zf *zip.File, loc string, out extract.Sink) error {
	fl := newFlow(out, loc)
	var (
		inPara, page int
		pageLoc      = loc
	)
	err := p.walkPart(ctx, zf, func(d *xml.Decoder, t xml.Token) error {
		switch t := t.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p", "h":
				inPara++
			case "s":
				n, _ := strconv.Atoi(attr(t, "c"))
				fl.write(strings.Repeat(" ", min(max(n, 1), 100)))
			case "tab":
				fl.write("\t")
			case "line-break":
				fl.write("\n")
			case "table":
				fl.tableStart()
			case "table-row":
				fl.rowStart()
			case "table-cell", "covered-table-cell":
				fl.cellStart(1)
				if n, err := strconv.Atoi(attr(t, "number-columns-repeated")); err == nil {
					fl.setSpan(n)
				}
			case "page": // draw:page, one slide
				fl.flush()
				page++
				pageLoc = loc + "#slide" + strconv.Itoa(page)
				fl.loc = pageLoc
			case "notes":
				fl.flush()
				fl.loc = pageLoc + "/notes"
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "p", "h":
				inPara = max(inPara-1, 0)
				fl.paraEnd()
			case "table-cell", "covered-table-cell":
				fl.cellEnd()
			case "table-row":
				fl.rowEnd()
			case "table":
				fl.tableEnd()
			case "notes":
				fl.flush()
				fl.loc = pageLoc
			case "page":
				fl.flush()
			}
		case xml.CharData:
			if inPara > 0 {
				fl.write(string(t))
			}
		}
		return fl.err
	})
	if cerr := fl.close(); cerr != nil {
		return cerr
	}
	return err
}

// odsCell is the cell being read.
type odsCell struct {
	repeat          int
	valueType       string
	value, date     string
	text, note      strings.Builder
	paras, notePara int
}

// walkODS streams the sheets of a spreadsheet. Repetition attributes are
// honoured for numbering, but a repeated non-empty cell or row is written
// out at most maxRepeat times: LibreOffice pads every sheet with a row
// repeated a million times.
func (p *pkg) walkODS(ctx context.Context, zf *zip.File, loc string, out extract.Sink) error {
	var (
		sheet       string
		sr          *sheetRows
		rowNum      int
		rowRepeat   int
		cells       []string
		col         int
		cell        *odsCell
		inPara      int
		inNote      int
		tblDepth    int
		pendingNote []extract.Segment
	)
	flushNotes := func() error {
		for _, s := range pendingNote {
			if err := out.Text(s); err != nil {
				return err
			}
		}
		pendingNote = pendingNote[:0]
		return nil
	}
	return p.walkPart(ctx, zf, func(d *xml.Decoder, t xml.Token) error {
		switch t := t.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "table":
				if tblDepth++; tblDepth == 1 {
					sheet = attr(t, "name")
					sr = &sheetRows{out: out, prefix: loc + "#" + sheet + "!"}
					rowNum = 0
				}
			case "table-row":
				if tblDepth != 1 {
					return nil
				}
				rowRepeat = repeatAttr(t, "number-rows-repeated")
				cells, col = cells[:0], 0
			case "table-cell", "covered-table-cell":
				if tblDepth != 1 {
					return nil
				}
				cell = &odsCell{
					repeat:    repeatAttr(t, "number-columns-repeated"),
					valueType: attr(t, "value-type"),
					value:     attr(t, "value"),
					date:      attr(t, "date-value"),
				}
			case "annotation":
				inNote++
			case "p", "h":
				inPara++
				if cell != nil {
					if inNote > 0 {
						if cell.notePara++; cell.notePara > 1 {
							cell.note.WriteByte('\n')
						}
					} else if cell.paras++; cell.paras > 1 {
						cell.text.WriteByte('\n')
					}
				}
			case "s":
				n, _ := strconv.Atoi(attr(t, "c"))
				odsWrite(cell, inNote, strings.Repeat(" ", min(max(n, 1), 100)))
			case "tab":
				odsWrite(cell, inNote, "\t")
			case "line-break":
				odsWrite(cell, inNote, "\n")
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "p", "h":
				inPara = max(inPara-1, 0)
			case "annotation":
				inNote = max(inNote-1, 0)
			case "table-cell", "covered-table-cell":
				if cell == nil || tblDepth != 1 {
					return nil
				}
				v := odsValue(cell)
				n := cell.repeat
				if v != "" {
					n = min(n, maxRepeat)
				}
				for i := 0; i < n && col < maxColumns; i++ {
					if v != "" {
						for len(cells) < col {
							cells = append(cells, "")
						}
						cells = append(cells, v)
					}
					col++
				}
				if note := cleanText(cell.note.String()); note != "" && sr != nil {
					pendingNote = append(pendingNote, extract.Segment{Location: sr.prefix + cellRef(max(col-1, 0), rowNum+1), Column: "comment", Text: note})
				}
				cell = nil
			case "table-row":
				if sr == nil || tblDepth != 1 {
					return nil
				}
				if err := ctx.Err(); err != nil {
					return err
				}
				n := rowRepeat
				if hasValue(cells) {
					for i := 0; i < min(n, maxRepeat); i++ {
						if err := sr.row(rowNum+1+i, cells); err != nil {
							return err
						}
					}
				}
				rowNum += n
				return flushNotes()
			case "table":
				if tblDepth--; tblDepth != 0 || sr == nil {
					return nil
				}
				err := sr.close()
				sr = nil
				return err
			}
		case xml.CharData:
			if inPara > 0 {
				odsWrite(cell, inNote, string(t))
			}
		}
		return nil
	})
}

func odsWrite(c *odsCell, inNote int, s string) {
	switch {
	case c == nil:
	case inNote > 0:
		c.note.WriteString(s)
	default:
		c.text.WriteString(s)
	}
}

// odsValue is the text of a cell: numbers as stored (no grouping), dates
// as YYYY-MM-DD[ HH:MM], everything else as displayed.
func odsValue(c *odsCell) string {
	switch c.valueType {
	case "float", "percentage", "currency":
		if c.value != "" {
			return c.value
		}
	case "date":
		if d := isoDate(c.date); d != "" {
			return d
		}
	}
	return cellText(c.text.String())
}

// isoDate turns an xsd:dateTime ("2024-04-01T09:30:00") into
// "2024-04-01 09:30", dropping a midnight time.
func isoDate(s string) string {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return ""
	}
	date, rest := s[:10], strings.TrimPrefix(s[10:], "T")
	if len(rest) >= 5 && rest[2] == ':' && !strings.HasPrefix(rest, "00:00:00") && rest[:5] != "00:00" {
		return date + " " + rest[:5]
	}
	return date
}

func repeatAttr(se xml.StartElement, name string) int {
	n, err := strconv.Atoi(attr(se, name))
	if err != nil || n < 1 {
		return 1
	}
	return min(n, 1<<24)
}
