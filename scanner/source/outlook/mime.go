package outlook

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Item is one Outlook object as read from a PST/OST or .msg file.
type Item struct {
	Props       *Props
	Recipients  []*Props
	Attachments []*Attachment
	// Problems are the parts of the item that could not be read (a
	// recipient table, an attachment's data); the rest is still built.
	Problems []error
}

// Attachment is one attachment of an item.
type Attachment struct {
	Props    *Props
	Data     []byte // content of an attachment by value (or an OLE object's bytes)
	Embedded *Item  // an attached message (ATTACH_EMBEDDED_MSG)
}

// maxDepth bounds attached messages inside attached messages: a damaged
// file could otherwise make a loop.
const maxDepth = 16

// Build returns the item as a MIME message, CRLF line endings.
//
// Headers: when the item kept its transport headers (a message that came
// in over SMTP), they are used as they are, but for the Content-* and
// MIME-Version fields, which describe a body that is not stored and are
// replaced; a Bcc field is added from the recipient table when the
// headers have none. Otherwise the headers are made from the MAPI
// properties: From (sent representing, else sender), To/Cc/Bcc (recipient
// table, else the display lists), Subject, Date (submit, else delivery,
// else creation time), Message-ID, In-Reply-To, References.
//
// Body: the plain text and the HTML body as they are stored (both, as
// multipart/alternative, when both are), else the compressed RTF body
// (its HTML when it encapsulates HTML, else its text). Contacts,
// appointments, tasks and other non-mail items get a first text part
// listing their fields (names, phones, addresses, e-mail addresses,
// dates), so the detectors see them. Attachments follow, base64, under
// their long names; attached messages become message/rfc822 parts built
// the same way.
//
// Every text is written as UTF-8 and base64 and every boundary is made
// from the nesting depth and a counter, so the output depends on the
// properties only: rebuilding the same item gives the same bytes.
func Build(it *Item) []byte {
	var b bytes.Buffer
	build(&b, it, 0)
	return b.Bytes()
}

func build(b *bytes.Buffer, it *Item, depth int) {
	p := it.Props
	if p == nil {
		p = NewProps(nil)
	}
	writeHeaders(b, it, p)
	parts := bodyParts(it, p, depth)
	n := 0
	boundary := func() string {
		n++
		return "=_mailsift_" + strconv.Itoa(depth) + "_" + strconv.Itoa(n) + "_="
	}
	if len(parts) == 1 {
		parts[0].write(b, boundary)
		return
	}
	mixed := part{kind: "multipart/mixed", children: parts}
	mixed.write(b, boundary)
}

// part is a node of the MIME tree being written.
type part struct {
	kind     string // content type; multipart/* has children
	charset  string
	name     string // attachment file name; "" for a body part
	cid      string
	data     []byte
	children []part
	message  *Item // message/rfc822
	depth    int
}

func (pt part) write(b *bytes.Buffer, boundary func() string) {
	switch {
	case strings.HasPrefix(pt.kind, "multipart/"):
		bd := boundary()
		b.WriteString("Content-Type: " + pt.kind + "; boundary=\"" + bd + "\"\r\n\r\n")
		for _, c := range pt.children {
			b.WriteString("--" + bd + "\r\n")
			c.write(b, boundary)
		}
		b.WriteString("--" + bd + "--\r\n")
	case pt.message != nil:
		b.WriteString("Content-Type: message/rfc822\r\n")
		b.WriteString("Content-Disposition: attachment; " + fileParam("filename", pt.name) + "\r\n")
		b.WriteString("Content-Transfer-Encoding: 8bit\r\n\r\n")
		build(b, pt.message, pt.depth+1)
	default:
		ct := pt.kind
		if pt.charset != "" {
			ct += "; charset=" + pt.charset
		}
		if pt.name != "" {
			ct += "; " + fileParam("name", pt.name)
		}
		b.WriteString("Content-Type: " + ct + "\r\n")
		if pt.name != "" {
			b.WriteString("Content-Disposition: attachment; " + fileParam("filename", pt.name) + "\r\n")
		}
		if pt.cid != "" {
			b.WriteString("Content-ID: <" + strings.Trim(sanitizeHeader(pt.cid), "<>") + ">\r\n")
		}
		b.WriteString("Content-Transfer-Encoding: base64\r\n\r\n")
		writeBase64(b, pt.data)
	}
}

