package mailgen

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// This file is a small reference decoder built from net/mail, mime and
// x/text. It is strict (no salvage) and knows the true charset of every
// part from the expectation, so it proves the expectations of the clean
// messages right; it is not the product's decoder.

// refMessage is what the reference decoder makes of a message.
type refMessage struct {
	subject, fromName, fromAddr string
	addrs                       map[string][]string // header name → lower-case addresses
	parts                       []refPart
	binary                      []string
}

// refPart is one leaf: its location, media type, charset label and the
// bytes after the transfer encoding.
type refPart struct {
	loc, mediaType, label string
	labelSet              bool
	data                  []byte
}

// charsetFamily maps a charset label to the decoder to use, by family.
func charsetFamily(label string) (string, encoding.Encoding) {
	switch strings.ToLower(label) {
	case "iso-2022-jp", "iso-2022-jp-2", "iso-2022-jp-ms":
		return "ISO-2022-JP", japanese.ISO2022JP
	case "shift_jis", "x-sjis", "cp932", "windows-31j":
		return "Shift_JIS", japanese.ShiftJIS
	case "euc-jp", "cp51932":
		return "EUC-JP", japanese.EUCJP
	case "utf-8":
		return "UTF-8", unicode.UTF8
	case "us-ascii", "":
		return "US-ASCII", unicode.UTF8
	case "iso-8859-1":
		return "ISO-8859-1", charmap.ISO8859_1
	}
	return "", nil
}

// wordDecoder decodes RFC 2047 words in any charset x/text knows.
var wordDecoder = &mime.WordDecoder{CharsetReader: func(label string, r io.Reader) (io.Reader, error) {
	_, enc := charsetFamily(label)
	if enc == nil {
		return nil, fmt.Errorf("unknown charset %q", label)
	}
	return enc.NewDecoder().Reader(r), nil
}}

// decodeHeaderText decodes a header value: raw 8-bit Shift_JIS is sniffed
// (it is not UTF-8), then encoded-words are decoded.
func decodeHeaderText(v string) (string, error) {
	if !utf8.ValidString(v) {
		s, err := japanese.ShiftJIS.NewDecoder().String(v)
		if err != nil {
			return "", err
		}
		v = s
	}
	return wordDecoder.DecodeHeader(v)
}

// refDecode decodes a clean message.
func refDecode(raw []byte) (*refMessage, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	rm := &refMessage{addrs: map[string][]string{}}
	if rm.subject, err = decodeHeaderText(msg.Header.Get("Subject")); err != nil {
		return nil, fmt.Errorf("subject: %w", err)
	}
	ap := mail.AddressParser{WordDecoder: wordDecoder}
	for _, h := range []string{"From", "To", "Cc"} {
		if msg.Header.Get(h) == "" {
			continue
		}
		list, err := ap.ParseList(msg.Header.Get(h))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", h, err)
		}
		for _, a := range list {
			rm.addrs[h] = append(rm.addrs[h], strings.ToLower(a.Address))
		}
		if h == "From" {
			rm.fromAddr = list[0].Address
			// An encoded-word inside quotes is left alone by net/mail.
			if rm.fromName, err = wordDecoder.DecodeHeader(list[0].Name); err != nil {
				return nil, err
			}
		}
	}
	if err := rm.walk(msg.Header, msg.Body, nil); err != nil {
		return nil, err
	}
	return rm, nil
}

