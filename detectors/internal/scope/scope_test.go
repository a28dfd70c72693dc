package scope

import (
	"strings"
	"testing"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

var words = &Words{
	Personal:   textscan.NewWordPrefixes("携帯", "自宅", "home"),
	Business:   textscan.NewWordPrefixes("代表", "会社携帯", "office"),
	Separators: " :()\n",
	Gap:        []string{"電話", "tel"},
}

func TestLabel(t *testing.T) {
	for _, tt := range []struct {
		window string
		lines  int
		want   string
	}{
		{"携帯: ", 1, detectors.ScopePersonal},
		{"携帯電話: ", 1, detectors.ScopePersonal},
		{"会社携帯 ", 1, detectors.ScopeBusiness},
		{"Tel(代表): ", 1, detectors.ScopeBusiness},
		{"home page, call ", 1, ""},
		{"携帯\n", 1, ""},
		{"携帯\n", 2, detectors.ScopePersonal},
		{"携帯: 090 TEL ", 1, ""},
		{"", 1, ""},
	} {
		if got := words.Label(tt.window, tt.lines); got != tt.want {
			t.Errorf("Label(%q, %d) = %q, want %q", tt.window, tt.lines, got, tt.want)
		}
	}
}

func TestCompanyBlock(t *testing.T) {
	for _, tt := range []struct {
		text string // the value is "VALUE"
		want bool
	}{
		{"株式会社サンプル 営業部\n田中 太郎\nTEL: VALUE", true},
		{"TEL: VALUE 株式会社サンプル", true},
		{"田中 太郎\nTEL: VALUE\nSample Trading Co., Ltd.", true},
		{"株式会社サンプル\n\n田中 太郎\nTEL: VALUE", false},
		{"株式会社サンプル\n--\n田中 太郎\nTEL: VALUE", false},
		{"田中 太郎\nTEL: VALUE", false},
		{"株式会社サンプル\n" + strings.Repeat("あ", 100) + "VALUE", false},
		{"いつもお世話になっております。株式会社サンプルの田中です。\n〒100-0001 VALUE", false},
		{"I work for Sample Inc. and will send the report next week.\nVALUE", false},
		{"Sample Inc.\nVALUE", true},
	} {
		i := strings.Index(tt.text, "VALUE")
		if got := CompanyBlock(tt.text, i, i+len("VALUE")); got != tt.want {
			t.Errorf("CompanyBlock(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
