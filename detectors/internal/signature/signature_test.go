package signature

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// summary is a Block as the tests compare it: item texts only.
type summary struct {
	Name, Roman, Kana, Company, Department, Title, Address string
	Phones, Mobile, Fax, Emails                            []string
}

func summarize(b Block) summary {
	texts := func(its []Item) []string {
		var out []string
		for _, it := range its {
			out = append(out, it.Text)
		}
		return out
	}
	return summary{
		Name: b.Name.Text, Roman: b.Roman.Text, Kana: b.Kana.Text, Company: b.Company.Text,
		Department: b.Department.Text, Title: b.Title.Text, Address: b.Address.Text,
		Phones: texts(b.Phones), Mobile: texts(b.Mobile), Fax: texts(b.Fax), Emails: texts(b.Emails),
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, in string
		want     []summary
	}{
		{"role after department", "--\n東西物産株式会社\n総務部 担当\n中村由美子\nTEL：03-6294-5995\n",
			[]summary{{Name: "中村由美子", Company: "東西物産株式会社", Department: "総務部", Phones: []string{"03-6294-5995"}}}},
		{"dash delimiter", "よろしくお願いいたします。\n\n--\n株式会社サンプル 営業部\n田中 太郎\nTEL: 03-1234-5678 / 携帯: 090-1234-5678\nE-mail: taro.tanaka@example.co.jp\n",
			[]summary{{Name: "田中 太郎", Company: "株式会社サンプル", Department: "営業部", Phones: []string{"03-1234-5678"}, Mobile: []string{"090-1234-5678"}, Emails: []string{"taro.tanaka@example.co.jp"}}}},
		{"box full-width", "━━━━━━━━━━━━━━━━━━━━\n株式会社サンプル商事\n第二営業部 課長\n山田 花子（やまだ はなこ）\n〒100-0001\n東京都千代田区千代田1-2-3 サンプルビル5F\nＴＥＬ：０３－１２３４－５６７８　ＦＡＸ：０３－１２３４－５６７９\n携帯：０９０－１２３４－５６７８\nMail：hanako@example.co.jp\n━━━━━━━━━━━━━━━━━━━━\n",
			[]summary{{Name: "山田 花子", Kana: "やまだ はなこ", Company: "株式会社サンプル商事", Department: "第二営業部", Title: "課長",
				Address: "〒100-0001\n東京都千代田区千代田1-2-3 サンプルビル5F", Phones: []string{"03-1234-5678"}, Fax: []string{"03-1234-5679"},
				Mobile: []string{"090-1234-5678"}, Emails: []string{"hanako@example.co.jp"}}}},
		{"english signoff", "Thanks,\n\nBest regards,\nJohn Smith\nSales Manager | Sample Trading Co., Ltd.\nMobile: +81 90 1234 5678\njohn.smith@example.com\n",
			[]summary{{Name: "John Smith", Company: "Sample Trading Co., Ltd.", Title: "Sales Manager", Mobile: []string{"+81 90 1234 5678"}, Emails: []string{"john.smith@example.com"}}}},
		{"roman and kanji", "==============================\n田中 太郎 (Taro Tanaka)\nサンプル株式会社 経営企画室 室長\n〒530-0001 大阪府大阪市北区梅田1-1-1\nTel 06-1234-5678  Fax 06-1234-5679\n==============================",
			[]summary{{Name: "田中 太郎", Roman: "Taro Tanaka", Company: "サンプル株式会社", Department: "経営企画室", Title: "室長",
				Address: "〒530-0001 大阪府大阪市北区梅田1-1-1", Phones: []string{"06-1234-5678"}, Fax: []string{"06-1234-5679"}}}},
		{"bullets and brackets", "■■■■■■■■■■\nみずほ銀行 渋谷支店\n鈴木 一郎\n【携帯】080-1111-2222\n【E-mail】ichiro@example.jp\n■■■■■■■■■■",
			[]summary{{Name: "鈴木 一郎", Company: "みずほ銀行", Department: "渋谷支店", Mobile: []string{"080-1111-2222"}, Emails: []string{"ichiro@example.jp"}}}},
		{"quoted", "> --\n> 佐藤 花子\n> TEL 03-9876-5432\n",
			[]summary{{Name: "佐藤 花子", Phones: []string{"03-9876-5432"}}}},
		{"name only after delimiter", "本文です。\n\n-- \nTaro Yamada\n", []summary{{Name: "Taro Yamada"}}},
		{"name above blank", "高橋 健一\n株式会社サンプル\n\nTEL: 03-1111-2222\n",
			[]summary{{Name: "高橋 健一", Company: "株式会社サンプル", Phones: []string{"03-1111-2222"}}}},
		{"unlabelled mobile", "--\n山本 翔太\n090-2222-3333\n", []summary{{Name: "山本 翔太", Mobile: []string{"090-2222-3333"}}}},

		{"prose only", "来週の打ち合わせについて、日程の候補をお送りします。\nご都合のよい日時をお知らせください。\n", nil},
		{"prose mentions phone", "Phone calls are welcome any time during business hours, as discussed with the team.\n", nil},
		{"long list", strings.Repeat("田中 太郎\nTEL: 03-1234-5678\n", 10), nil},
		{"no signature lines", "注文番号 1234-5678-9012\n合計 ¥12,345\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []summary
			for _, b := range Parse(tt.in) {
				got = append(got, summarize(b))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse (-want +got):\n%s", diff)
			}
		})
	}
}