func writeBase64(b *bytes.Buffer, data []byte) {
	const line = 57 // 76 characters
	enc := make([]byte, base64.StdEncoding.EncodedLen(line))
	for len(data) > 0 {
		n := min(line, len(data))
		m := base64.StdEncoding.EncodedLen(n)
		base64.StdEncoding.Encode(enc[:m], data[:n])
		b.Write(enc[:m])
		b.WriteString("\r\n")
		data = data[n:]
	}
}

// fileParam writes a file name parameter: quoted when it is printable
// ASCII, else in RFC 2231 form.
func fileParam(key, name string) string {
	ascii := true
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			ascii = false
			break
		}
	}
	if ascii {
		return key + "=\"" + name + "\""
	}
	var sb strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 0x80 || c <= 0x20 || c == 0x7f || strings.IndexByte("*'%()<>@,;:\\\"/[]?=", c) >= 0 {
			fmt.Fprintf(&sb, "%%%02X", c)
		} else {
			sb.WriteByte(c)
		}
	}
	return key + "*=utf-8''" + sb.String()
}

// bodyParts returns the card, body and attachment parts of an item.
func bodyParts(it *Item, p *Props, depth int) []part {
	var parts []part
	if card := Card(p); card != "" {
		parts = append(parts, part{kind: "text/plain", charset: "utf-8", data: []byte(card)})
	}
	plain := p.String(PidTagBody)
	html := htmlBody(p)
	if plain == "" && html == "" {
		if rtf := p.Binary(PidTagRtfCompressed); len(rtf) > 0 {
			if raw, err := DecompressRTF(rtf); err == nil {
				if h, ok := RTFHTML(raw); ok {
					html = h
				} else {
					plain = RTFText(raw)
				}
			} else {
				it.Problems = append(it.Problems, fmt.Errorf("compressed RTF body: %w", err))
			}
		}
	}
	switch {
	case plain != "" && html != "":
		parts = append(parts, part{kind: "multipart/alternative", children: []part{
			{kind: "text/plain", charset: "utf-8", data: []byte(plain)},
			{kind: "text/html", charset: "utf-8", data: []byte(html)},
		}})
	case html != "":
		parts = append(parts, part{kind: "text/html", charset: "utf-8", data: []byte(html)})
	case plain != "" || len(parts) == 0:
		parts = append(parts, part{kind: "text/plain", charset: "utf-8", data: []byte(plain)})
	}
	names := map[string]int{}
	for i, a := range it.Attachments {
		ap := a.Props
		name := attachmentName(ap, i)
		if a.Embedded != nil {
			if !strings.HasSuffix(strings.ToLower(name), ".eml") && !strings.HasSuffix(strings.ToLower(name), ".msg") {
				name += ".eml"
			}
			name = unique(names, name)
			if depth+1 >= maxDepth {
				it.Problems = append(it.Problems, fmt.Errorf("attachment %q: attached messages nested deeper than %d levels", name, maxDepth))
				continue
			}
			parts = append(parts, part{kind: "message/rfc822", name: name, message: a.Embedded, depth: depth})
			continue
		}
		ct := strings.ToLower(strings.TrimSpace(ap.String(PidTagAttachMimeTag)))
		if ct == "" || strings.ContainsAny(ct, " ;\"\r\n") || !strings.Contains(ct, "/") {
			ct = "application/octet-stream"
		}
		parts = append(parts, part{kind: ct, name: unique(names, name), cid: ap.String(PidTagAttachContentID), data: a.Data})
	}
	return parts
}

