package extract

import (
	"strings"
	"unicode/utf16"
)

// decodeUTF7 decodes RFC 2152 UTF-7, still seen in old Japanese mail.
func decodeUTF7(b []byte) string {
	var sb strings.Builder
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '+' {
			sb.WriteByte(c)
			continue
		}
		j := i + 1
		if j < len(b) && b[j] == '-' {
			sb.WriteByte('+')
			i = j
			continue
		}
		var bits, nbits uint32
		var units []uint16
		for ; j < len(b); j++ {
			v := b64val[b[j]]
			if v == 0xFF || b[j] == '-' || b[j] == '_' {
				break
			}
			bits = bits<<6 | uint32(v)
			nbits += 6
			if nbits >= 16 {
				nbits -= 16
				units = append(units, uint16(bits>>nbits))
				bits &= 1<<nbits - 1
			}
		}
		sb.WriteString(string(utf16.Decode(units)))
		if j < len(b) && b[j] == '-' {
			i = j
		} else {
			i = j - 1
		}
	}
	return sb.String()
}
