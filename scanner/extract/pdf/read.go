package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"math"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/structs"
	"github.com/tetratelabs/wazero/sys"

	"github.com/mailsift/mailsift/scanner/extract"
)

const (
	// batchBytes bounds the rendered pages and embedded files held before
	// they are handed to the Sink. Files are handed over only when pdfium
	// is released, because the Sink reads them at once (an embedded PDF
	// comes back to this extractor, a page image goes to OCR).
	batchBytes = 32 << 20
	// maxCrashes: after this many pdfium traps in one PDF, give up on it.
	maxCrashes = 3
	// maxAnnots bounds the annotations read per page.
	maxAnnots = 2000
	// maxObjectScan bounds the page objects looked at to find an image.
	maxObjectScan = 256
	// maxRepeats: after this many pages repeating the text of the page
	// before, further repeats are counted, not emitted.
	maxRepeats = 3
	// scanTextRunes: a page with fewer non-space characters than this and
	// an image is treated as a scan (a fax header or page number is often
	// the only text) and rendered for OCR.
	scanTextRunes = 32
)

// errLocked stops a run on an encrypted PDF no password opened; the
// problem was reported to the Sink.
var errLocked = errors.New("locked")

// reader is the extraction of one PDF. Its state survives pdfium runs: a
// PDF that crashes pdfium on page 7 is reopened in a fresh instance and
// read on from page 8.
type reader struct {
	opts      Options
	lim       extract.Limits
	f         *extract.File
	name      string
	out       extract.Sink
	passwords []string
	ctx       context.Context

	data     []byte // what pdfium reads: the file, or it with a rebuilt trailer
	opened   bool
	password *string // the password that opened it, nil if none was needed
	pages    int     // pages to read (at most MaxPDFPages)
	next     int     // next page to read
	attach   int     // embedded files
	nextAtt  int
	renders  []int // pages to render, 0-based
	nextRend int
	skipped  int // pages that needed rendering beyond MaxRenderPages

	lastText   string // text of the page before
	repeats    int    // consecutive pages with that same text
	suppressed int    // pages not emitted as repeats

	badPages int
	badFirst error
	crashes  int
	seen     map[string]bool // form fields and authors already emitted

	alarm      *alarm // of the current run
	current    string // what is being read, for a step timeout: "page 3"
	currentLoc string
	stepMax    time.Duration

	pending      []extract.File
	pendingBytes int64
	stop         error // a Sink limit: stop and return it
}

// run reads the PDF in as many pdfium runs as needed.
func (r *reader) run(ctx context.Context, eng *engine) error {
	for {
		err := eng.run(ctx, r.step)
		for _, f := range r.pending {
			if ferr := r.out.File(f); ferr != nil {
				return ferr
			}
		}
		r.pending, r.pendingBytes = nil, 0
		switch {
		case r.stop != nil:
			return r.stop
		case errors.Is(err, errLocked):
			return nil
		case ctx.Err() != nil:
			r.finish()
			return fmt.Errorf("pdf %s: %w", r.name, ctx.Err())
		case errors.Is(err, errStepTimeout) && r.opened:
			if r.failed(fmt.Errorf("pdf %s: %s not read in %v: %w", r.name, r.current, r.stepMax,
				&extract.LimitError{Limit: "time", Value: int64(r.stepMax.Seconds())})) {
				return nil
			}
		case errors.Is(err, errStepTimeout):
			return fmt.Errorf("pdf %s: not opened in %v: %w", r.name, r.stepMax, &extract.LimitError{Limit: "time", Value: int64(r.stepMax.Seconds())})
		case err == nil && r.done():
			r.finish()
			return nil
		case err == nil:
			continue // a batch of files was full
		case isCrash(err) && r.opened:
			if r.failed(fmt.Errorf("pdf %s: pdfium failed on %s (%s): %w", r.name, r.current, firstLine(err), extract.ErrCorrupt)) {
				return nil
			}
		case isCrash(err):
			return fmt.Errorf("pdf %s: pdfium failed (%s): %w", r.name, firstLine(err), extract.ErrCorrupt)
		default:
			return err
		}
	}
}

