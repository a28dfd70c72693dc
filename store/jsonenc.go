package store

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// The case files are JSON lines as encoding/json's Encoder writes them with
// SetEscapeHTML(false). Encoding them by reflection was a large share of the
// serial commit stage; these append-style encoders write the same bytes
// (jsonenc_test.go compares them with encoding/json).

// AppendFinding appends the JSON line of f (ending in '\n') to dst.
func AppendFinding(dst []byte, f *Finding) ([]byte, error) {
	if !finite(f.Confidence) {
		return dst, encodeError(f)
	}
	dst = append(dst, `{"id":`...)
	dst = appendJSONString(dst, f.ID)
	dst = append(dst, `,"type":`...)
	dst = appendJSONString(dst, f.Type)
	if f.Value != "" {
		dst = append(dst, `,"value":`...)
		dst = appendJSONString(dst, f.Value)
	}
	if f.Written != "" {
		dst = append(dst, `,"written":`...)
		dst = appendJSONString(dst, f.Written)
	}
	dst = append(dst, `,"masked":`...)
	dst = appendJSONString(dst, f.Masked)
	dst = append(dst, `,"confidence":`...)
	dst = appendJSONFloat(dst, f.Confidence)
	dst = append(dst, `,"detector":`...)
	dst = appendJSONString(dst, f.Detector)
	dst = append(dst, `,"message_id":`...)
	dst = appendJSONString(dst, f.MessageID)
	dst = append(dst, `,"message_sha256":`...)
	dst = appendJSONString(dst, f.MessageSHA256)
	dst = append(dst, `,"source":`...)
	dst = appendJSONString(dst, f.Source)
	if f.Date != "" {
		dst = append(dst, `,"date":`...)
		dst = appendJSONString(dst, f.Date)
	}
	dst = append(dst, `,"location":`...)
	dst = appendJSONString(dst, f.Location)
	dst = append(dst, `,"part":`...)
	dst = appendJSONString(dst, f.Part)
	dst = append(dst, `,"start":`...)
	dst = strconv.AppendInt(dst, int64(f.Start), 10)
	dst = append(dst, `,"end":`...)
	dst = strconv.AppendInt(dst, int64(f.End), 10)
	dst = append(dst, `,"context":`...)
	dst = appendJSONString(dst, f.Context)
	if f.Person != "" {
		dst = append(dst, `,"person":`...)
		dst = appendJSONString(dst, f.Person)
	}
	if f.PasswordFrom != "" {
		dst = append(dst, `,"password_from":`...)
		dst = appendJSONString(dst, f.PasswordFrom)
	}
	if f.Scope != "" {
		dst = append(dst, `,"scope":`...)
		dst = appendJSONString(dst, f.Scope)
	}
	return append(dst, "}\n"...), nil
}