// TestParseOffsets checks that offsets point into the raw text, also
// where normalization changed it (full-width characters).
func TestParseOffsets(t *testing.T) {
	in := "--\n株式会社サンプル\n田中　太郎\nＴＥＬ：０３－１２３４－５６７８\nｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"
	bs := Parse(in)
	if len(bs) != 1 {
		t.Fatalf("got %d blocks, want 1", len(bs))
	}
	b := bs[0]
	for _, c := range []struct {
		it   Item
		want string
	}{
		{b.Name, "田中　太郎"}, {b.Company, "株式会社サンプル"}, {b.Phones[0], "０３－１２３４－５６７８"}, {b.Emails[0], "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"},
	} {
		if got := in[c.it.Start:c.it.End]; got != c.want {
			t.Errorf("in[%d:%d] = %q, want %q", c.it.Start, c.it.End, got, c.want)
		}
	}
}

func TestFindCompany(t *testing.T) {
	tests := []struct{ in, want string }{
		{"株式会社サンプル 営業部", "株式会社サンプル"},
		{"株式会社 サンプル商事", "株式会社 サンプル商事"},
		{"サンプル株式会社", "サンプル株式会社"},
		{"(株)サンプル", "(株)サンプル"},
		{"サンプル(株)", "サンプル(株)"},
		{"一般社団法人日本サンプル協会", "一般社団法人日本サンプル協会"},
		{"みずほ銀行 渋谷支店", "みずほ銀行"},
		{"弊社は三菱UFJ銀行と", "三菱UFJ銀行"},
		{"株式会社サンプルの田中です", "株式会社サンプル"},
		{"Sample Trading Co., Ltd.", "Sample Trading Co., Ltd."},
		{"Sales Manager | Acme Inc.", "Acme Inc."},
		{"Company: Widgets LLC", "Widgets LLC"},
		{"Software Architect, Panasas Inc", "Panasas Inc"},
		{"Panasas, Inc.", "Panasas, Inc."},
		{"(c)1997-2001 NIM Corporation. All Rights Reserved", "NIM Corporation"},
		{"Stores: 7-Eleven Inc.", "7-Eleven Inc."},
		{"山田司法書士事務所", "山田司法書士事務所"},
		{"サンプル行政書士事務所 代表", "サンプル行政書士事務所"},
		{"有限責任監査法人サンプル", "有限責任監査法人サンプル"},
		{"日本証券業協会 自主規制本部", "日本証券業協会"},
		{"みずほ銀行渋谷支店", "みずほ銀行"},
		{"株式会社みほん物流", "株式会社みほん物流"},
		{"株式会社ひまわり 営業部", "株式会社ひまわり"},
		{"(みらいアセット株式会社)", "みらいアセット株式会社"},
		{"営業部", ""},
		{"銀行員", ""},
		{"株式会社からの連絡", ""},
		{"株式会社の", ""},
		{"the inc of things", ""},
		{"株式会社", ""},
	}
	for _, tt := range tests {
		sp, ok := FindCompany(tt.in)
		got := ""
		if ok {
			got = tt.in[sp.Start:sp.End]
		}
		if got != tt.want {
			t.Errorf("FindCompany(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFindTitles(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"第二営業部 課長", []string{"第二営業部", "課長"}},
		{"第二営業部課長", []string{"第二営業部", "課長"}},
		{"代表取締役社長", []string{"代表取締役社長"}},
		{"人事部 採用課 係長", []string{"人事部", "採用課", "係長"}},
		{"Sales Manager", []string{"Sales Manager"}},
		{"Human Resources Department", []string{"Human Resources Department"}},
		{"投資運用部ヴァイスプレジデント", []string{"投資運用部", "ヴァイスプレジデント"}},
		{"マネージングディレクター", []string{"マネージングディレクター"}},
		{"シニア・アソシエイト", []string{"シニア・アソシエイト"}},
		{"Assistant Editor", []string{"Assistant Editor"}},
		{"Network/Systems Manager", []string{"Network/Systems Manager"}},
		{"Programmer / Analyst III", []string{"Programmer / Analyst III"}},
		{"chairman and CEO", []string{"chairman and CEO"}},
		{"Director of Systems & Operations", []string{"Director of Systems & Operations"}},
		{"David Birch, Director, Consult Hyperion", []string{"Director"}},
		{"Software Engineer at Acme", []string{"Software Engineer"}},
		{`Vladimir, Sales manager of "Telesystems"`, []string{`Sales manager of "Telesystems"`}},
		{"A Top AOL Manager Has Left Company", nil},
		{"Caldera VP bullish on UnitedLinux", nil},
		{"esi-vp-marketing", nil},
		{"Enron Ex-CFO Clears His Throat", nil},
		{"Desktop Engineer's Junk Drawer", nil},
		{"A consultant will contact you", nil},
		{"AGENT/DEALER/REPRESENTATIVE WANTED.", nil},
		{"International (A Div. of Mwc)", nil},
		{"Any Unusable Lead", nil},
		{"阿部 太郎", nil},
		{"長谷部 太郎", nil},
		{"部長会議", nil},
		{"田中", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, sp := range FindTitles(tt.in) {
			got = append(got, tt.in[sp.Start:sp.End])
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("FindTitles(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("--\n株式会社サンプル 営業部\n田中 太郎\nTEL: 03-1234-5678\nE-mail: taro@example.co.jp\n")
	f.Add("Best regards,\nJohn Smith\nSales Manager | Sample Trading Co., Ltd.\nMobile: +81 90 1234 5678")
	f.Add("━━━━\n〒100-0001 東京都千代田区\nＴＥＬ：０３－１２３４－５６７８\n━━━━")
	// A URL label at the very start of a line: nothing before it to slice.
	f.Add("web\nurl: x\nhp")
	f.Fuzz(func(t *testing.T, in string) {
		for _, b := range Parse(in) {
			if b.Start < 0 || b.End > len(in) || b.Start > b.End {
				t.Fatalf("block [%d,%d) out of %d bytes", b.Start, b.End, len(in))
			}
			its := []Item{b.Name, b.Roman, b.Kana, b.Company, b.Department, b.Title, b.Address}
			its = append(append(append(append(its, b.Phones...), b.Mobile...), b.Fax...), b.Emails...)
			for _, it := range its {
				if it.Text == "" {
					continue
				}
				if it.Start < 0 || it.End > len(in) || it.Start >= it.End {
					t.Fatalf("item %+v out of %d bytes", it, len(in))
				}
			}
		}
		s := in
		for _, b := range ParseNormalized(s) {
			for _, it := range []Item{b.Name, b.Company, b.Title, b.Department, b.Kana, b.Roman} {
				if it.Text != "" && s[it.Start:it.End] != it.Text {
					t.Fatalf("item text %q != s[%d:%d] %q", it.Text, it.Start, it.End, s[it.Start:it.End])
				}
			}
		}
	})
}

// TestShortURLLabelAtStart: "web"/"hp" at the start of a line is shorter
// than "http", and labelEnd must not slice before the text.
func TestShortURLLabelAtStart(t *testing.T) {
	for _, s := range []string{"web", "web-based CGI interface", "hp\n", "url", "web: example.jp\n"} {
		Parse(s)
		findLabels(s)
	}
}
