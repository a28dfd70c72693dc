package source

import (
	"strings"

	"github.com/mailsift/mailsift/internal/mutf7"
)

// folderName decodes each "/"-separated part of a folder path that is
// valid modified UTF-7 and keeps the others as they are.
func folderName(p string) string {
	parts := strings.Split(p, "/")
	for i, part := range parts {
		if d, err := mutf7.Decode(part); err == nil {
			parts[i] = d
		}
	}
	return strings.Join(parts, "/")
}