// failed reports a step that killed its pdfium instance; the next run
// goes on after it. It reports true when the PDF is given up instead.
func (r *reader) failed(err error) bool {
	r.out.Problem(r.currentLoc, err)
	r.crashes++
	if r.crashes < maxCrashes {
		return false
	}
	left := (r.pages - r.next) + (len(r.renders) - r.nextRend) + (r.attach - r.nextAtt)
	if left > 0 {
		r.out.Problem(r.f.Location, fmt.Errorf("pdf %s: given up after %d failures, %d pages, renders or embedded files not read: %w",
			r.name, r.crashes, left, extract.ErrCorrupt))
	}
	r.finish()
	return true
}

func (r *reader) done() bool {
	return r.opened && r.next >= r.pages && r.nextRend >= len(r.renders) && r.nextAtt >= r.attach
}

// finish reports what was skipped, once.
func (r *reader) finish() {
	if r.badPages > 0 {
		r.out.Problem(r.f.Location, fmt.Errorf("pdf %s: %d pages unreadable, first: %w", r.name, r.badPages, r.badFirst))
		r.badPages = 0
	}
	if r.suppressed > 0 {
		r.out.Problem(r.f.Location, fmt.Errorf("pdf %s: %d more pages repeat the text of the page before them, not emitted again", r.name, r.suppressed))
		r.suppressed = 0
	}
	if r.skipped > 0 {
		r.out.Problem(r.f.Location, fmt.Errorf("pdf %s: %d pages without text not rendered: %w", r.name, r.skipped,
			&extract.LimitError{Limit: "pdf-render-pages", Value: int64(r.opts.MaxRenderPages)}))
		r.skipped = 0
	}
}

// step is one pdfium run: open the PDF and go on from where the last run
// stopped, until done, a batch of files is full or pdfium fails.
func (r *reader) step(p pdfium.Pdfium, al *alarm) error {
	r.alarm = al
	doc, err := r.open(p)
	if err != nil {
		return err
	}
	defer func() { _, _ = p.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc}) }()
	if !r.opened {
		r.opened = true
		r.guard("document properties", r.f.Location)
		err := r.start(p, doc)
		r.alarm.clear()
		if err != nil {
			return err
		}
	}
	if r.next < r.pages {
		if err := r.readPages(p, doc); err != nil {
			return err
		}
	}
	for r.nextRend < len(r.renders) && r.pendingBytes < batchBytes {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		i := r.renders[r.nextRend]
		r.nextRend++
		r.guard(fmt.Sprintf("rendering page %d", i+1), pageLoc(r.f, i))
		err := r.render(p, doc, i)
		r.alarm.clear()
		if err != nil {
			if isCrash(err) {
				return err
			}
			r.out.Problem(pageLoc(r.f, i), fmt.Errorf("pdf %s: render page %d: %w", r.name, i+1, err))
		}
	}
	for r.nextAtt < r.attach && r.pendingBytes < batchBytes {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		i := r.nextAtt
		r.nextAtt++
		r.guard(fmt.Sprintf("embedded file %d", i+1), r.f.Location)
		err := r.embedded(p, doc, i)
		r.alarm.clear()
		if err != nil {
			if isCrash(err) {
				return err
			}
			r.out.Problem(r.f.Location, fmt.Errorf("pdf %s: embedded file %d: %w", r.name, i+1, err))
		}
	}
	return nil
}

// open loads the document: on the first run trying no password, then
// each candidate; later with the password that worked.
func (r *reader) open(p pdfium.Pdfium) (references.FPDF_DOCUMENT, error) {
	r.guard("document", r.f.Location)
	defer r.alarm.clear()
	if r.opened {
		d, err := p.OpenDocument(&requests.OpenDocument{File: &r.data, Password: r.password})
		if err != nil {
			return "", fmt.Errorf("pdf %s: reopen: %w", r.name, err)
		}
		return d.Document, nil
	}
	r.data = r.f.Data
	d, err := p.OpenDocument(&requests.OpenDocument{File: &r.data})
	if errors.Is(err, pdfiumerrors.ErrFormat) {
		// A PDF cut short (a partial download, a size-capped mail) has no
		// trailer; pdfium rebuilds the rest if told where the catalog is.
		if fixed := withTrailer(r.data); fixed != nil {
			d2, err2 := p.OpenDocument(&requests.OpenDocument{File: &fixed})
			if err2 == nil || errors.Is(err2, pdfiumerrors.ErrPassword) {
				r.out.Problem(r.f.Location, fmt.Errorf("pdf %s: no trailer, read with a rebuilt one: %w", r.name, extract.ErrCorrupt))
				r.data, d, err = fixed, d2, err2
			}
		}
	}
	if err == nil {
		return d.Document, nil
	}
	switch {
	case errors.Is(err, pdfiumerrors.ErrPassword):
	case errors.Is(err, pdfiumerrors.ErrSecurity):
		r.out.Problem(r.f.Location, fmt.Errorf("pdf %s: unsupported security handler: %w", r.name, extract.ErrEncrypted))
		return "", errLocked
	case isCrash(err):
		return "", err
	default:
		return "", fmt.Errorf("pdf %s: %w: %v", r.name, extract.ErrCorrupt, err)
	}
	for i, pw := range r.passwords {
		if i >= maxPasswordTries {
			break
		}
		if err := r.ctx.Err(); err != nil {
			return "", err
		}
		d, err := p.OpenDocument(&requests.OpenDocument{File: &r.data, Password: &pw})
		if err == nil {
			r.password = &pw
			r.out.Unlocked(r.f.Location, pw)
			return d.Document, nil
		}
		if isCrash(err) {
			return "", err
		}
	}
	r.out.Problem(r.f.Location, fmt.Errorf("pdf %s: %w", r.name, extract.ErrEncrypted))
	return "", errLocked
}

