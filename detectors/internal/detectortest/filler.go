package detectortest

import "strings"

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
