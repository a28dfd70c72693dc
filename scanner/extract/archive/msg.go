package archive

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/mailsift/mailsift/scanner/extract"
)

// MSG returns the extractor for Outlook .msg files (a compound file of
// MAPI properties, MS-OXMSG): subject, sender, recipients, transport
// headers and body (plain, else HTML, else compressed RTF) become
// segments; attachments go to Sink.File under their long names.
//
// An attached message is stored as a storage inside the file, not as
// bytes, so it is read in place: its segments and attachments appear
// under "<name>.msg" (attachment:a.msg/Fwd.msg#body,
// attachment:a.msg/Fwd.msg/invoice.pdf), and the depth limit counts it.
func MSG() extract.Extractor { return msgExtractor{} }

type msgExtractor struct{}

func (msgExtractor) Name() string { return "msg" }

func (msgExtractor) Match(f *extract.File) bool {
	if bytes.HasPrefix(f.Data, cfbMagic) {
		return isMSG(f.Data)
	}
	return f.ContentType == "application/vnd.ms-outlook" || strings.HasSuffix(strings.ToLower(f.Name), ".msg")
}

func (msgExtractor) Extract(ctx context.Context, f *extract.File, env *extract.Env, out extract.Sink) (err error) {
	lim := env.Limits.WithDefaults()
	if f.Depth >= lim.MaxContainerDepth {
		out.Problem(f.Location, fmt.Errorf("msg %s: %w", f.Name, &extract.LimitError{Limit: "depth", Value: int64(lim.MaxContainerDepth)}))
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("msg %s: %v: %w", f.Name, r, errPanic)
		}
	}()
	t, err := openCFB(f.Data)
	if err != nil {
		return fmt.Errorf("msg %s: %w: %w", f.Name, err, extract.ErrCorrupt)
	}
	m := &msgRun{ctx: ctx, f: f, lim: lim, out: out, t: t, b: newBudget(lim)}
	return m.message("", "", f.Depth, 32)
}

type msgRun struct {
	ctx     context.Context
	f       *extract.File
	lim     extract.Limits
	out     extract.Sink
	t       *cfbTree
	b       *budget
	members int
}

// message reads the message in storage key. prefix is its path below the
// file ("" for the top message, "Fwd.msg/" for an attached one); hdr is
// the size of the header of its __properties_version1.0 stream (32 at the
// top, 24 for an attached message).
func (m *msgRun) message(key, prefix string, depth, hdr int) error {
	loc := m.f.Location + "/" + strings.TrimSuffix(prefix, "/")
	if prefix == "" {
		loc = m.f.Location
	}
	ps := m.props(key, hdr)
	cp := ps.codepage(0)
	var from, to []string
	add := func(list *[]string, s string) {
		if s = strings.TrimSpace(s); s != "" && !contains(*list, s) {
			*list = append(*list, s)
		}
	}
	for _, id := range []uint16{prSenderName, prSenderEmail, prSenderSMTPAddress, prSentReprName, prSentReprEmail} {
		add(&from, ps.str(id, cp))
	}
	for _, r := range m.storages(key, "__recip_version1.0_#") {
		rp := m.props(r, 8)
		for _, id := range []uint16{prDisplayName, prEmailAddress, prSMTPAddress} {
			add(&to, rp.str(id, cp))
		}
	}
	for _, id := range []uint16{prDisplayTo, prDisplayCc, prDisplayBcc} {
		add(&to, ps.str(id, cp))
	}
	for _, seg := range []struct{ suffix, col, text string }{
		{"#subject", "Subject", ps.str(prSubject, cp)},
		{"#from", "From", strings.Join(from, "\n")},
		{"#to", "To", strings.Join(to, "\n")},
		{"#headers", "", ps.str(prTransportHeaders, cp)},
		{"#body", "", bodyText(ps, cp, nil, cp, int(m.lim.MaxFileBytes))},
	} {
		if err := emitText(m.out, loc+seg.suffix, seg.col, seg.text); err != nil {
			return err
		}
	}
	names := uniqueNames{}
	for i, a := range m.storages(key, "__attach_version1.0_#") {
		if err := m.ctx.Err(); err != nil {
			return fmt.Errorf("msg %s: %w", m.f.Name, err)
		}
		m.members++
		if m.members > m.lim.MaxMembers {
			m.out.Problem(loc, fmt.Errorf("msg %s: %w", m.f.Name, &extract.LimitError{Limit: "members", Value: int64(m.lim.MaxMembers)}))
			return nil
		}
		if err := m.attachment(a, prefix, loc, depth, i, cp, names); err != nil {
			return err
		}
	}
	return nil
}

