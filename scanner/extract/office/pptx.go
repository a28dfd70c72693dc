package office

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/mailsift/mailsift/scanner/extract"
)

// PPTX returns the extractor of PowerPoint 2007+ presentations (.pptx,
// .pptm, .ppsx and templates), encrypted ones included when a candidate
// password opens them. Slides come out in numeric order at "#slide3",
// their speaker notes at "#slide3/notes", table cells with their header as
// Column, comments at "#comments"; document properties at "#props";
// images and embedded files as members.
func PPTX() extract.Extractor { return pptxExtractor{} }

type pptxExtractor struct{}

var (
	pptxExts  = []string{".pptx", ".pptm", ".ppsx", ".ppsm", ".potx", ".potm"}
	pptxTypes = []string{
		"application/vnd.openxmlformats-officedocument.presentationml.presentation",
		"application/vnd.openxmlformats-officedocument.presentationml.slideshow",
		"application/vnd.openxmlformats-officedocument.presentationml.template",
		"application/vnd.ms-powerpoint.presentation.macroenabled.12",
		"application/vnd.ms-powerpoint.slideshow.macroenabled.12",
	}
	slideRe = regexp.MustCompile(`^ppt/slides/slide(\d+)\.xml$`)
	notesRe = regexp.MustCompile(`^ppt/notesSlides/notesSlide(\d+)\.xml$`)
)

func (pptxExtractor) Name() string { return "pptx" }

func (pptxExtractor) Match(f *extract.File) bool {
	return matchPackage(f, []string{"pptx"}, pptxExts, pptxTypes)
}

func (pptxExtractor) Extract(ctx context.Context, f *extract.File, env *extract.Env, out extract.Sink) error {
	p, err := openOOXML(ctx, "pptx", f, env, out)
	if err != nil {
		return err
	}
	if err := p.emitProps(ctx, "pptx", out); err != nil {
		return err
	}
	var slides, notes, comments []string
	for _, zf := range p.zr.File {
		n := strings.ReplaceAll(zf.Name, `\`, "/")
		switch {
		case slideRe.MatchString(n):
			slides = append(slides, n)
		case notesRe.MatchString(n):
			notes = append(notes, n)
		case strings.HasPrefix(n, "ppt/comments/") && strings.HasSuffix(n, ".xml"):
			comments = append(comments, n)
		}
	}
	numbered(slides)
	numbered(notes)
	numbered(comments)
	seenNotes := map[string]bool{}
	walk := func(name, loc string) error {
		zf := p.lookup(name)
		if zf == nil {
			return nil
		}
		if err := p.walkDrawing(ctx, zf, loc, out); err != nil {
			if stop(err) {
				return fmt.Errorf("pptx %s: %s: %w", f.Name, name, err)
			}
			out.Problem(loc, fmt.Errorf("pptx %s: %s: %w", f.Name, name, err))
		}
		return nil
	}
	for _, s := range slides {
		loc := f.Location + "#slide" + strconv.Itoa(trailingNumber(s))
		if err := walk(s, loc); err != nil {
			return err
		}
		if n := p.notesOf(s); n != "" && !seenNotes[n] {
			seenNotes[n] = true
			if err := walk(n, loc+"/notes"); err != nil {
				return err
			}
		}
	}
	// Notes no slide points to (a damaged or hand-made file).
	for _, n := range notes {
		if !seenNotes[n] {
			if err := walk(n, f.Location+"#notes"+strconv.Itoa(trailingNumber(n))); err != nil {
				return err
			}
		}
	}
	for _, c := range comments {
		if err := walk(c, f.Location+"#comments"); err != nil {
			return err
		}
	}
	return p.emitMedia("pptx", []string{"ppt/media/", "ppt/embeddings/"}, out)
}

// notesOf finds the notes slide of a slide through the slide's
// relationships.
func (p *pkg) notesOf(slide string) string {
	dir, base := path.Split(slide)
	zf := p.lookup(dir + "_rels/" + base + ".rels")
	if zf == nil {
		return ""
	}
	var target string
	_ = p.walkPart(context.Background(), zf, func(_ *xml.Decoder, t xml.Token) error {
		if se, ok := t.(xml.StartElement); ok && se.Name.Local == "Relationship" &&
			strings.HasSuffix(attr(se, "Type"), "/notesSlide") && target == "" {
			target = attr(se, "Target")
		}
		return nil
	})
	if target == "" {
		return ""
	}
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return path.Clean(path.Join(dir, target))
}

// walkDrawing streams one PresentationML part (DrawingML text) into a
// flow. Comments (p:cm) keep their text in p:text.
func (p *pkg) walkDrawing(ctx context.Context, zf *zip.File, loc string, out extract.Sink) error {
	fl := newFlow(out, loc)
	var (
		inText bool
		skip   int
	)
	err := p.walkPart(ctx, zf, func(d *xml.Decoder, t xml.Token) error {
		switch t := t.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				return nil
			}
			switch t.Name.Local {
			case "t", "text":
				inText = true
			case "br":
				fl.write("\n")
			case "tbl":
				fl.tableStart()
			case "tr":
				fl.rowStart()
			case "tc":
				// A merged cell is followed by hMerge placeholders, so
				// each a:tc is one grid column.
				fl.cellStart(1)
			case "Fallback", "rPr", "pPr", "endParaRPr", "spPr", "tcPr", "tblPr":
				skip = 1
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				return nil
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "text":
				inText = false
				fl.paraEnd()
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
