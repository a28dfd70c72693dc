package mailgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/mailsift/mailsift/internal/piigen"
)

// jname is one part of a Japanese name in its three written forms.
type jname struct {
	kanji, kana, romaji string
}

// familyNamesKana are family names with their readings (katakana) and
// passport Hepburn: the names of people.go's familyNames first, then more,
// so that a cast of hundreds rarely repeats a full name by chance.
var familyNamesKana = []jname{
	{"佐藤", "サトウ", "Sato"}, {"鈴木", "スズキ", "Suzuki"}, {"高橋", "タカハシ", "Takahashi"}, {"田中", "タナカ", "Tanaka"},
	{"伊藤", "イトウ", "Ito"}, {"渡辺", "ワタナベ", "Watanabe"}, {"山本", "ヤマモト", "Yamamoto"}, {"中村", "ナカムラ", "Nakamura"},
	{"小林", "コバヤシ", "Kobayashi"}, {"加藤", "カトウ", "Kato"}, {"吉田", "ヨシダ", "Yoshida"}, {"山田", "ヤマダ", "Yamada"},
	{"佐々木", "ササキ", "Sasaki"}, {"山口", "ヤマグチ", "Yamaguchi"}, {"松本", "マツモト", "Matsumoto"}, {"井上", "イノウエ", "Inoue"},
	{"木村", "キムラ", "Kimura"}, {"林", "ハヤシ", "Hayashi"}, {"斎藤", "サイトウ", "Saito"}, {"清水", "シミズ", "Shimizu"},
	{"山崎", "ヤマザキ", "Yamazaki"}, {"森", "モリ", "Mori"}, {"池田", "イケダ", "Ikeda"}, {"橋本", "ハシモト", "Hashimoto"},
	{"阿部", "アベ", "Abe"}, {"石川", "イシカワ", "Ishikawa"}, {"前田", "マエダ", "Maeda"}, {"藤田", "フジタ", "Fujita"},
	{"小川", "オガワ", "Ogawa"}, {"岡田", "オカダ", "Okada"}, {"後藤", "ゴトウ", "Goto"}, {"長谷川", "ハセガワ", "Hasegawa"},
	{"村上", "ムラカミ", "Murakami"}, {"近藤", "コンドウ", "Kondo"}, {"石井", "イシイ", "Ishii"}, {"坂本", "サカモト", "Sakamoto"},
	{"遠藤", "エンドウ", "Endo"}, {"青木", "アオキ", "Aoki"}, {"藤井", "フジイ", "Fujii"}, {"福田", "フクダ", "Fukuda"},
	{"太田", "オオタ", "Ota"}, {"三浦", "ミウラ", "Miura"}, {"藤原", "フジワラ", "Fujiwara"}, {"岡本", "オカモト", "Okamoto"},
	{"松田", "マツダ", "Matsuda"}, {"中川", "ナカガワ", "Nakagawa"}, {"中野", "ナカノ", "Nakano"}, {"原田", "ハラダ", "Harada"},
	{"小野", "オノ", "Ono"}, {"田村", "タムラ", "Tamura"}, {"竹内", "タケウチ", "Takeuchi"}, {"金子", "カネコ", "Kaneko"},
	{"和田", "ワダ", "Wada"}, {"中山", "ナカヤマ", "Nakayama"}, {"石田", "イシダ", "Ishida"}, {"上田", "ウエダ", "Ueda"},
	{"森田", "モリタ", "Morita"}, {"柴田", "シバタ", "Shibata"}, {"酒井", "サカイ", "Sakai"}, {"工藤", "クドウ", "Kudo"},
	{"横山", "ヨコヤマ", "Yokoyama"}, {"宮崎", "ミヤザキ", "Miyazaki"}, {"宮本", "ミヤモト", "Miyamoto"}, {"内田", "ウチダ", "Uchida"},
	{"高木", "タカギ", "Takagi"}, {"安藤", "アンドウ", "Ando"}, {"谷口", "タニグチ", "Taniguchi"}, {"丸山", "マルヤマ", "Maruyama"},
	{"今井", "イマイ", "Imai"}, {"藤本", "フジモト", "Fujimoto"}, {"村田", "ムラタ", "Murata"}, {"武田", "タケダ", "Takeda"},
	{"上野", "ウエノ", "Ueno"}, {"杉山", "スギヤマ", "Sugiyama"}, {"増田", "マスダ", "Masuda"}, {"小島", "コジマ", "Kojima"},
	{"千葉", "チバ", "Chiba"}, {"久保", "クボ", "Kubo"}, {"松井", "マツイ", "Matsui"}, {"岩崎", "イワサキ", "Iwasaki"},
	{"桜井", "サクライ", "Sakurai"}, {"木下", "キノシタ", "Kinoshita"}, {"野口", "ノグチ", "Noguchi"}, {"松尾", "マツオ", "Matsuo"},
	{"菊地", "キクチ", "Kikuchi"}, {"野村", "ノムラ", "Nomura"}, {"新井", "アライ", "Arai"}, {"大塚", "オオツカ", "Otsuka"},
}