// walk decodes one entity; path holds the names of the enclosing
// message/rfc822 parts.
func (rm *refMessage) walk(h map[string][]string, body io.Reader, path []string) error {
	get := func(k string) string {
		if v := h[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	ct := get("Content-Type")
	mt, params := "text/plain", map[string]string{}
	if ct != "" {
		var err error
		if mt, params, err = mime.ParseMediaType(ct); err != nil {
			return fmt.Errorf("content-type %q: %w", ct, err)
		}
	}
	data, err := decodeCTE(get("Content-Transfer-Encoding"), body)
	if err != nil {
		return err
	}
	name, err := fileName(get("Content-Disposition"), ct)
	if err != nil {
		return err
	}
	loc := func(leaf string) string {
		if len(path) == 0 {
			if leaf == "" {
				return locBody
			}
			return "attachment:" + leaf
		}
		if leaf == "" {
			leaf = locBody
		}
		return "attachment:" + strings.Join(path, "/") + "/" + leaf
	}
	switch {
	case strings.HasPrefix(mt, "multipart/"):
		if params["boundary"] == "" {
			return fmt.Errorf("%s without boundary", mt)
		}
		mr := multipart.NewReader(bytes.NewReader(data), params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			if err := rm.walk(p.Header, p, path); err != nil {
				return err
			}
		}
	case mt == "message/rfc822":
		inner, err := mail.ReadMessage(bytes.NewReader(data))
		if err != nil {
			return err
		}
		if name == "" {
			name = "message.eml"
		}
		sub := append(append([]string{}, path...), name)
		for _, hn := range []string{"From", "To", "Cc"} {
			if inner.Header.Get(hn) == "" {
				continue
			}
			list, err := (&mail.AddressParser{WordDecoder: wordDecoder}).ParseList(inner.Header.Get(hn))
			if err != nil {
				return err
			}
			key := "attachment:" + strings.Join(sub, "/") + "/header:" + hn
			for _, a := range list {
				rm.addrs[key] = append(rm.addrs[key], strings.ToLower(a.Address))
			}
		}
		return rm.walk(inner.Header, inner.Body, sub)
	case strings.HasPrefix(mt, "text/"):
		label, set := params["charset"]
		rm.parts = append(rm.parts, refPart{loc: loc(name), mediaType: mt, label: label, labelSet: set, data: data})
	default:
		rm.binary = append(rm.binary, loc(name))
	}
	return nil
}

// decodeCTE undoes a content transfer encoding.
func decodeCTE(cte string, r io.Reader) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "base64":
		return io.ReadAll(base64.NewDecoder(base64.StdEncoding, r))
	case "quoted-printable":
		return io.ReadAll(quotedprintable.NewReader(r))
	case "", "7bit", "8bit", "binary":
		return io.ReadAll(r)
	}
	return nil, fmt.Errorf("unknown transfer encoding %q", cte)
}

// ext2231 finds attr*=CHARSET'LANG'VALUE, which mime.ParseMediaType
// drops for charsets other than UTF-8 and US-ASCII.
var ext2231 = regexp.MustCompile(`(?i)(?:^|;)\s*(?:filename|name)\*=([^']*)'[^']*'([^;\s]*)`)

// fileName finds a part's file name: Content-Disposition filename, else
// Content-Type name; RFC 2231 in any charset, RFC 2047 inside quotes.
func fileName(disp, ct string) (string, error) {
	for _, v := range []string{disp, ct} {
		if v == "" {
			continue
		}
		if m := ext2231.FindStringSubmatch(v); m != nil {
			raw, err := url.PathUnescape(m[2])
			if err != nil {
				return "", err
			}
			_, enc := charsetFamily(m[1])
			if enc == nil {
				return "", fmt.Errorf("file name charset %q", m[1])
			}
			return enc.NewDecoder().String(raw)
		}
		_, params, err := mime.ParseMediaType(v)
		if err != nil {
			return "", err
		}
		for _, k := range []string{"filename", "name"} {
			if n := params[k]; n != "" {
				return wordDecoder.DecodeHeader(n)
			}
		}
	}
	return "", nil
}

// allowedMislabels are the (label family, true charset) pairs where the
// label deliberately lies and the decoder has to sniff.
var allowedMislabels = map[[2]string]bool{
	{"US-ASCII", "Shift_JIS"}:   true, // no charset parameter
	{"ISO-8859-1", "Shift_JIS"}: true,
	{"UTF-8", "Shift_JIS"}:      true,
	{"UTF-8", "EUC-JP"}:         true,
}

// refText decodes a leaf to UTF-8 with "\n" line endings, using the label
// when it tells the truth and the true charset where the lie is allowed.
func refText(p refPart, trueCharset string) (string, error) {
	fam, enc := charsetFamily(p.label)
	want, _ := charsetFamily(trueCharset)
	if trueCharset == "CP932" {
		want = "Shift_JIS"
	}
	if fam != want {
		if !allowedMislabels[[2]string{fam, want}] {
			return "", fmt.Errorf("label %q (%s) but charset %s", p.label, fam, trueCharset)
		}
		_, enc = charsetFamily(want)
	}
	if enc == nil {
		return "", fmt.Errorf("no decoder for %q", trueCharset)
	}
	s, err := enc.NewDecoder().String(string(p.data))
	if err != nil {
		return "", err
	}
	if fam == "US-ASCII" && want == "US-ASCII" {
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				return "", fmt.Errorf("8-bit byte in us-ascii text")
			}
		}
	}
	return strings.ReplaceAll(s, "\r\n", "\n"), nil
}

// htmlText is the text content of an HTML document without script and
// style content.
func htmlText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken:
			if n, _ := z.TagName(); string(n) == "script" || string(n) == "style" {
				skip++
			}
		case html.EndTagToken:
			if n, _ := z.TagName(); (string(n) == "script" || string(n) == "style") && skip > 0 {
				skip--
			}
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		}
	}
}
