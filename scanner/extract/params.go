package extract

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// mediaType is a parsed Content-Type or Content-Disposition value.
type mediaType struct {
	value  string            // lower-case "text/plain", "attachment"
	params map[string]string // lower-case names, values decoded to UTF-8
}

// parseMediaType parses a structured header value leniently. It decodes
// RFC 2231 extended parameters in any charset (mime.ParseMediaType gives an
// empty file name for filename*=ISO-2022-JP”...), continuations, quoted
// strings with encoded words, and raw 8-bit values.
func (d *headerDecoder) parseMediaType(raw string) mediaType {
	pieces := splitParams(raw)
	mt := mediaType{params: map[string]string{}}
	if len(pieces) == 0 {
		return mt
	}
	mt.value = strings.ToLower(strings.TrimSpace(pieces[0]))
	type cont struct {
		n   int
		ext bool
		v   string
	}
	conts := map[string][]cont{}
	for _, p := range pieces[1:] {
		eq := strings.IndexByte(p, '=')
		if eq <= 0 {
			continue
		}
		key := strings.ToLower(strings.TrimSpace(p[:eq]))
		val := unquote(strings.TrimSpace(p[eq+1:]))
		base, ext, n := key, false, -1
		if strings.HasSuffix(base, "*") {
			base, ext = strings.TrimSuffix(base, "*"), true
		}
		if i := strings.LastIndexByte(base, '*'); i > 0 {
			if k, err := strconv.Atoi(base[i+1:]); err == nil {
				base, n = base[:i], k
			}
		}
		if n < 0 {
			if ext {
				mt.params[base] = decode2231(val)
			} else if _, done := mt.params[base]; !done {
				mt.params[base] = d.value(base, val)
			}
			continue
		}
		conts[base] = append(conts[base], cont{n, ext, val})
	}
	for base, cs := range conts {
		sort.Slice(cs, func(i, j int) bool { return cs[i].n < cs[j].n })
		// Percent-decode every extended piece first and join the bytes, so
		// a multibyte character split across pieces survives.
		var raw strings.Builder
		charset := ""
		anyExt := false
		for i, c := range cs {
			v := c.v
			if c.ext {
				anyExt = true
				if i == 0 {
					if parts := strings.SplitN(v, "'", 3); len(parts) == 3 {
						charset, v = parts[0], parts[2]
					}
				}
				if u, err := url.PathUnescape(v); err == nil {
					v = u
				}
			}
			raw.WriteString(v)
		}
		if anyExt {
			mt.params[base] = decodeCharsetBytes(charset, raw.String())
		} else {
			mt.params[base] = d.value(base, raw.String())
		}
	}
	return mt
}

// decode2231 decodes charset'lang'percent-encoded.
func decode2231(v string) string {
	parts := strings.SplitN(v, "'", 3)
	if len(parts) != 3 {
		if u, err := url.PathUnescape(v); err == nil {
			return decodeCharsetBytes("", u)
		}
		return v
	}
	u, err := url.PathUnescape(parts[2])
	if err != nil {
		u = parts[2]
	}
	return decodeCharsetBytes(parts[0], u)
}

func decodeCharsetBytes(charset, b string) string {
	s, _, _ := decodeText(charset, []byte(b))
	return s
}

// splitParams splits on ';' outside quoted strings.
func splitParams(s string) []string {
	var out []string
	quoted, esc, start := false, false, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case esc:
			esc = false
		case c == '\\' && quoted:
			esc = true
		case c == '"':
			quoted = !quoted
		case c == ';' && !quoted:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	out = append(out, s[start:])
	return out
}

func unquote(v string) string {
	if len(v) >= 2 && v[0] == '"' {
		end := strings.LastIndexByte(v, '"')
		if end <= 0 {
			end = len(v)
		}
		inner := v[1:end]
		if !strings.Contains(inner, `\`) {
			return inner
		}
		var sb strings.Builder
		for i := 0; i < len(inner); i++ {
			if inner[i] == '\\' && i+1 < len(inner) {
				i++
			}
			sb.WriteByte(inner[i])
		}
		return sb.String()
	}
	return v
}