// givenNamesKana are given names with their readings and Hepburn.
var givenNamesKana = []jname{
	{"太郎", "タロウ", "Taro"}, {"花子", "ハナコ", "Hanako"}, {"健一", "ケンイチ", "Kenichi"}, {"美咲", "ミサキ", "Misaki"},
	{"大輔", "ダイスケ", "Daisuke"}, {"由美", "ユミ", "Yumi"}, {"翔太", "ショウタ", "Shota"}, {"陽子", "ヨウコ", "Yoko"},
	{"直樹", "ナオキ", "Naoki"}, {"拓也", "タクヤ", "Takuya"}, {"和也", "カズヤ", "Kazuya"}, {"真由美", "マユミ", "Mayumi"},
	{"浩二", "コウジ", "Koji"}, {"理恵", "リエ", "Rie"}, {"智子", "トモコ", "Tomoko"}, {"一郎", "イチロウ", "Ichiro"},
	{"健太", "ケンタ", "Kenta"}, {"由美子", "ユミコ", "Yumiko"}, {"明美", "アケミ", "Akemi"}, {"裕子", "ユウコ", "Yuko"},
	{"久美子", "クミコ", "Kumiko"}, {"直美", "ナオミ", "Naomi"}, {"健二", "ケンジ", "Kenji"}, {"典子", "ノリコ", "Noriko"},
	{"幸子", "サチコ", "Sachiko"}, {"洋子", "ヨウコ", "Yoko"}, {"達也", "タツヤ", "Tatsuya"}, {"美穂", "ミホ", "Miho"},
	{"雄一", "ユウイチ", "Yuichi"}, {"千尋", "チヒロ", "Chihiro"}, {"結衣", "ユイ", "Yui"}, {"陽菜", "ヒナ", "Hina"},
	{"大樹", "ダイキ", "Daiki"}, {"悠斗", "ユウト", "Yuto"}, {"美香", "ミカ", "Mika"}, {"正樹", "マサキ", "Masaki"},
	{"香織", "カオリ", "Kaori"}, {"康弘", "ヤスヒロ", "Yasuhiro"}, {"麻衣", "マイ", "Mai"}, {"信也", "シンヤ", "Shinya"},
	{"友美", "トモミ", "Tomomi"}, {"俊介", "シュンスケ", "Shunsuke"}, {"絵美", "エミ", "Emi"}, {"和彦", "カズヒコ", "Kazuhiko"},
	{"里美", "サトミ", "Satomi"}, {"聡", "サトシ", "Satoshi"}, {"隆", "タカシ", "Takashi"}, {"誠", "マコト", "Makoto"},
	{"恵", "メグミ", "Megumi"}, {"亮", "リョウ", "Ryo"}, {"修", "オサム", "Osamu"}, {"博", "ヒロシ", "Hiroshi"},
	{"翼", "ツバサ", "Tsubasa"}, {"彩", "アヤ", "Aya"}, {"愛", "アイ", "Ai"}, {"学", "マナブ", "Manabu"},
}