// attachment hands over one attachment, or reads an attached message.
func (m *msgRun) attachment(key, prefix, loc string, depth, i, cp int, names uniqueNames) error {
	ap := m.props(key, 8)
	name := ""
	for _, id := range []uint16{prAttachLongName, prAttachFilename, prDisplayName} {
		if s := strings.TrimSpace(ap.str(id, cp)); s != "" {
			name = s
			break
		}
	}
	if name == "" {
		name = fmt.Sprintf("attachment-%d", i+1)
	}
	method, _ := ap.int(prAttachMethod)
	obj := m.t.child(key, "__substg1.0_3701000D")
	if obj != nil && (method == attachEmbeddedMsg || m.t.child(key+"/"+obj.Name, "__properties_version1.0") != nil && method != attachOLE) {
		name = names.name(cleanName(strings.TrimSuffix(name, ".msg")+".msg", i))
		sub := key + "/" + obj.Name
		if depth+1 >= m.lim.MaxContainerDepth {
			m.out.Problem(loc+"/"+name, fmt.Errorf("msg %s: %w", name, &extract.LimitError{Limit: "depth", Value: int64(m.lim.MaxContainerDepth)}))
			return nil
		}
		return m.message(sub, prefix+name+"/", depth+1, 24)
	}
	name = names.name(cleanName(name, i))
	if obj != nil {
		// An OLE object (embedded Word document, picture) is a storage:
		// rebuilding a standalone compound file is not done.
		m.out.Problem(loc+"/"+name, fmt.Errorf("msg %s: embedded OLE object: %w", name, extract.ErrUnsupported))
		return nil
	}
	data := ap.bin(prAttachDataBin)
	if data == nil {
		if method == 2 || method == 3 || method == 4 { // by reference: a path, not content
			return emitText(m.out, loc+"/"+name+"#reference", "", ap.str(0x370D, cp)+"\n"+ap.str(0x3708, cp))
		}
		m.out.Problem(loc+"/"+name, fmt.Errorf("msg %s: attachment without data: %w", name, extract.ErrCorrupt))
		return nil
	}
	return m.out.File(extract.File{Name: prefix + name, ContentType: strings.ToLower(ap.str(prAttachMimeTag, cp)), Data: data})
}

// storages lists the sub-storages of key whose names start with prefix,
// in name order (which is the attachment/recipient order).
func (m *msgRun) storages(key, prefix string) []string {
	var out []string
	for _, f := range m.t.children[key] {
		if strings.HasPrefix(f.Name, prefix) && f.FileInfo().IsDir() {
			out = append(out, strings.TrimPrefix(key+"/"+f.Name, "/"))
		}
	}
	sort.Strings(out)
	return out
}

// props reads the properties of the storage key: variable-length ones
// from __substg1.0_IIIITTTT streams, fixed ones from
// __properties_version1.0 (hdr bytes of header, then 16-byte entries).
func (m *msgRun) props(key string, hdr int) props {
	var ps props
	for _, f := range m.t.children[key] {
		name := f.Name
		if !strings.HasPrefix(name, "__substg1.0_") || len(name) != 20 {
			if name == "__properties_version1.0" {
				b, _ := m.t.read(f, 1<<20, m.lim)
				ps = append(ps, fixedProps(b, hdr)...)
			}
			continue
		}
		tag, err := strconv.ParseUint(name[12:], 16, 32)
		if err != nil {
			continue
		}
		typ := uint16(tag)
		if typ != ptString8 && typ != ptUnicode && typ != ptBinary {
			continue // multi-valued and object properties are not needed
		}
		if f.Size > m.b.left {
			m.out.Problem(m.f.Location, fmt.Errorf("msg %s: %w", m.f.Name, &extract.LimitError{Limit: "bytes", Value: m.b.limit}))
			continue
		}
		b, err := m.t.read(f, m.lim.MaxFileBytes, m.lim)
		if err != nil {
			m.out.Problem(m.f.Location, fmt.Errorf("msg %s: %w: %w", m.f.Name, err, extract.ErrCorrupt))
		}
		m.b.left -= int64(len(b))
		ps = append(ps, mapiProp{typ: typ, id: uint16(tag >> 16), vals: [][]byte{b}})
	}
	return ps
}

// fixedProps reads the fixed-size properties of a property stream.
func fixedProps(b []byte, hdr int) props {
	var ps props
	for i := hdr; i+16 <= len(b); i += 16 {
		typ := binary.LittleEndian.Uint16(b[i:])
		if fixedSize(typ) <= 0 {
			continue
		}
		ps = append(ps, mapiProp{typ: typ, id: binary.LittleEndian.Uint16(b[i+2:]), vals: [][]byte{b[i+8 : i+16]}})
	}
	return ps
}