var (
	catalogKey = []byte("/Catalog")
	objHeader  = regexp.MustCompile(`(\d{1,10})\s+(\d{1,5})\s+obj\b`)
)

// withTrailer returns data with a trailer naming the last catalog object
// found, or nil if there is none. Only a few "/Catalog" are looked at:
// a hostile file could hold millions.
func withTrailer(data []byte) []byte {
	end := len(data)
	for range 8 {
		i := bytes.LastIndex(data[:end], catalogKey)
		if i < 0 {
			return nil
		}
		m := objHeader.FindAllSubmatch(data[max(0, i-4096):i], -1)
		if len(m) > 0 {
			last := m[len(m)-1]
			trailer := fmt.Sprintf("\n>>\nendobj\ntrailer\n<< /Root %s %s R >>\n%%%%EOF\n", last[1], last[2])
			return append(bytes.Clone(data), trailer...)
		}
		end = i
	}
	return nil
}

// propTags are the Info dictionary entries kept, with their Column.
var propTags = []struct{ tag, column string }{
	{"Author", "author"}, {"Creator", "creator"}, {"Title", "title"},
	{"Subject", "subject"}, {"Keywords", "keywords"},
}

// start reads what the document has once: properties, page count and
// embedded file count.
func (r *reader) start(p pdfium.Pdfium, doc references.FPDF_DOCUMENT) error {
	r.seen = map[string]bool{}
	tags := make([]string, len(propTags))
	for i, t := range propTags {
		tags[i] = t.tag
	}
	if md, err := p.GetMetaData(&requests.GetMetaData{Document: doc, Tags: &tags}); err == nil {
		for i, t := range md.Tags {
			if v := cleanText(t.Value); strings.TrimSpace(v) != "" && i < len(propTags) {
				if err := r.text(extract.Segment{Location: r.f.Location + "#props", Column: propTags[i].column, Text: v}); err != nil {
					return err
				}
			}
		}
	} else if isCrash(err) {
		return err
	}
	pc, err := p.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc})
	if err != nil {
		return err
	}
	r.pages = max(pc.PageCount, 0)
	if r.pages > r.lim.MaxPDFPages {
		r.out.Problem(r.f.Location, fmt.Errorf("pdf %s: %d pages, read %d: %w", r.name, r.pages, r.lim.MaxPDFPages,
			&extract.LimitError{Limit: "pdf-pages", Value: int64(r.lim.MaxPDFPages)}))
		r.pages = r.lim.MaxPDFPages
	}
	if ac, err := p.FPDFDoc_GetAttachmentCount(&requests.FPDFDoc_GetAttachmentCount{Document: doc}); err == nil {
		r.attach = max(ac.AttachmentCount, 0)
		if r.attach > r.lim.MaxMembers {
			r.out.Problem(r.f.Location, fmt.Errorf("pdf %s: %d embedded files: %w", r.name, r.attach,
				&extract.LimitError{Limit: "members", Value: int64(r.lim.MaxMembers)}))
			r.attach = r.lim.MaxMembers
		}
	} else if isCrash(err) {
		return err
	}
	return nil
}