// attachmentName is the attachment's long file name, else its short one,
// else its display name, else attachment-N; never a path.
func attachmentName(ap *Props, i int) string {
	for _, id := range []uint16{PidTagAttachLongFilename, PidTagAttachFilename, PidTagDisplayName} {
		s := strings.TrimSpace(ap.String(id))
		s = s[strings.LastIndexAny(s, `/\`)+1:]
		s = sanitizeHeader(s)
		if s != "" {
			return s
		}
	}
	return "attachment-" + strconv.Itoa(i+1)
}

// unique makes names distinct within one message: a.pdf, a (2).pdf.
func unique(seen map[string]int, name string) string {
	seen[name]++
	if n := seen[name]; n > 1 {
		ext := ""
		if i := strings.LastIndexByte(name, '.'); i > 0 {
			name, ext = name[:i], name[i:]
		}
		return name + " (" + strconv.Itoa(n) + ")" + ext
	}
	return name
}

// htmlBody returns the HTML body as UTF-8: PidTagHtml is bytes in the
// message's Internet codepage, or a Unicode string.
func htmlBody(p *Props) string {
	v, ok := p.Get(PidTagHTML)
	if !ok || v.MV {
		return ""
	}
	switch v.Type {
	case TypeUnicode:
		return DecodeUTF16(v.Data)
	case TypeBinary, TypeString8:
		return DecodeCodepage(bytes.TrimRight(v.Data, "\x00"), p.CodePage())
	}
	return ""
}

// Subject returns the item's subject without the PST prefix marker
// (U+0001 and a length character before the normalized subject).
func Subject(p *Props) string {
	s := p.String(PidTagSubject)
	if strings.HasPrefix(s, "\x01") {
		if _, n := utf8.DecodeRuneInString(s[1:]); n > 0 {
			s = s[1+n:]
		} else {
			s = s[1:]
		}
	}
	return s
}

func writeHeaders(b *bytes.Buffer, it *Item, p *Props) {
	if th := p.String(PidTagTransportMessageHeaders); strings.TrimSpace(th) != "" {
		if writeTransportHeaders(b, th, it) {
			return
		}
	}
	if from := sender(p); from != "" {
		header(b, "From", from)
	}
	to, cc, bcc := recipients(it)
	if len(to) == 0 && len(cc) == 0 && len(bcc) == 0 {
		// No recipient table: the display lists are all there is.
		to = splitDisplay(p.String(PidTagDisplayTo))
		cc = splitDisplay(p.String(PidTagDisplayCc))
		bcc = splitDisplay(p.String(PidTagDisplayBcc))
	}
	for _, f := range []struct {
		name string
		list []string
	}{{"To", to}, {"Cc", cc}, {"Bcc", bcc}} {
		if len(f.list) > 0 {
			header(b, f.name, strings.Join(f.list, ",\r\n "))
		}
	}
	if s := Subject(p); s != "" {
		header(b, "Subject", encodeWord(s))
	}
	for _, id := range []uint16{PidTagClientSubmitTime, PidTagMessageDeliveryTime, PidTagCreationTime} {
		if t, ok := p.Time(id); ok {
			header(b, "Date", t.Format(time.RFC1123Z))
			break
		}
	}
	for _, f := range []struct {
		name string
		id   uint16
	}{{"Message-ID", PidTagInternetMessageID}, {"In-Reply-To", PidTagInReplyToID}, {"References", PidTagInternetReferences}} {
		if s := sanitizeHeader(p.String(f.id)); s != "" {
			header(b, f.name, s)
		}
	}
	b.WriteString("MIME-Version: 1.0\r\n")
}

// writeTransportHeaders writes the stored Internet headers without their
// Content-* and MIME-Version fields. It returns false when they hold no
// header field at all (then the headers are rebuilt instead).
func writeTransportHeaders(b *bytes.Buffer, th string, it *Item) bool {
	th = strings.ReplaceAll(th, "\r\n", "\n")
	if i := strings.Index(th, "\n\n"); i >= 0 {
		th = th[:i] // a body or junk after the header block
	}
	var out []string
	skip, hasBcc := false, false
	for _, line := range strings.Split(th, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" {
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			if !skip && len(out) > 0 {
				out = append(out, line)
			}
			continue
		}
		i := strings.IndexByte(line, ':')
		if i <= 0 {
			skip = true // not a field: dropped with its continuation lines
			continue
		}
		name := strings.ToLower(strings.TrimSpace(line[:i]))
		skip = strings.HasPrefix(name, "content-") || name == "mime-version"
		if name == "bcc" {
			hasBcc = true
		}
		if !skip {
			out = append(out, line)
		}
	}
	if len(out) == 0 {
		return false
	}
	for _, l := range out {
		b.WriteString(l)
		b.WriteString("\r\n")
	}
	if !hasBcc {
		if _, _, bcc := recipients(it); len(bcc) > 0 {
			header(b, "Bcc", strings.Join(bcc, ",\r\n "))
		}
	}
	b.WriteString("MIME-Version: 1.0\r\n")
	return true
}

func header(b *bytes.Buffer, name, value string) {
	b.WriteString(name + ": " + value + "\r\n")
}

// sender is the From address: the sent-representing (on behalf of)
// mailbox, else the sender.
func sender(p *Props) string {
	if a := address(p.String(PidTagSentRepresentingName), smtpOf(p, PidTagSentRepresentingSMTPAddr, PidTagSentRepresentingAddrType, PidTagSentRepresentingEmail)); a != "" {
		return a
	}
	return address(p.String(PidTagSenderName), smtpOf(p, PidTagSenderSMTPAddress, PidTagSenderAddrType, PidTagSenderEmail))
}

// smtpOf returns an SMTP address: the SMTP property, else the e-mail
// address when its type is SMTP (or unset and it looks like one).
func smtpOf(p *Props, smtp, addrType, email uint16) string {
	if s := strings.TrimSpace(p.String(smtp)); strings.Contains(s, "@") {
		return s
	}
	t := strings.ToUpper(strings.TrimSpace(p.String(addrType)))
	if s := strings.TrimSpace(p.String(email)); (t == "SMTP" || t == "") && strings.Contains(s, "@") && !strings.HasPrefix(s, "/") {
		return s
	}
	return ""
}

func recipients(it *Item) (to, cc, bcc []string) {
	for _, r := range it.Recipients {
		name := r.String(PidTagDisplayName)
		if name == "" {
			name = r.String(PidTagRecipientDisplayName)
		}
		a := address(name, smtpOf(r, PidTagSMTPAddress, PidTagAddrType, PidTagEmailAddress))
		if a == "" {
			continue
		}
		typ, _ := r.Int(PidTagRecipientType)
		switch typ & 0x0F { // the high bits are flags
		case recipientCc:
			cc = append(cc, a)
		case recBcc:
			bcc = append(bcc, a)
		default:
			to = append(to, a)
		}
	}
	return to, cc, bcc
}

// address formats a mailbox: "Name" <addr>, or the name alone when the
// address is not an Internet one (Exchange X.500 names are not).
func address(name, addr string) string {
	name = strings.TrimSpace(sanitizeHeader(name))
	addr = strings.Trim(strings.TrimSpace(sanitizeHeader(addr)), "<>")
	if strings.EqualFold(name, addr) || strings.Trim(name, "'\"") == addr {
		name = ""
	}
	switch {
	case name == "" && addr == "":
		return ""
	case addr == "":
		return phrase(name)
	case name == "":
		return "<" + addr + ">"
	}
	return phrase(name) + " <" + addr + ">"
}

// phrase quotes or encodes a display name.
func phrase(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return encodeWord(s)
		}
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func encodeWord(s string) string {
	s = sanitizeHeader(s)
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return mime.BEncoding.Encode("utf-8", s)
		}
	}
	return s
}

// sanitizeHeader keeps a value on one header line.
func sanitizeHeader(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

// splitDisplay splits a PidTagDisplayTo-style list ("A; B").
func splitDisplay(s string) []string {
	var out []string
	for _, n := range strings.Split(s, ";") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, phrase(sanitizeHeader(n)))
		}
	}
	return out
}
