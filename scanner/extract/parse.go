package extract

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
)

// Parse decodes a raw message. It never fails: what cannot be decoded is
// recorded in Message.Errors and on the part, and the walk goes on.
func Parse(raw []byte, opts Options) *Message {
	w := &walker{opts: opts.withDefaults(), msg: &Message{}}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")) // a BOM some tools write
	w.message(raw, "", "", 0, true)
	return w.msg
}

type walker struct {
	opts  Options
	msg   *Message
	parts int
	addrs int // addresses parsed, against opts.MaxAddresses
}

// fail records a problem; part may be nil for header problems.
func (w *walker) fail(p *Part, path, loc string, err error) {
	w.msg.Errors = append(w.msg.Errors, &PartError{Part: path, Location: loc, Err: err})
	if p != nil {
		p.Errors = append(p.Errors, err.Error())
	}
}

// message walks one (possibly nested) message. prefix is "" at the top and
// "NAME/" inside a message/rfc822 attachment; secPath its MIME section.
func (w *walker) message(raw []byte, prefix, secPath string, depth int, top bool) {
	hdrBytes, body, problems := splitHeader(raw)
	h, hp := parseHeader(hdrBytes)
	problems = append(problems, hp...)
	hd := newHeaderDecoder()
	fieldPart := "header"
	if secPath != "" {
		fieldPart = secPath + ".header"
	}
	fieldLoc := func(name string) string {
		if prefix == "" {
			return "header:" + name
		}
		return "attachment:" + prefix + "header:" + name
	}
	for _, name := range []string{"From", "Sender", "Reply-To", "To", "Cc", "Bcc"} {
		// A field repeated in the header ("Cc:" on each of 90 lines, seen in
		// spam) is one address list, as its recipients read it: one Field,
		// so that a finding's location and offsets name one place (the
		// finding ID is built from them; two Fields "header:Cc" gave
		// different findings the same ID).
		var texts []string
		unparsed := 0
		for i := range h.fields { // not h.Values: a header may repeat To: millions of times
			if !keyIs(h.fields[i].key, name) {
				continue
			}
			raw := h.fields[i].value
			list, rest := hd.addresses(name, raw, w.opts.MaxAddresses-w.addrs)
			w.addrs += len(list)
			unparsed += rest
			if top {
				switch name {
				case "From":
					w.msg.From = append(w.msg.From, list...)
				case "To":
					w.msg.To = append(w.msg.To, list...)
				case "Cc":
					w.msg.Cc = append(w.msg.Cc, list...)
				}
			}
			if t := formatAddresses(list); t != "" {
				texts = append(texts, t)
			}
		}
		if unparsed > 0 {
			problems = append(problems, fmt.Sprintf("header %s: over the limit of %d addresses per message: its last %d bytes were neither parsed nor scanned", name, w.opts.MaxAddresses, unparsed))
		}
		if len(texts) > 0 {
			w.msg.Fields = append(w.msg.Fields, Field{Location: fieldLoc(name), Text: strings.Join(texts, ", "), Part: fieldPart})
		}
	}
	subject := hd.value("Subject", h.Get("Subject"))
	if subject != "" {
		w.msg.Fields = append(w.msg.Fields, Field{Location: fieldLoc("Subject"), Text: subject, Part: fieldPart})
	}
	if top {
		w.msg.Subject = subject
		w.msg.DateRaw = strings.TrimSpace(h.Get("Date"))
		w.msg.Date, _ = parseDate(w.msg.DateRaw)
		if id, err := messageID(h.Get("Message-Id")); err == nil && id != "" {
			w.msg.MessageID = "<" + id + ">"
		} else {
			w.msg.MessageID = strings.TrimSpace(h.Get("Message-Id"))
		}
		// Thread links: PPAP pairs an encrypted ZIP with the password mail
		// of the same thread.
		if ids := msgIDList(h.Get("In-Reply-To")); len(ids) > 0 {
			w.msg.InReplyTo = ids[0]
		}
		w.msg.References = msgIDList(h.Get("References"))
	}
	problems = append(problems, hd.problems...)
	for _, p := range problems {
		loc := "header"
		if prefix != "" {
			loc = "attachment:" + prefix + "header"
		}
		w.fail(nil, secPath, loc, errors.New(p))
	}
	// IMAP section numbering (RFC 3501 6.4.5): a message's single-part body
	// is N.1 ("1" at the top), a multipart body's children are N.1, N.2 ...
	leaf := "1"
	if secPath != "" {
		leaf = secPath + ".1"
	}
	w.entity(h, body, prefix, leaf, secPath, "", depth)
}