// text hands a segment to the Sink, keeping a limit error to stop on.
func (r *reader) text(s extract.Segment) error {
	if err := r.out.Text(s); err != nil {
		r.stop = err
		return err
	}
	return nil
}

// guard sets the step alarm before reading what (at loc).
func (r *reader) guard(what, loc string) {
	r.current, r.currentLoc = what, loc
	r.alarm.set(r.stepMax)
}

// stepTime is the time one page (or render, or embedded file) may take:
// a quarter of the attachment's, so one pathological page leaves time
// for the others.
func stepTime(timeout time.Duration) time.Duration {
	return max(timeout/4, time.Second)
}

func pageLoc(f *extract.File, i int) string { return fmt.Sprintf("%s#p%d", f.Location, i+1) }

// readPages reads pages from r.next on, with one form environment for the
// document when it has an AcroForm.
func (r *reader) readPages(p pdfium.Pdfium, doc references.FPDF_DOCUMENT) error {
	var form *references.FPDF_FORMHANDLE
	if ft, err := p.FPDF_GetFormType(&requests.FPDF_GetFormType{Document: doc}); err == nil && ft.FormType != enums.FPDF_FORMTYPE_NONE {
		env, err := p.FPDFDOC_InitFormFillEnvironment(&requests.FPDFDOC_InitFormFillEnvironment{
			Document:     doc,
			FormFillInfo: formFillInfo(),
		})
		if err == nil {
			form = &env.FormHandle
			defer func() {
				_, _ = p.FPDFDOC_ExitFormFillEnvironment(&requests.FPDFDOC_ExitFormFillEnvironment{FormHandle: env.FormHandle})
			}()
		} else if isCrash(err) {
			return err
		}
	} else if isCrash(err) {
		return err
	}
	for r.next < r.pages {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		i := r.next
		r.next++ // a crash on this page resumes after it
		r.guard(fmt.Sprintf("page %d", i+1), pageLoc(r.f, i))
		err := r.page(p, doc, form, i)
		r.alarm.clear()
		if err != nil {
			if r.stop != nil || isCrash(err) {
				return err
			}
			if r.badPages == 0 {
				r.badFirst = fmt.Errorf("page %d: %w: %v", i+1, extract.ErrCorrupt, err)
			}
			r.badPages++
		}
	}
	return nil
}

// formFillInfo is the do-nothing host pdfium's form layer requires.
func formFillInfo() structs.FPDF_FORMFILLINFO {
	return structs.FPDF_FORMFILLINFO{
		FFI_Invalidate:         func(references.FPDF_PAGE, float64, float64, float64, float64) {},
		FFI_SetCursor:          func(enums.FXCT) {},
		FFI_SetTimer:           func(int, func(int)) int { return 0 },
		FFI_KillTimer:          func(int) {},
		FFI_GetLocalTime:       func() structs.FPDF_SYSTEMTIME { return structs.FPDF_SYSTEMTIME{} },
		FFI_GetPage:            func(references.FPDF_DOCUMENT, int) *references.FPDF_PAGE { return nil },
		FFI_GetRotation:        func(references.FPDF_PAGE) enums.FPDF_PAGE_ROTATION { return enums.FPDF_PAGE_ROTATION_NONE },
		FFI_ExecuteNamedAction: func(string) {},
	}
}

// page reads page i: its text, form fields and annotations, and decides
// whether it is a scan to render.
func (r *reader) page(p pdfium.Pdfium, doc references.FPDF_DOCUMENT, form *references.FPDF_FORMHANDLE, i int) error {
	lp, err := p.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: i})
	if err != nil {
		return err
	}
	ref := requests.Page{ByReference: &lp.Page}
	defer func() { _, _ = p.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page}) }()
	loc := pageLoc(r.f, i)

	text, err := pageText(p, ref)
	if err != nil {
		return err
	}
	if text == r.lastText {
		r.repeats++
	} else {
		r.lastText, r.repeats = text, 0
	}
	switch {
	case strings.TrimSpace(text) == "":
	case r.repeats >= maxRepeats:
		// A page tree cycle makes pdfium return one page for every index
		// up to a forged /Count: the same text hundreds of times.
		r.suppressed++
	default:
		if err := r.text(extract.Segment{Location: loc, Text: text}); err != nil {
			return err
		}
	}
	if err := r.annotations(p, ref, form, loc); err != nil {
		return err
	}
	if n := visibleRunes(text); n < scanTextRunes {
		scan, err := looksScanned(p, ref, n)
		if err != nil {
			return err
		}
		if scan {
			if len(r.renders) < r.opts.MaxRenderPages {
				r.renders = append(r.renders, i)
			} else {
				r.skipped++
			}
		}
	}
	return nil
}