// addrPlaces are municipalities with their towns, for home addresses that
// the address detector and a postal worker both accept.
var addrPlaces = []struct {
	pref, city string
	towns      []string
}{
	{"東京都", "世田谷区", []string{"桜新町", "三軒茶屋", "用賀", "経堂"}},
	{"東京都", "杉並区", []string{"阿佐谷北", "荻窪", "高円寺南"}},
	{"東京都", "練馬区", []string{"石神井町", "光が丘", "大泉学園町"}},
	{"東京都", "武蔵野市", []string{"吉祥寺本町", "中町", "境南町"}},
	{"神奈川県", "横浜市港北区", []string{"日吉本町", "綱島西", "大倉山"}},
	{"神奈川県", "川崎市中原区", []string{"小杉町", "新丸子町", "木月"}},
	{"埼玉県", "さいたま市浦和区", []string{"高砂", "常盤", "岸町"}},
	{"千葉県", "船橋市", []string{"本町", "前原西", "湊町"}},
	{"大阪府", "大阪市天王寺区", []string{"上本町", "真法院町", "夕陽丘町"}},
	{"大阪府", "豊中市", []string{"新千里東町", "岡町北", "曽根東町"}},
	{"愛知県", "名古屋市千種区", []string{"今池", "覚王山通", "星が丘元町"}},
	{"兵庫県", "神戸市東灘区", []string{"住吉本町", "御影中町", "岡本"}},
	{"福岡県", "福岡市中央区", []string{"大濠", "薬院", "平尾"}},
	{"北海道", "札幌市北区", []string{"北二十四条西", "新琴似", "屯田"}},
	{"京都府", "京都市左京区", []string{"下鴨松原町", "北白川", "岡崎"}},
	{"宮城県", "仙台市青葉区", []string{"上杉", "国分町", "八幡"}},
}

var buildings = []string{"サンプルハイツ", "メゾン例題", "グリーンコート", "パークサイド見本", "コーポ試験"}

// homeAddress draws a home address: prefecture, municipality, town, block
// numbers in one of the usual forms, sometimes a building and room.
func homeAddress(r *rand.Rand) string {
	pl := addrPlaces[r.IntN(len(addrPlaces))]
	town := pl.towns[r.IntN(len(pl.towns))]
	a, b, c := 1+r.IntN(5), 1+r.IntN(25), 1+r.IntN(30)
	var s string
	if r.IntN(3) == 0 {
		s = fmt.Sprintf("%s%s%s%d丁目%d番%d号", pl.pref, pl.city, town, a, b, c)
	} else {
		s = fmt.Sprintf("%s%s%s%d-%d-%d", pl.pref, pl.city, town, a, b, c)
	}
	if r.IntN(3) == 0 {
		s += fmt.Sprintf(" %s%d0%d", buildings[r.IntN(len(buildings))], 1+r.IntN(8), 1+r.IntN(9))
	}
	return s
}

// drawBirth draws a date of birth between 1945 and 2004.
func drawBirth(r *rand.Rand) time.Time {
	return time.Date(1945+r.IntN(60), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
}

// birthAfter draws a date of birth in the years years after from.
func birthAfter(r *rand.Rand, from time.Time, years int) time.Time {
	return from.AddDate(0, 0, r.IntN(years*365))
}

// birthText writes a date of birth in one of the ways forms write it.
func birthText(r *rand.Rand, d time.Time) string {
	y, m, day := d.Year(), int(d.Month()), d.Day()
	switch r.IntN(5) {
	case 0:
		return fmt.Sprintf("%d年%d月%d日", y, m, day)
	case 1:
		return fmt.Sprintf("%04d-%02d-%02d", y, m, day)
	case 2:
		era, start := "昭和", 1925
		switch {
		case d.After(time.Date(2019, 4, 30, 0, 0, 0, 0, time.UTC)):
			era, start = "令和", 2018
		case d.After(time.Date(1989, 1, 7, 0, 0, 0, 0, time.UTC)):
			era, start = "平成", 1988
		}
		return fmt.Sprintf("%s%d年%d月%d日", era, y-start, m, day)
	default:
		return fmt.Sprintf("%04d/%02d/%02d", y, m, day)
	}
}

// passportNo draws a Japanese passport number: two letters, seven digits.
func passportNo(r *rand.Rand) string {
	return []string{"TK", "TR", "TZ", "MU", "MZ", "TH"}[r.IntN(6)] + fmt.Sprintf("%07d", r.IntN(10000000))
}

// myNumber draws a 12-digit Individual Number with a valid check digit.
func myNumber(r *rand.Rand) string {
	d := make([]int, 11)
	var b strings.Builder
	for i := range d {
		d[i] = r.IntN(10)
		b.WriteByte(byte('0' + d[i]))
	}
	b.WriteByte(byte('0' + piigen.MyNumberCheckDigit(d)))
	return b.String()
}

// licenceNo draws a 12-digit driver's licence number (公安委員会 code 30,
// Tokyo; year; serial; check digit; re-issues).
func licenceNo(r *rand.Rand) string {
	return fmt.Sprintf("30%02d%06d%d%d", r.IntN(100), r.IntN(1000000), r.IntN(10), r.IntN(3))
}

// fourGroups writes 12 digits as "1234 5678 9012".
func fourGroups(s string) string { return s[:4] + " " + s[4:8] + " " + s[8:] }