// msgIDList returns the <id> tokens of an In-Reply-To or References
// value, at most 100 (the header is attacker-controlled).
func msgIDList(v string) []string {
	var ids []string
	for len(ids) < 100 {
		i := strings.IndexByte(v, '<')
		if i < 0 {
			break
		}
		j := strings.IndexByte(v[i:], '>')
		if j < 0 {
			break
		}
		if id := strings.TrimSpace(v[i+1 : i+j]); id != "" && !strings.ContainsAny(id, " \t<") {
			ids = append(ids, "<"+id+">")
		}
		v = v[i+j+1:]
	}
	return ids
}

// messageID parses a Message-Id value as go-message's mail.Header does.
func messageID(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	var th textproto.Header
	th.Add("Message-Id", v)
	return (&mail.Header{Header: message.Header{Header: th}}).MessageID()
}

// entity walks one MIME entity (header h, body bytes). sec names it when
// it is a leaf; its children, if multipart, are childBase.1, childBase.2 ...
//
// A text part without a charset takes the one its enclosing multipart
// declares (inherited), which some mailers rely on; sniffing still checks it.
func (w *walker) entity(h header, body []byte, prefix, sec, childBase, inherited string, depth int) {
	hd := newHeaderDecoder()
	ct := hd.parseMediaType(h.Get("Content-Type"))
	if ct.value == "" || !strings.Contains(ct.value, "/") {
		ct.value = "text/plain" // RFC 2045 default, also for garbage values
	}
	if ct.params["charset"] == "" && inherited != "" {
		ct.params["charset"] = inherited
	}
	cd := hd.parseMediaType(h.Get("Content-Disposition"))
	cte := strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding")))
	loc := "attachment:" + prefix + "body"
	if prefix == "" {
		loc = "body"
	}

	if depth > w.opts.MaxMIMEDepth {
		// Salvage: keep the rest as text so nothing inside goes unseen.
		p := w.leaf(sec, loc, "text/plain", "", cte, "", "")
		if p != nil {
			w.text(p, "", body)
			w.fail(p, sec, loc, fmt.Errorf("nesting deeper than %d levels: rest read as plain text", w.opts.MaxMIMEDepth))
		}
		return
	}

	switch {
	case strings.HasPrefix(ct.value, "multipart/"):
		boundary := ct.params["boundary"]
		if boundary == "" {
			p := w.leaf(sec, loc, "text/plain", ct.params["charset"], cte, "", "")
			if p != nil {
				w.text(p, ct.params["charset"], body)
				w.fail(p, sec, loc, errors.New("multipart without boundary: body read as plain text"))
			}
			return
		}
		parts, perr := splitMultipart(body, boundary)
		if perr != nil {
			w.fail(nil, sec, loc, perr)
		}
		if len(parts) == 0 {
			p := w.leaf(sec, loc, "text/plain", "", cte, "", "")
			if p != nil {
				w.text(p, "", body)
				w.fail(p, sec, loc, errors.New("multipart: no part found: body read as plain text"))
			}
			return
		}
		for i, pb := range parts {
			childSec := strconv.Itoa(i + 1)
			if childBase != "" {
				childSec = childBase + "." + childSec
			}
			hb, cb, probs := splitHeader(pb)
			ch, hp := parseHeader(hb)
			for _, pr := range append(probs, hp...) {
				w.fail(nil, childSec, loc, errors.New(pr))
			}
			w.entity(ch, cb, prefix, childSec, childSec, ct.params["charset"], depth+1)
		}
		return
	case ct.value == "message/rfc822" || ct.value == "message/global":
		data, err := decodeTransfer(cte, body)
		name := filename(ct, cd)
		if name == "" {
			name = "message.eml"
		}
		if err != nil {
			w.fail(nil, sec, "attachment:"+prefix+name, err)
		}
		w.message(data, prefix+name+"/", sec, depth+1, false)
		return
	}

	name := filename(ct, cd)
	attachment := cd.value == "attachment" || name != ""
	if attachment {
		if name == "" {
			name = "part-" + sec
		}
		loc = "attachment:" + prefix + name
	} else if !isTextType(ct.value) {
		// An unnamed inline non-text part (e.g. an image in multipart/related).
		loc = "attachment:" + prefix + "part-" + sec + extFor(ct.value)
		attachment = true
	}
	p := w.leaf(sec, loc, ct.value, ct.params["charset"], cte, name, cd.value)
	if p == nil {
		return
	}
	p.Attachment = attachment
	data, err := decodeTransfer(cte, body)
	if err != nil {
		w.fail(p, sec, loc, err)
	}
	if int64(len(data)) > w.opts.MaxPartBytes {
		p.Size = int64(len(data))
		data = data[:w.opts.MaxPartBytes]
		w.fail(p, sec, loc, fmt.Errorf("part of %d bytes cut to the limit of %d", p.Size, w.opts.MaxPartBytes))
	}
	if isTextType(ct.value) {
		w.text(p, ct.params["charset"], data)
		return
	}
	p.Status = StatusBinary
	p.Data = data
	if p.Size == 0 {
		p.Size = int64(len(data))
	}
}

