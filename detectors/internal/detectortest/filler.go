package detectortest

import (
	"math/rand/v2"
	"strings"
)

// Neutral filler text: no digits, no '@', no context keywords, unchanged
// by normalization.
const (
	fillerEN = "Thank you for your message. We have checked the attached documents and will get back to you soon. Best regards. "
	fillerJA = "いつもお世話になっております。ご確認のほどよろしくお願いいたします。"
)

// Filler returns n bytes of neutral English text.
func Filler(n int) string {
	s := strings.Repeat(fillerEN, n/len(fillerEN)+1)
	return s[:n]
}

// RandomText returns n of parts, each picked by rng, concatenated: a line
// for comparing a function with a plain reference on text made of the
// pieces that matter to it.
func RandomText(rng *rand.Rand, parts []string, n int) string {
	var b strings.Builder
	for ; n > 0; n-- {
		b.WriteString(parts[rng.IntN(len(parts))])
	}
	return b.String()
}
