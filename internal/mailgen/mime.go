package mailgen

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
)

// part is a MIME entity under construction: a leaf with an encoded body, a
// multipart with children, or a message/rfc822 with an inner message.
type part struct {
	hdr      []field
	body     []byte  // leaf: the body exactly as written
	children []*part // multipart
	boundary string
	preamble string // multipart: text before the first boundary, CRLF lines
	unclosed bool   // multipart: omit the close delimiter (hostile)
	inner    *part  // message/rfc822
}

// field is one header line. A field with an empty name is written as value
// alone, which lets hostile cases write lines without a colon.
type field struct {
	name, value string
}

// add appends a header field; value may hold folded lines ("\r\n ").
func (p *part) add(name, value string) *part {
	p.hdr = append(p.hdr, field{name, value})
	return p
}

// bytes serializes the entity. Every body a leaf carries ends with CRLF;
// the CRLF before a boundary line belongs to the delimiter, so leaves are
// followed by an empty line, as mailers write them.
func (p *part) bytes() []byte {
	var b bytes.Buffer
	p.write(&b)
	return b.Bytes()
}

func (p *part) write(b *bytes.Buffer) {
	for _, f := range p.hdr {
		if f.name != "" {
			b.WriteString(f.name)
			b.WriteString(": ")
		}
		b.WriteString(f.value)
		b.WriteString("\r\n")
	}
	b.WriteString("\r\n")
	switch {
	case p.inner != nil:
		p.inner.write(b)
	case p.boundary != "":
		b.WriteString(p.preamble)
		for i, c := range p.children {
			if i > 0 {
				b.WriteString("\r\n")
			}
			b.WriteString("--" + p.boundary + "\r\n")
			c.write(b)
		}
		if !p.unclosed {
			b.WriteString("\r\n--" + p.boundary + "--\r\n")
		}
	default:
		b.Write(p.body)
	}
}

// newMultipart returns a multipart/SUBTYPE entity.
func newMultipart(subtype, boundary string, children ...*part) *part {
	p := &part{boundary: boundary, children: children}
	p.add("Content-Type", fmt.Sprintf("multipart/%s;\r\n boundary=\"%s\"", subtype, boundary))
	return p
}

// leaf returns an entity with the given content headers and the body
// encoded in cte ("7bit", "8bit", "base64", "quoted-printable").
func leaf(contentType, cte string, data []byte) *part {
	p := &part{body: encodeCTE(cte, data)}
	p.add("Content-Type", contentType)
	if cte != "" {
		p.add("Content-Transfer-Encoding", cte)
	}
	return p
}

// textType is a text/SUBTYPE content type with an optional charset label.
func textType(subtype, label string) string {
	if label == "" {
		return "text/" + subtype
	}
	return fmt.Sprintf("text/%s; charset=%s", subtype, quoteParam(label))
}

// quoteParam quotes a parameter value when it is not a token.
func quoteParam(v string) string {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("()<>@,;:\\\"/[]?=", c) >= 0 {
			return `"` + v + `"`
		}
	}
	return v
}

// encodeCTE applies a content transfer encoding to CRLF data.
func encodeCTE(cte string, data []byte) []byte {
	switch strings.ToLower(cte) {
	case "base64":
		return encodeBase64(data)
	case "quoted-printable":
		return encodeQP(data)
	default:
		return data
	}
}

// encodeBase64 writes standard base64 in lines of 76 characters.
func encodeBase64(data []byte) []byte {
	enc := base64.StdEncoding.EncodeToString(data)
	var b bytes.Buffer
	b.Grow(len(enc) + len(enc)/76*2 + 2)
	for len(enc) > 76 {
		b.WriteString(enc[:76])
		b.WriteString("\r\n")
		enc = enc[76:]
	}
	if enc != "" {
		b.WriteString(enc)
		b.WriteString("\r\n")
	}
	return b.Bytes()
}

// encodeQP writes quoted-printable with lines of at most 76 characters.
// Soft line breaks fall wherever the limit is reached, which for Japanese
// text is usually inside a multibyte character.
func encodeQP(data []byte) []byte {
	var b bytes.Buffer
	lines := bytes.Split(data, []byte("\r\n"))
	if len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	for _, line := range lines {
		n := 0
		for i, c := range line {
			var tok string
			last := i == len(line)-1
			switch {
			case c == '=' || c >= 0x7f || (c < ' ' && c != '\t'):
				tok = fmt.Sprintf("=%02X", c)
			case (c == ' ' || c == '\t') && last:
				tok = fmt.Sprintf("=%02X", c)
			default:
				tok = string(rune(c))
			}
			// Keep room for the "=" of a soft break unless this is the
			// last token of the line.
			limit := 75
			if last {
				limit = 76
			}
			if n+len(tok) > limit {
				b.WriteString("=\r\n")
				n = 0
			}
			b.WriteString(tok)
			n += len(tok)
		}
		b.WriteString("\r\n")
	}
	return b.Bytes()
}
