package archive

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/source/outlook"
)

// TNEF returns the extractor for winmail.dat (application/ms-tnef). The
// attachments go to Sink.File under their long names; subject, sender,
// recipients and body (plain, else HTML, else compressed RTF) become
// segments.
//
// It parses the stream itself (MS-OXTNEF) rather than with
// github.com/teamwork/tnef: that library drops the attachments' MAPI
// properties (long file names, embedded messages), panics on truncated
// input and loses everything when it does; the tests compare the two on
// the corpora.
func TNEF() extract.Extractor { return tnefExtractor{} }

type tnefExtractor struct{}

const tnefSignature = 0x223E9F78

// TNEF attribute ids (low 16 bits of the attribute id).
const (
	attFrom              = 0x8000
	attSubject           = 0x8004
	attBody              = 0x800C
	attAttachData        = 0x800F
	attAttachTitle       = 0x8010
	attAttachTransportFn = 0x9001
	attAttachRendData    = 0x9002
	attMsgProps          = 0x9003
	attRecipTable        = 0x9004
	attAttachment        = 0x9005
	attOemCodepage       = 0x9007
)

func (tnefExtractor) Name() string { return "tnef" }

func (tnefExtractor) Match(f *extract.File) bool {
	if len(f.Data) >= 4 && binary.LittleEndian.Uint32(f.Data) == tnefSignature {
		return true
	}
	switch f.ContentType {
	case "application/ms-tnef", "application/vnd.ms-tnef":
		return true
	}
	return strings.EqualFold(f.Name, "winmail.dat") || strings.HasSuffix(strings.ToLower(f.Name), ".tnef")
}

func (tnefExtractor) Extract(ctx context.Context, f *extract.File, env *extract.Env, out extract.Sink) (err error) {
	lim := env.Limits.WithDefaults()
	if f.Depth >= lim.MaxContainerDepth {
		out.Problem(f.Location, fmt.Errorf("tnef %s: %w", f.Name, &extract.LimitError{Limit: "depth", Value: int64(lim.MaxContainerDepth)}))
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("tnef %s: %v: %w", f.Name, r, errPanic)
		}
	}()
	m, perr := parseTNEF(f.Data, lim.MaxMembers)
	if m == nil {
		return fmt.Errorf("tnef %s: %w: %w", f.Name, perr, extract.ErrCorrupt)
	}
	if perr != nil {
		out.Problem(f.Location, fmt.Errorf("tnef %s: %w: %w", f.Name, perr, extract.ErrCorrupt))
	}
	if err := m.emitText(f.Location, lim, out); err != nil {
		return err
	}
	names := uniqueNames{}
	for i, a := range m.atts {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("tnef %s: %w", f.Name, err)
		}
		if i >= lim.MaxMembers {
			out.Problem(f.Location, fmt.Errorf("tnef %s: %d attachments: %w", f.Name, len(m.atts), &extract.LimitError{Limit: "members", Value: int64(lim.MaxMembers)}))
			break
		}
		name, data, ctype := a.resolve(m.cp)
		name = names.name(cleanName(name, i))
		if data == nil {
			out.Problem(f.Location+"/"+name, fmt.Errorf("tnef %s: attachment %s has no data: %w", f.Name, name, extract.ErrCorrupt))
			continue
		}
		if int64(len(data)) > lim.MaxFileBytes {
			out.Problem(f.Location+"/"+name, fmt.Errorf("tnef %s: %w", name, &extract.LimitError{Limit: "file-bytes", Value: lim.MaxFileBytes}))
			continue
		}
		if err := out.File(extract.File{Name: name, ContentType: ctype, Data: data}); err != nil {
			return err
		}
	}
	return nil
}

// tnefMsg is what parseTNEF finds.
type tnefMsg struct {
	cp      int // OEM codepage for 8-bit strings, 0 if not given
	subject string
	from    string
	body    []byte // attBody, 8-bit
	props   props
	recips  []props
	atts    []*tnefAtt
	badSums int
}