// pageText is the page's text layer with "\n" line endings.
func pageText(p pdfium.Pdfium, page requests.Page) (string, error) {
	tp, err := p.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: page})
	if err != nil {
		return "", err
	}
	defer func() { _, _ = p.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage}) }()
	cc, err := p.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil || cc.Count <= 0 {
		return "", err
	}
	t, err := p.FPDFText_GetText(&requests.FPDFText_GetText{TextPage: tp.TextPage, Count: cc.Count})
	if err != nil {
		return "", err
	}
	return cleanText(t.Text), nil
}

// cleanText normalises line endings (pdfium ends lines with "\r\n",
// form fields with "\r") and drops NULs; nothing else is touched.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\x00", "")
}

func visibleRunes(s string) int {
	n := 0
	for _, c := range s {
		if !unicode.IsSpace(c) {
			n++
		}
	}
	return n
}

// looksScanned reports whether a page with little text (textRunes
// visible characters) should be rendered: it shows an image, or it has no
// text at all but draws something (text converted to outlines). Text
// objects alone (blank or whitespace) are not worth an OCR pass.
func looksScanned(p pdfium.Pdfium, page requests.Page, textRunes int) (bool, error) {
	oc, err := p.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
	if err != nil || oc.Count <= 0 {
		return false, err
	}
	for j := 0; j < min(oc.Count, maxObjectScan); j++ {
		o, err := p.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: j})
		if err != nil {
			return false, err
		}
		t, err := p.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: o.PageObject})
		if err != nil {
			return false, err
		}
		switch t.Type {
		case enums.FPDF_PAGEOBJ_IMAGE, enums.FPDF_PAGEOBJ_FORM:
			return true, nil
		case enums.FPDF_PAGEOBJ_PATH, enums.FPDF_PAGEOBJ_SHADING:
			if textRunes == 0 {
				return true, nil
			}
		}
	}
	return false, nil
}

// annotations emits form field values (Column: the field's name and
// label) and the comments and authors of markup annotations.
func (r *reader) annotations(p pdfium.Pdfium, page requests.Page, form *references.FPDF_FORMHANDLE, loc string) error {
	ac, err := p.FPDFPage_GetAnnotCount(&requests.FPDFPage_GetAnnotCount{Page: page})
	if err != nil || ac.Count <= 0 {
		return err
	}
	if form != nil {
		if _, err := p.FORM_OnAfterLoadPage(&requests.FORM_OnAfterLoadPage{Page: page, FormHandle: *form}); err != nil {
			return err
		}
		defer func() {
			_, _ = p.FORM_OnBeforeClosePage(&requests.FORM_OnBeforeClosePage{Page: page, FormHandle: *form})
		}()
	}
	for k := 0; k < min(ac.Count, maxAnnots); k++ {
		a, err := p.FPDFPage_GetAnnot(&requests.FPDFPage_GetAnnot{Page: page, Index: k})
		if err != nil {
			if isCrash(err) {
				return err
			}
			continue
		}
		segs, err := annotation(p, a.Annotation, form)
		_, _ = p.FPDFPage_CloseAnnot(&requests.FPDFPage_CloseAnnot{Annotation: a.Annotation})
		if err != nil && isCrash(err) {
			return err
		}
		for _, s := range segs {
			key := s.Column + "\x00" + s.Text
			if r.seen[key] {
				continue // a field shown on several pages, an author of many notes
			}
			r.seen[key] = true
			s.Location = loc
			if err := r.text(s); err != nil {
				return err
			}
		}
	}
	return nil
}

