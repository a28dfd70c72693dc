package bank

import (
	"strings"
	"testing"

	"github.com/mailsift/mailsift/detectors/internal/detectortest"
	"github.com/mailsift/mailsift/detectors/internal/rule/ruletest"
)

type found struct {
	Text       string
	Value      string
	Confidence float64
}

func TestDetect(t *testing.T) {
	const (
		full  = FullConfidence
		part  = PartConfidence
		label = LabelConfidence
	)
	tests := []struct {
		name, in, column string
		want             []found
	}{
		{"block", "【振込先】三井住友銀行 渋谷支店 普通 1234567", "", []found{{"三井住友銀行 渋谷支店 普通 1234567", "三井住友銀行/渋谷支店/普通/1234567", full}}},
		{"glued", "振込先三井住友銀行渋谷支店普通預金1234567", "", []found{{"三井住友銀行渋谷支店普通預金1234567", "三井住友銀行/渋谷支店/普通/1234567", full}}},
		{"lines", "お振込先：\n銀行名：みずほ銀行\n支店名：渋谷支店\n口座番号：1234567", "", []found{{"みずほ銀行\n支店名:渋谷支店\n口座番号:1234567", "みずほ銀行/渋谷支店//1234567", full}}},
		{"branch label without suffix", "みずほ銀行 支店名：渋谷 普通 1234567", "", []found{{"みずほ銀行 支店名:渋谷 普通 1234567", "みずほ銀行/渋谷支店/普通/1234567", full}}},
		{"bank alias", "振込先：みずほ 渋谷支店 普通 1234567", "", []found{{"みずほ 渋谷支店 普通 1234567", "みずほ銀行/渋谷支店/普通/1234567", full}}},
		{"current account", "お振込先：みずほ銀行 東京営業部 当座預金 7654321 口座名義 カ)サンプル", "", []found{{"みずほ銀行 東京営業部 当座預金 7654321", "みずほ銀行/東京営業部/当座/7654321", full}}},
		{"label only", "口座番号：0123456", "", []found{{"0123456", "///0123456", label}}},
		{"type only", "普通 1234567", "", []found{{"普通 1234567", "//普通/1234567", label}}},
		{"type after", "口座 1234567（普通）", "", []found{{"1234567", "//普通/1234567", label}}},
		{"full-width", "ＰａｙＰａｙ銀行　すずめ支店　普通　１２３４５６７", "", []found{{"PayPay銀行 すずめ支店 普通 1234567", "PayPay銀行/すずめ支店/普通/1234567", full}}},
		{"hiragana bank", "埼玉りそな銀行 浦和中央支店 普通 2345678", "", []found{{"埼玉りそな銀行 浦和中央支店 普通 2345678", "埼玉りそな銀行/浦和中央支店/普通/2345678", full}}},
		{"shinkin", "城南信用金庫 本店 普通 3456789", "", []found{{"城南信用金庫 本店 普通 3456789", "城南信用金庫/本店/普通/3456789", full}}},
		{"ja", "JAバンク 普通 4567890", "", []found{{"JAバンク 普通 4567890", "JAバンク//普通/4567890", part}}},
		{"bank only", "楽天銀行 普通 3456789", "", []found{{"楽天銀行 普通 3456789", "楽天銀行//普通/3456789", part}}},
		{"codes", "金融機関コード：0005 支店コード：123 預金種目：普通 口座番号：2345678", "", []found{{"金融機関コード:0005 支店コード:123 預金種目:普通 口座番号:2345678", "三菱UFJ銀行/123/普通/2345678", full}}},
		{"branch code and number", "みずほ銀行 普通 123-4567890", "", []found{{"みずほ銀行 普通 123-4567890", "みずほ銀行/123/普通/4567890", full}}},
		{"all codes", "振込先 0009-123-1234567", "", []found{{"0009-123-1234567", "三井住友銀行/123//1234567", full}}},
		{"english", "Bank: MUFG Bank, Account No. 4567890", "", []found{{"MUFG Bank, Account No. 4567890", "三菱UFJ銀行///4567890", part}}},
		{"column", "1234567", "口座番号", []found{{"1234567", "///1234567", label}}},
		{"eight digits after label", "口座番号：12345678", "", []found{{"12345678", "///12345678", label}}},
		{"yucho labels", "ゆうちょ銀行 記号 11940 番号 12345671", "", []found{{"記号 11940 番号 12345671", "ゆうちょ銀行/一九八店/普通/1234567", full}}},
		{"yucho hyphen", "振込先 ゆうちょ 10100-98765431", "", []found{{"10100-98765431", "ゆうちょ銀行/〇一八店/普通/9876543", full}}},
		{"yucho transfer", "振替口座 00120-3-123456", "", []found{{"00120-3-123456", "ゆうちょ銀行/〇一九店/当座/0123456", full}}},
		{"yucho labels without yucho", "記号：13260 番号：8765431", "", []found{{"記号:13260 番号:8765431", "ゆうちょ銀行/三二八店/普通/0876543", part}}},
		{"yucho branch name", "ゆうちょ銀行 〇一八店 普通 9876543", "", []found{{"ゆうちょ銀行 〇一八店 普通 9876543", "ゆうちょ銀行/〇一八店/普通/9876543", full}}},
		{"yucho branch code", "ゆうちょ銀行 店番 018 普通 9876543", "", []found{{"ゆうちょ銀行 店番 018 普通 9876543", "ゆうちょ銀行/〇一八店/普通/9876543", full}}},

		{"bare", "1234567", "", nil},
		{"postal code", "〒123-4567", "", nil},
		{"postal code bare", "普通 123-4567", "", nil},
		{"order", "注文番号 1234567", "", nil},
		{"order nearer", "口座を開設しました。注文番号 1234567", "", nil},
		{"order column", "1234567", "注文番号", nil},
		{"other column", "1234567", "備考", nil},
		{"futsuu as adverb", "普通に考えると 2024年5月2日 10:00", "", nil},
		{"12 digits", "口座番号 123456789012", "", nil},
		{"5 digits", "口座番号 12345", "", nil},
		{"6 digits after type", "普通 123456", "", nil},
		{"joined token", "普通 INV-1234567", "", nil},
		{"price", "口座への振込金額 ¥1,234,567", "", nil},
		{"yen", "口座 1234567円", "", nil},
		{"phone", "TEL 03-1234-5678 口座", "", nil},
		{"label too far", "口座番号は後日お知らせします。" + strings.Repeat("よろしくお願いいたします。", 2) + "1234567", "", nil},
		{"generic banks", "各銀行の支店でお手続きください。お問い合わせ番号 1234567", "", nil},
		{"member number", "口座振替のご案内 会員番号 1234567", "", nil},
		{"yucho bad bango", "ゆうちょ 記号 11940 番号 12345670", "", nil},
		{"yucho without words", "10100-98765431", "", nil},
		{"kigo alone", "記号 11940", "", nil},
	}
	detectortest.Table(t, New(), tests)
}