// leaf adds a part, or records that the part limit was hit.
func (w *walker) leaf(sec, loc, ct, charset, cte, name, disp string) *Part {
	w.parts++
	if w.parts > w.opts.MaxParts {
		if w.parts == w.opts.MaxParts+1 {
			w.fail(nil, sec, loc, fmt.Errorf("more than %d parts: the rest are skipped", w.opts.MaxParts))
		}
		return nil
	}
	p := &Part{Path: sec, Location: loc, ContentType: ct, Charset: charset, Encoding: cte, Filename: name, Disposition: disp}
	w.msg.Parts = append(w.msg.Parts, p)
	return p
}

// text decodes the bytes of a text part into p.Text.
func (w *walker) text(p *Part, charset string, data []byte) {
	isHTML := p.ContentType == "text/html" || p.ContentType == "application/xhtml+xml"
	if isHTML && charset == "" {
		charset = htmlCharset(data)
	}
	s, used, err := decodeText(charset, data)
	if err != nil {
		w.fail(p, p.Path, p.Location, fmt.Errorf("charset: %w", err))
	}
	if isHTML {
		s = htmlToText(s)
	}
	p.Text = normalizeNewlines(s)
	p.Decoded = used
	p.Status = StatusText
	if p.Size == 0 {
		p.Size = int64(len(data))
	}
}

func isTextType(ct string) bool {
	switch {
	case strings.HasPrefix(ct, "text/"):
		return true
	case ct == "message/delivery-status", ct == "message/disposition-notification", ct == "message/rfc822-headers",
		ct == "application/xhtml+xml", ct == "message/partial", ct == "message/external-body",
		ct == "message/global-headers", ct == "message/global-delivery-status":
		return true
	}
	return false
}

func filename(ct, cd mediaType) string {
	name := cd.params["filename"]
	if name == "" {
		name = ct.params["name"]
	}
	// File names are attacker-controlled: keep the base name only, never a
	// path, and no control characters.
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, name)
	name = strings.ReplaceAll(name, `\`, "/")
	if name != "" {
		name = path.Base(name)
		if name == "." || name == "/" || name == ".." {
			name = ""
		}
	}
	return strings.TrimSpace(name)
}

func extFor(ct string) string {
	switch ct {
	case "image/jpeg":
		return ".jpg"
	case "image/png":
		return ".png"
	case "image/gif":
		return ".gif"
	case "application/pdf":
		return ".pdf"
	}
	return ""
}

func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// splitMultipart splits a multipart body on its boundary. It is tolerant:
// a missing closing delimiter keeps the last part and is reported; a part
// whose header is malformed is still returned.
func splitMultipart(body []byte, boundary string) ([][]byte, error) {
	delim := []byte("--" + boundary)
	var parts [][]byte
	start := -1 // start of the current part's content
	pos := 0
	closed := false
	for pos <= len(body) {
		i := bytes.Index(body[pos:], delim)
		if i < 0 {
			break
		}
		i += pos
		// A delimiter must start a line.
		if i > 0 && body[i-1] != '\n' {
			pos = i + len(delim)
			continue
		}
		after := i + len(delim)
		isClose := bytes.HasPrefix(body[after:], []byte("--"))
		lineEnd := bytes.IndexByte(body[after:], '\n')
		var next int
		if lineEnd < 0 {
			next = len(body)
		} else {
			next = after + lineEnd + 1
		}
		// The rest of the line may hold only white space (transport padding).
		rest := body[after:min(next, len(body))]
		if isClose {
			rest = rest[2:]
		}
		if len(bytes.Trim(rest, " \t\r\n")) != 0 {
			pos = after
			continue
		}
		if start >= 0 {
			end := i
			// The line break before the delimiter belongs to the delimiter.
			if end > start && body[end-1] == '\n' {
				end--
				if end > start && body[end-1] == '\r' {
					end--
				}
			}
			parts = append(parts, body[start:end])
		}
		if isClose {
			closed = true
			break
		}
		start = next
		pos = next
	}
	if !closed {
		if start >= 0 && start <= len(body) {
			parts = append(parts, body[start:])
		}
		if len(parts) == 0 {
			return nil, fmt.Errorf("multipart: boundary %q not found", boundary)
		}
		return parts, errors.New("multipart: closing boundary missing: last part read to the end")
	}
	return parts, nil
}