// annotation returns the segments of one annotation, Location unset.
func annotation(p pdfium.Pdfium, a references.FPDF_ANNOTATION, form *references.FPDF_FORMHANDLE) ([]extract.Segment, error) {
	st, err := p.FPDFAnnot_GetSubtype(&requests.FPDFAnnot_GetSubtype{Annotation: a})
	if err != nil {
		return nil, err
	}
	switch st.Subtype {
	case enums.FPDF_ANNOT_SUBTYPE_WIDGET:
		if form == nil {
			return nil, nil
		}
		return field(p, a, *form)
	case enums.FPDF_ANNOT_SUBTYPE_POPUP, enums.FPDF_ANNOT_SUBTYPE_LINK:
		// A popup repeats its parent's text; a link has none.
		return nil, nil
	}
	var segs []extract.Segment
	for _, kv := range []struct{ key, column string }{{"Contents", ""}, {"T", "author"}} {
		v, err := p.FPDFAnnot_GetStringValue(&requests.FPDFAnnot_GetStringValue{Annotation: a, Key: kv.key})
		if err != nil {
			return segs, err
		}
		if t := cleanText(v.Value); strings.TrimSpace(t) != "" {
			segs = append(segs, extract.Segment{Column: kv.column, Text: t})
		}
	}
	return segs, nil
}

// field returns the value of a form field widget with its label.
func field(p pdfium.Pdfium, a references.FPDF_ANNOTATION, form references.FPDF_FORMHANDLE) ([]extract.Segment, error) {
	ft, err := p.FPDFAnnot_GetFormFieldType(&requests.FPDFAnnot_GetFormFieldType{FormHandle: form, Annotation: a})
	if err != nil {
		return nil, err
	}
	var value string
	switch ft.FormFieldType {
	case enums.FPDF_FORMFIELD_TYPE_TEXTFIELD, enums.FPDF_FORMFIELD_TYPE_COMBOBOX, enums.FPDF_FORMFIELD_TYPE_LISTBOX,
		enums.FPDF_FORMFIELD_TYPE_XFA_TEXTFIELD, enums.FPDF_FORMFIELD_TYPE_XFA_COMBOBOX, enums.FPDF_FORMFIELD_TYPE_XFA_LISTBOX:
		v, err := p.FPDFAnnot_GetFormFieldValue(&requests.FPDFAnnot_GetFormFieldValue{FormHandle: form, Annotation: a})
		if err != nil {
			return nil, err
		}
		value = v.FormFieldValue
	case enums.FPDF_FORMFIELD_TYPE_CHECKBOX, enums.FPDF_FORMFIELD_TYPE_RADIOBUTTON, enums.FPDF_FORMFIELD_TYPE_XFA_CHECKBOX:
		// A ticked choice says something only through its export value
		// ("男性", "既婚"); "Yes"/"On" say nothing.
		c, err := p.FPDFAnnot_IsChecked(&requests.FPDFAnnot_IsChecked{FormHandle: form, Annotation: a})
		if err != nil || !c.IsChecked {
			return nil, err
		}
		v, err := p.FPDFAnnot_GetFormFieldExportValue(&requests.FPDFAnnot_GetFormFieldExportValue{FormHandle: form, Annotation: a})
		if err != nil {
			return nil, err
		}
		switch strings.ToLower(v.Value) {
		case "yes", "on", "off", "true", "1":
			return nil, nil
		}
		value = v.Value
	default:
		return nil, nil
	}
	value = cleanText(value)
	if strings.TrimSpace(value) == "" {
		return nil, nil
	}
	name, err := p.FPDFAnnot_GetFormFieldName(&requests.FPDFAnnot_GetFormFieldName{FormHandle: form, Annotation: a})
	if err != nil {
		return nil, err
	}
	alt, err := p.FPDFAnnot_GetFormFieldAlternateName(&requests.FPDFAnnot_GetFormFieldAlternateName{FormHandle: form, Annotation: a})
	if err != nil {
		return nil, err
	}
	return []extract.Segment{{Column: fieldLabel(name.FormFieldName, alt.FormFieldAlternateName), Text: value}}, nil
}

// fieldLabel is the Column of a form field: the last part of its full
// name without index suffixes ("form1[0].page1[0].氏名[0]" → "氏名"),
// and its tooltip label when that says something more.
func fieldLabel(name, alt string) string {
	short := name
	if i := strings.LastIndexByte(short, '.'); i >= 0 && i+1 < len(short) {
		short = short[i+1:]
	}
	for strings.HasSuffix(short, "]") {
		i := strings.LastIndexByte(short, '[')
		if i <= 0 {
			break
		}
		short = short[:i]
	}
	short = strings.TrimSpace(cleanText(short))
	alt = strings.TrimSpace(strings.ReplaceAll(cleanText(alt), "\n", " "))
	switch {
	case alt == "" || alt == short:
		return short
	case short == "":
		return alt
	}
	return short + " / " + alt
}

