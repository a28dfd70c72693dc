package office

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/mailsift/mailsift/scanner/extract"
)

// DOCX returns the extractor of Word 2007+ documents (.docx, .docm and
// templates), encrypted ones included when a candidate password opens
// them. The body comes out as paragraphs at the file's location; table
// cells one by one with their header or form label as Column; headers,
// footers, footnotes, endnotes and comments at "#header1", "#footnotes",
// "#comments" ...; tracked deletions too (deleted text was sent). Authors
// (document properties, comments, revisions) come out at "#props", and
// images and embedded files are handed over as members.
func DOCX() extract.Extractor { return docxExtractor{} }

type docxExtractor struct{}

var (
	docxExts  = []string{".docx", ".docm", ".dotx", ".dotm"}
	docxTypes = []string{
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.template",
		"application/vnd.ms-word.document.macroenabled.12",
		"application/vnd.ms-word.template.macroenabled.12",
	}
)

func (docxExtractor) Name() string { return "docx" }

func (docxExtractor) Match(f *extract.File) bool {
	return matchPackage(f, []string{"docx"}, docxExts, docxTypes)
}

func (docxExtractor) Extract(ctx context.Context, f *extract.File, env *extract.Env, out extract.Sink) error {
	p, err := openOOXML(ctx, "docx", f, env, out)
	if err != nil {
		return err
	}
	if err := p.emitProps(ctx, "docx", out); err != nil {
		return err
	}
	authors := &nameSet{}
	body := []string{"word/document.xml"}
	var others []string
	for _, zf := range p.zr.File {
		n := strings.ReplaceAll(zf.Name, `\`, "/")
		dir, base := path.Split(n)
		if dir != "word/" || !strings.HasSuffix(base, ".xml") {
			continue
		}
		for _, pre := range []string{"header", "footer", "footnotes", "endnotes", "comments"} {
			if strings.HasPrefix(base, pre) && !strings.HasPrefix(base, "commentsExtended") && !strings.HasPrefix(base, "commentsIds") {
				others = append(others, n)
			}
		}
	}
	numbered(others)
	for _, name := range append(body, others...) {
		zf := p.lookup(name)
		if zf == nil {
			if name == body[0] {
				out.Problem(f.Location, fmt.Errorf("docx %s: no %s: %w", f.Name, name, extract.ErrCorrupt))
			}
			continue
		}
		loc := f.Location
		if name != body[0] {
			loc += "#" + strings.TrimSuffix(path.Base(name), ".xml")
		}
		if err := p.walkWord(ctx, zf, loc, authors, out); err != nil {
			if stop(err) {
				return fmt.Errorf("docx %s: %s: %w", f.Name, name, err)
			}
			out.Problem(loc, fmt.Errorf("docx %s: %s: %w", f.Name, name, err))
		}
	}
	if err := authors.emit(f.Location, out); err != nil {
		return err
	}
	return p.emitMedia("docx", []string{"word/media/", "word/embeddings/"}, out)
}

// openOOXML decrypts when needed and opens the package.
func openOOXML(ctx context.Context, format string, f *extract.File, env *extract.Env, out extract.Sink) (*pkg, error) {
	lim := env.Limits.WithDefaults()
	file := *f
	if isEncryptedOOXML(f.Data) {
		plain, err := decryptPackage(ctx, format, f, env, out)
		if err != nil {
			return nil, err
		}
		file.Data = plain
	}
	return openPackage(format, &file, lim)
}

// stop reports errors that end the extraction: the Sink's limits and the
// context. Everything else about one part is a Problem.
func stop(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) ||
		(errors.Is(err, extract.ErrLimit) && !isBudget(err))
}

// walkWord streams one WordprocessingML part into a flow.
func (p *pkg) walkWord(ctx context.Context, zf *zip.File, loc string, authors *nameSet, out extract.Sink) error {
	fl := newFlow(out, loc)
	var (
		inText bool
		skip   int // depth inside an ignored subtree
	)
	err := p.walkPart(ctx, zf, func(d *xml.Decoder, t xml.Token) error {
		switch t := t.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				return nil
			}
			switch t.Name.Local {
			case "t", "delText":
				inText = true
			case "tab":
				fl.write("\t")
			case "br", "cr":
				fl.write("\n")
			case "noBreakHyphen":
				fl.write("-")
			case "tbl":
				fl.tableStart()
			case "tr":
				fl.rowStart()
			case "tc":
				fl.cellStart(1)
			case "gridSpan":
				if n, err := strconv.Atoi(attr(t, "val")); err == nil {
					fl.setSpan(n)
				}
			case "comment":
				if a := attr(t, "author"); a != "" {
					authors.add(a)
					fl.write(a + ": ")
				}
			case "ins":
				authors.add(attr(t, "author"))
			case "del":
				// Deleted text was still sent: keep it, apart from its
				// neighbours so digit runs do not merge.
				authors.add(attr(t, "author"))
				fl.write(" ")
			case "Fallback", "tabs", "instrText", "rPr", "pPr", "sectPr", "tblPr", "tcPr", "trPr":
				// Fallback repeats the Choice of mc:AlternateContent (text
				// boxes would come out twice); tabs are tab stops, not
				// tabs; field codes are not text. tcPr holds gridSpan,
				// read above before skipping.
				if t.Name.Local == "tcPr" {
					return nil
				}
				skip = 1
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				return nil
			}
			switch t.Name.Local {
			case "t", "delText":
				inText = false
			case "del":
				fl.write(" ")
			default:
				fl.ooxmlEnd(t.Name.Local)
			}
		case xml.CharData:
			if inText && skip == 0 {
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

// attr returns the value of the attribute with the given local name.
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// nameSet collects distinct author names (comments, tracked changes).
type nameSet struct {
	names []string
}

func (s *nameSet) add(name string) {
	name = strings.TrimSpace(name)
	if name == "" || len(s.names) >= 100 {
		return
	}
	for _, n := range s.names {
		if n == name {
			return
		}
	}
	s.names = append(s.names, name)
}

func (s *nameSet) emit(loc string, out extract.Sink) error {
	for _, n := range s.names {
		if err := out.Text(extract.Segment{Location: loc + "#props", Column: "author", Text: n}); err != nil {
			return err
		}
	}
	return nil
}