type tnefAtt struct {
	title, transport []byte
	data             []byte
	props            props
}

// parseTNEF reads the attribute stream. It returns nil only when the
// signature is wrong; damage later stops the walk and is returned with
// what was read before it.
func parseTNEF(b []byte, maxMembers int) (*tnefMsg, error) {
	if len(b) < 6 || binary.LittleEndian.Uint32(b) != tnefSignature {
		return nil, fmt.Errorf("no TNEF signature")
	}
	m := &tnefMsg{} // codepage 0 until attOemCodepage: outlook.DecodeCodepage sniffs
	var cur *tnefAtt
	r := &leReader{b: b, off: 6}
	for r.off < len(b) {
		level := r.bytes(1)
		id := r.u32()
		n := int(r.u32())
		data := r.bytes(n)
		sum := r.u16()
		if r.bad {
			return m, fmt.Errorf("attribute at %d truncated", r.off)
		}
		if level[0] != 1 && level[0] != 2 {
			return m, fmt.Errorf("bad attribute level %d", level[0])
		}
		var s uint16
		for _, c := range data {
			s += uint16(c)
		}
		if s != sum {
			m.badSums++ // Outlook itself ignores checksums; so do we
		}
		name := id & 0xFFFF
		if level[0] == 2 {
			if name == attAttachRendData || cur == nil {
				cur = &tnefAtt{}
				if len(m.atts) <= maxMembers { // one more tells Extract the limit was hit
					m.atts = append(m.atts, cur)
				}
			}
			switch name {
			case attAttachTitle:
				cur.title = data
			case attAttachTransportFn:
				cur.transport = data
			case attAttachData:
				cur.data = data
			case attAttachment:
				cur.props, _, _ = parseTNEFProps(data, 1<<16)
			}
			continue
		}
		switch name {
		case attOemCodepage:
			if len(data) >= 4 {
				m.cp = int(binary.LittleEndian.Uint32(data))
			}
		case attSubject:
			m.subject = string(bytes.TrimRight(data, "\x00"))
		case attFrom:
			m.from = triple(data)
		case attBody:
			m.body = data
		case attMsgProps:
			m.props, _, _ = parseTNEFProps(data, 1<<16)
		case attRecipTable:
			rr := &leReader{b: data}
			rows := int(rr.u32())
			for i := 0; i < rows && !rr.bad && rr.off < len(data) && i < 1<<16; i++ {
				ps, used, err := parseTNEFProps(data[rr.off:], 1<<12)
				rr.off += used
				m.recips = append(m.recips, ps)
				if err != nil {
					break
				}
			}
		}
	}
	return m, nil
}

// triple decodes an attFrom TRP structure: display name and address.
func triple(b []byte) string {
	r := &leReader{b: b}
	r.skip(4)
	cch := int(r.u16())
	cb := int(r.u16())
	name := r.bytes(cch)
	addr := r.bytes(cb)
	if r.bad {
		return ""
	}
	s := strings.TrimSpace(string(bytes.TrimRight(name, "\x00")) + " " + string(bytes.TrimRight(addr, "\x00")))
	return s
}