// render draws page i and queues it as a PNG for the image extractors:
// grayscale (what OCR and face detection read; a quarter of the memory)
// at RenderDPI, scaled down to stay within Limits.MaxImagePixels.
func (r *reader) render(p pdfium.Pdfium, doc references.FPDF_DOCUMENT, i int) error {
	lp, err := p.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: i})
	if err != nil {
		return err
	}
	defer func() { _, _ = p.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page}) }()
	ref := requests.Page{ByReference: &lp.Page}
	wr, err := p.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: ref})
	if err != nil {
		return err
	}
	hr, err := p.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: ref})
	if err != nil {
		return err
	}
	w, h, ok := renderSize(float64(wr.PageWidth), float64(hr.PageHeight), r.opts.RenderDPI, r.lim.MaxImagePixels)
	if !ok {
		return fmt.Errorf("page size %gx%g: %w", wr.PageWidth, hr.PageHeight, extract.ErrCorrupt)
	}
	res, err := p.RenderPageInPixels(&requests.RenderPageInPixels{
		Page: ref, Width: w, Height: h,
		RenderFlags: enums.FPDF_RENDER_FLAG_ANNOT,
		ImageFormat: requests.RenderImageFormatGrayscale,
	})
	if err != nil {
		return err
	}
	// The pixels live in pdfium's memory until Cleanup.
	defer res.Cleanup()
	data, err := encodePNG(res.Result.RenderedImage)
	if err != nil {
		return err
	}
	r.queue(extract.File{Name: fmt.Sprintf("page%d.png", i+1), ContentType: "image/png", Data: data})
	return nil
}

// renderSize is the pixel size of a w×h point page at dpi, scaled to at
// most maxPixels; ok is false for a page of no or absurd size.
func renderSize(w, h float64, dpi int, maxPixels int64) (int, int, bool) {
	if !(w > 0 && h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) {
		return 0, 0, false
	}
	pw, ph := w*float64(dpi)/72, h*float64(dpi)/72
	if px := pw * ph; px > float64(maxPixels) {
		s := math.Sqrt(float64(maxPixels) / px)
		pw, ph = pw*s, ph*s
	}
	iw, ih := int(math.Floor(pw)), int(math.Floor(ph))
	if iw < 1 || ih < 1 {
		// A sliver page (1×100000 pt): nothing worth reading.
		return 0, 0, false
	}
	return iw, ih, true
}

func encodePNG(img image.Image) ([]byte, error) {
	if img == nil {
		return nil, errors.New("no image rendered")
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// embedded queues embedded file i (the EmbeddedFiles name tree).
func (r *reader) embedded(p pdfium.Pdfium, doc references.FPDF_DOCUMENT, i int) error {
	a, err := p.FPDFDoc_GetAttachment(&requests.FPDFDoc_GetAttachment{Document: doc, Index: i})
	if err != nil {
		return err
	}
	name := ""
	if n, err := p.FPDFAttachment_GetName(&requests.FPDFAttachment_GetName{Attachment: a.Attachment}); err == nil {
		name = strings.TrimSpace(n.Name)
	} else if isCrash(err) {
		return err
	}
	if name == "" {
		name = fmt.Sprintf("embedded%d", i+1)
	}
	fc, err := p.FPDFAttachment_GetFile(&requests.FPDFAttachment_GetFile{Attachment: a.Attachment})
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if fc.Contents == nil {
		return fmt.Errorf("%s: no data: %w", name, extract.ErrCorrupt)
	}
	if int64(len(fc.Contents)) > r.lim.MaxFileBytes {
		return fmt.Errorf("%s: %w", name, &extract.LimitError{Limit: "file-bytes", Value: r.lim.MaxFileBytes})
	}
	r.queue(extract.File{Name: name, Data: fc.Contents})
	return nil
}

func (r *reader) queue(f extract.File) {
	r.pending = append(r.pending, f)
	r.pendingBytes += int64(len(f.Data))
}

// isCrash reports whether err came from the WebAssembly machine rather
// than from pdfium's API: a trap (out of memory, unreachable), an exit,
// a closed module. The instance cannot be trusted after it.
func isCrash(err error) bool {
	if err == nil {
		return false
	}
	var exit *sys.ExitError
	if errors.As(err, &exit) {
		return true
	}
	s := err.Error()
	return strings.Contains(s, "wasm error") || strings.Contains(s, "module closed") ||
		strings.Contains(s, "panic occurred")
}

func firstLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}