func TestYucho(t *testing.T) {
	tests := []struct {
		kigo, bango string
		want        Account
		ok          bool
	}{
		{"11940", "12345671", Account{yuchoBank, "一九八店", "普通", "1234567"}, true}, // pii-formats B5: 11940 → 198
		{"10100", "98765431", Account{yuchoBank, "〇一八店", "普通", "9876543"}, true},
		{"13260", "8765431", Account{yuchoBank, "三二八店", "普通", "0876543"}, true},
		{"00120", "123456", Account{yuchoBank, "〇一九店", "当座", "0123456"}, true},
		{"001203", "123456", Account{yuchoBank, "〇一九店", "当座", "0123456"}, true},
		{"11940", "12345670", Account{}, false}, // 通常 番号 ends with 1
		{"11940", "123456781", Account{}, false},
		{"21940", "12345671", Account{}, false},
		{"1194", "12345671", Account{}, false},
		{"00120", "12345678", Account{}, false},
		{"11940", "01", Account{}, false}, // zero account
		{"1194a", "12345671", Account{}, false},
	}
	for _, tt := range tests {
		got, ok := Yucho(tt.kigo, tt.bango)
		if ok != tt.ok || got != tt.want {
			t.Errorf("Yucho(%q, %q) = %+v, %v, want %+v, %v", tt.kigo, tt.bango, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParts(t *testing.T) {
	type partCase struct{ in, want string }
	check := func(name string, find func(string) (part, bool), tests []partCase) {
		t.Helper()
		for _, tt := range tests {
			if got, _ := find(tt.in); got.name != tt.want {
				t.Errorf("%s(%q) = %q, want %q", name, tt.in, got.name, tt.want)
			}
		}
	}
	check("findBank", findBank, []partCase{
		{"三井住友銀行", "三井住友銀行"},
		{"振込先三井住友銀行", "三井住友銀行"},
		{"GMOあおぞらネット銀行", "GMOあおぞらネット銀行"},
		{"auじぶん銀行", "auじぶん銀行"},
		{"当社の銀行", ""},
		{"ネット銀行", ""},
		{"各銀行", ""},
		{"城南信用金庫", "城南信用金庫"},
		{"ゆうちょ", "ゆうちょ銀行"},
	})
	check("findBranch", findBranch, []partCase{
		{"三井住友銀行渋谷支店", "渋谷支店"},
		{"PayPay銀行 すずめ支店", "すずめ支店"},
		{"当社のすずめ支店", ""},
		{"最寄りの支店", ""},
		{"各支店", ""},
		{"本店", "本店"},
		{"本店営業部", "本店営業部"},
		{"一九八店", "一九八店"},
		{"支店名:新宿", "新宿支店"},
	})
}

func TestConformance(t *testing.T) { detectortest.AcceptExamples(t, New()) }

// validValue checks the BANK/BRANCH/TYPE/NUMBER form.
func validValue(v string) bool {
	p := strings.Split(v, "/")
	if len(p) != 4 || !isDigits(p[3]) || len(p[3]) < 6 || len(p[3]) > 8 {
		return false
	}
	return p[2] == "" || p[2] == "普通" || p[2] == "当座" || p[2] == "貯蓄"
}

func FuzzDetect(f *testing.F) {
	detectortest.FuzzDetectChunked(f, New(), detectortest.Rules{Valid: func(v, _ string) bool {
		return validValue(v)
	}}, [2]string{"1234567", "口座番号"})
}

func BenchmarkDetect(b *testing.B) {
	text := ruletest.MailText(4<<20, 200,
		"【振込先】三井住友銀行 渋谷支店 普通 1234567 口座名義 ヤマダ タロウ",
		"口座振替のご案内 会員番号 1234567",
		"普通に考えると、来週の打ち合わせが良いと思います。",
	)
	ruletest.Bench(b, New(), text)
}