// resolve picks an attachment's name, data and content type. Names, best
// first: PR_ATTACH_LONG_FILENAME, PR_DISPLAY_NAME, the transport file
// name, attAttachTitle (often 8.3), PR_ATTACH_FILENAME.
func (a *tnefAtt) resolve(cp int) (name string, data []byte, ctype string) {
	cp = a.props.codepage(cp)
	for _, s := range []string{
		a.props.str(prAttachLongName, cp),
		a.props.str(prDisplayName, cp),
		outlook.DecodeCodepage(bytes.TrimRight(a.transport, "\x00"), cp),
		outlook.DecodeCodepage(bytes.TrimRight(a.title, "\x00"), cp),
		a.props.str(prAttachFilename, cp),
	} {
		if s = strings.TrimSpace(s); s != "" {
			name = s
			break
		}
	}
	if name == "" {
		name = "Untitled Attachment"
	}
	ctype = strings.ToLower(a.props.str(prAttachMimeTag, cp))
	data = a.data
	method, _ := a.props.int(prAttachMethod)
	if p := a.props.get(prAttachDataBin); p != nil && (data == nil || method == attachEmbeddedMsg || method == attachOLE) {
		v := p.vals[0]
		if p.typ == ptObject && len(v) >= 16 {
			v = v[16:] // IID of the object: IMessage (a TNEF stream) or IStorage (a CFB file)
		}
		if len(v) > 0 {
			data = v
		}
	}
	if method == attachEmbeddedMsg && len(data) >= 4 && binary.LittleEndian.Uint32(data) == tnefSignature {
		ctype = "application/ms-tnef"
		if !strings.HasSuffix(strings.ToLower(name), ".tnef") {
			name += ".tnef"
		}
	}
	return name, data, ctype
}

// emitText hands over subject, sender, recipients and body.
func (m *tnefMsg) emitText(loc string, lim extract.Limits, out extract.Sink) error {
	cp := m.props.codepage(m.cp)
	subject := m.props.str(prSubject, cp)
	if subject == "" {
		subject = outlook.DecodeCodepage([]byte(m.subject), m.cp)
	}
	var from []string
	for _, id := range []uint16{prSenderName, prSenderEmail, prSenderSMTPAddress, prSentReprName, prSentReprEmail} {
		if s := m.props.str(id, cp); s != "" && !contains(from, s) {
			from = append(from, s)
		}
	}
	if len(from) == 0 && m.from != "" {
		from = append(from, outlook.DecodeCodepage([]byte(m.from), m.cp))
	}
	var to []string
	for _, r := range m.recips {
		for _, id := range []uint16{prDisplayName, prEmailAddress, prSMTPAddress} {
			if s := r.str(id, cp); s != "" && !contains(to, s) {
				to = append(to, s)
			}
		}
	}
	for _, id := range []uint16{prDisplayTo, prDisplayCc, prDisplayBcc} {
		if s := m.props.str(id, cp); s != "" && !contains(to, s) {
			to = append(to, s)
		}
	}
	for _, seg := range []struct{ suffix, col, text string }{
		{"#subject", "Subject", subject},
		{"#from", "From", strings.Join(from, "\n")},
		{"#to", "To", strings.Join(to, "\n")},
		{"#headers", "", m.props.str(prTransportHeaders, cp)},
		{"#body", "", bodyText(m.props, cp, m.body, m.cp, int(lim.MaxFileBytes))},
	} {
		if err := emitText(out, loc+seg.suffix, seg.col, seg.text); err != nil {
			return err
		}
	}
	return nil
}

// bodyText returns the body: PR_BODY, else the 8-bit attBody, else
// PR_BODY_HTML as text, else the compressed RTF as text.
func bodyText(ps props, cp int, legacy []byte, legacyCP, limit int) string {
	if s := ps.str(prBody, cp); strings.TrimSpace(s) != "" {
		return s
	}
	if len(bytes.TrimSpace(legacy)) > 0 {
		return outlook.DecodeCodepage(bytes.TrimRight(legacy, "\x00"), legacyCP)
	}
	if p := ps.get(prBodyHTML); p != nil {
		var h string
		if p.typ == ptUnicode {
			h = p.string(cp)
		} else {
			h = outlook.DecodeCodepage(p.vals[0], cp)
		}
		if s := htmlText([]byte(h)); strings.TrimSpace(s) != "" {
			return s
		}
	}
	if b := ps.bin(prRTFCompressed); b != nil {
		if raw, _ := decompressRTF(b, limit); len(raw) > 0 {
			return rtfText(raw)
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