// AppendEntry appends the JSON line of e (ending in '\n') to dst.
func AppendEntry(dst []byte, e *Entry) []byte {
	dst = append(dst, `{"kind":`...)
	dst = appendJSONString(dst, e.Kind)
	dst = append(dst, `,"message_sha256":`...)
	dst = appendJSONString(dst, e.MessageSHA256)
	dst = append(dst, `,"raw_sha256":`...)
	dst = appendJSONString(dst, e.RawSHA256)
	dst = append(dst, `,"source_kind":`...)
	dst = appendJSONString(dst, e.SourceKind)
	dst = append(dst, `,"source":`...)
	dst = appendJSONString(dst, e.Source)
	dst = append(dst, `,"path":`...)
	dst = appendJSONString(dst, e.Path)
	dst = append(dst, `,"offset":`...)
	dst = strconv.AppendInt(dst, e.Offset, 10)
	dst = append(dst, `,"index":`...)
	dst = strconv.AppendInt(dst, int64(e.Index), 10)
	if e.MessageID != "" {
		dst = append(dst, `,"message_id":`...)
		dst = appendJSONString(dst, e.MessageID)
	}
	if e.Date != "" {
		dst = append(dst, `,"date":`...)
		dst = appendJSONString(dst, e.Date)
	}
	if e.Delivered != "" {
		dst = append(dst, `,"delivered":`...)
		dst = appendJSONString(dst, e.Delivered)
	}
	if e.DateRaw != "" {
		dst = append(dst, `,"date_raw":`...)
		dst = appendJSONString(dst, e.DateRaw)
	}
	if e.From != "" {
		dst = append(dst, `,"from":`...)
		dst = appendJSONString(dst, e.From)
	}
	if len(e.To) > 0 {
		dst = append(dst, `,"to":`...)
		dst = appendJSONStrings(dst, e.To)
	}
	if len(e.Cc) > 0 {
		dst = append(dst, `,"cc":`...)
		dst = appendJSONStrings(dst, e.Cc)
	}
	if e.Subject != "" {
		dst = append(dst, `,"subject":`...)
		dst = appendJSONString(dst, e.Subject)
	}
	dst = append(dst, `,"size":`...)
	dst = strconv.AppendInt(dst, e.Size, 10)
	if e.Truncated {
		dst = append(dst, `,"truncated":true`...)
	}
	if len(e.Parts) > 0 {
		dst = append(dst, `,"parts":[`...)
		for i := range e.Parts {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendPart(dst, &e.Parts[i])
		}
		dst = append(dst, ']')
	}
	if len(e.Errors) > 0 {
		dst = append(dst, `,"errors":`...)
		dst = appendJSONStrings(dst, e.Errors)
	}
	if e.ErrorParts != 0 {
		dst = append(dst, `,"error_parts":`...)
		dst = strconv.AppendInt(dst, int64(e.ErrorParts), 10)
	}
	dst = append(dst, `,"findings":`...)
	dst = strconv.AppendInt(dst, int64(e.Findings), 10)
	dst = append(dst, `,"scanned_at":`...)
	dst = appendJSONString(dst, e.ScannedAt)
	if len(e.Locked) > 0 {
		dst = append(dst, `,"locked":[`...)
		for i, l := range e.Locked {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"part":`...)
			dst = appendJSONString(dst, l.Part)
			dst = append(dst, `,"location":`...)
			dst = appendJSONString(dst, l.Location)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	if len(e.PasswordCandidates) > 0 {
		dst = append(dst, `,"password_candidates":`...)
		dst = appendJSONStrings(dst, e.PasswordCandidates)
	}
	if e.InReplyTo != "" {
		dst = append(dst, `,"in_reply_to":`...)
		dst = appendJSONString(dst, e.InReplyTo)
	}
	if len(e.References) > 0 {
		dst = append(dst, `,"references":`...)
		dst = appendJSONStrings(dst, e.References)
	}
	if e.ThreadKey != "" {
		dst = append(dst, `,"thread_key":`...)
		dst = appendJSONString(dst, e.ThreadKey)
	}
	if len(e.Unlocked) > 0 {
		dst = append(dst, `,"unlocked":[`...)
		for i, u := range e.Unlocked {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"part":`...)
			dst = appendJSONString(dst, u.Part)
			dst = append(dst, `,"location":`...)
			dst = appendJSONString(dst, u.Location)
			dst = append(dst, `,"password_from":`...)
			dst = appendJSONString(dst, u.PasswordFrom)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	return append(dst, "}\n"...)
}

func appendPart(dst []byte, p *PartEntry) []byte {
	dst = append(dst, `{"path":`...)
	dst = appendJSONString(dst, p.Path)
	dst = append(dst, `,"location":`...)
	dst = appendJSONString(dst, p.Location)
	dst = append(dst, `,"content_type":`...)
	dst = appendJSONString(dst, p.ContentType)
	if p.Charset != "" {
		dst = append(dst, `,"charset":`...)
		dst = appendJSONString(dst, p.Charset)
	}
	if p.Decoded != "" {
		dst = append(dst, `,"decoded_as":`...)
		dst = appendJSONString(dst, p.Decoded)
	}
	if p.Encoding != "" {
		dst = append(dst, `,"encoding":`...)
		dst = appendJSONString(dst, p.Encoding)
	}
	if p.Filename != "" {
		dst = append(dst, `,"filename":`...)
		dst = appendJSONString(dst, p.Filename)
	}
	dst = append(dst, `,"size":`...)
	dst = strconv.AppendInt(dst, p.Size, 10)
	dst = append(dst, `,"status":`...)
	dst = appendJSONString(dst, p.Status)
	if len(p.Errors) > 0 {
		dst = append(dst, `,"errors":`...)
		dst = appendJSONStrings(dst, p.Errors)
	}
	return append(dst, '}')
}

func appendJSONStrings(dst []byte, ss []string) []byte {
	dst = append(dst, '[')
	for i, s := range ss {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, s)
	}
	return append(dst, ']')
}

const hexDigits = "0123456789abcdef"

// appendJSONString is encoding/json's string encoding without HTML
// escaping: '"', '\\' and control bytes escaped, invalid UTF-8 as \ufffd,
// U+2028 and U+2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

func finite(f float64) bool { return !math.IsInf(f, 0) && !math.IsNaN(f) }

// appendJSONFloat formats a finite float64 as encoding/json does.
func appendJSONFloat(dst []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	n0 := len(dst)
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(dst)
		if n-n0 >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

// encodeError is the error encoding/json gives for a value it refuses.
func encodeError(v any) error {
	_, err := json.Marshal(v)
	if err == nil {
		err = fmt.Errorf("unsupported value")
	}
	return err
}
