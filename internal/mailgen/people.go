package mailgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// company is a fictional company. All domains are under example.jp,
// example.co.jp or example.com.
type company struct {
	name, nameEn string
	domain       string
	postal       string // 〒NNN-NNNN, a hard negative for phones
	address      string
	addressEn    string
	area         string // area code of its phone numbers
	english      bool   // staff write in English
	main, fax    phone  // filled per corpus
}

// companyTable is the read-only template of the companies; newWorld copies
// it and draws phone numbers.
var companyTable = []company{
	{name: "株式会社サンプル商事", nameEn: "Sample Shoji Co., Ltd.", domain: "sample-shoji.example.co.jp", postal: "〒100-0005", address: "東京都千代田区丸の内1-2-3 サンプルビル8F", addressEn: "1-2-3 Marunouchi, Chiyoda-ku, Tokyo", area: "03"},
	{name: "テスト工業株式会社", nameEn: "Test Kogyo Co., Ltd.", domain: "test-kogyo.example.co.jp", postal: "〒530-0001", address: "大阪府大阪市北区梅田2-4-6", addressEn: "2-4-6 Umeda, Kita-ku, Osaka", area: "06"},
	{name: "例題システムズ株式会社", nameEn: "Reidai Systems Inc.", domain: "reidai-sys.example.jp", postal: "〒220-0012", address: "神奈川県横浜市西区みなとみらい3-1-1", addressEn: "3-1-1 Minatomirai, Nishi-ku, Yokohama", area: "045"},
	{name: "株式会社みほん物流", nameEn: "Mihon Logistics Co., Ltd.", domain: "mihon-butsuryu.example.co.jp", postal: "〒450-0002", address: "愛知県名古屋市中村区名駅4-5-6", addressEn: "4-5-6 Meieki, Nakamura-ku, Nagoya", area: "052"},
	{name: "北海サンプル食品株式会社", nameEn: "Hokkai Sample Foods Co., Ltd.", domain: "hokkai-foods.example.jp", postal: "〒060-0001", address: "北海道札幌市中央区北一条西5-6", addressEn: "5-6 Kita-ichijo-nishi, Chuo-ku, Sapporo", area: "011"},
	{name: "九州テストサービス株式会社", nameEn: "Kyushu Test Service Co., Ltd.", domain: "kyushu-ts.example.co.jp", postal: "〒812-0011", address: "福岡県福岡市博多区博多駅前2-1-1", addressEn: "2-1-1 Hakata-ekimae, Hakata-ku, Fukuoka", area: "092"},
	{name: "エグザンプル・グローバル株式会社", nameEn: "Example Global Inc.", domain: "globex.example.com", postal: "〒105-0001", address: "東京都港区虎ノ門4-3-2", addressEn: "4-3-2 Toranomon, Minato-ku, Tokyo", area: "03", english: true},
}

// Japanese names: kanji and Hepburn romaji.
var familyNames = [][2]string{
	{"佐藤", "Sato"}, {"鈴木", "Suzuki"}, {"高橋", "Takahashi"}, {"田中", "Tanaka"}, {"伊藤", "Ito"},
	{"渡辺", "Watanabe"}, {"山本", "Yamamoto"}, {"中村", "Nakamura"}, {"小林", "Kobayashi"}, {"加藤", "Kato"},
	{"吉田", "Yoshida"}, {"山田", "Yamada"}, {"佐々木", "Sasaki"}, {"山口", "Yamaguchi"}, {"松本", "Matsumoto"},
	{"井上", "Inoue"}, {"木村", "Kimura"}, {"林", "Hayashi"}, {"斎藤", "Saito"}, {"清水", "Shimizu"},
	{"山崎", "Yamazaki"}, {"森", "Mori"}, {"池田", "Ikeda"}, {"橋本", "Hashimoto"}, {"阿部", "Abe"},
	{"石川", "Ishikawa"}, {"前田", "Maeda"}, {"藤田", "Fujita"}, {"小川", "Ogawa"}, {"岡田", "Okada"},
}

var givenNames = [][2]string{
	{"太郎", "Taro"}, {"花子", "Hanako"}, {"健一", "Kenichi"}, {"美咲", "Misaki"}, {"大輔", "Daisuke"},
	{"由美", "Yumi"}, {"翔太", "Shota"}, {"陽子", "Yoko"}, {"誠", "Makoto"}, {"直樹", "Naoki"},
	{"恵", "Megumi"}, {"拓也", "Takuya"}, {"彩", "Aya"}, {"和也", "Kazuya"}, {"真由美", "Mayumi"},
	{"浩二", "Koji"}, {"理恵", "Rie"}, {"亮", "Ryo"}, {"智子", "Tomoko"}, {"修", "Osamu"},
}

var englishFamily = []string{"Smith", "Johnson", "Brown", "Miller", "Davis", "Wilson", "Taylor", "Clark"}
var englishGiven = []string{"John", "Emily", "Michael", "Sarah", "David", "Laura", "James", "Anna"}

var departments = []string{"営業部", "総務部", "経理部", "人事部", "開発部", "購買部", "カスタマーサポート部", "経営企画室"}
var titles = []string{"", "", "主任", "係長", "課長", "部長"}

// titleEn is how the Japanese titles are given in English signatures.
var titleEn = map[string]string{"主任": "Senior Associate", "係長": "Assistant Manager", "課長": "Manager", "部長": "General Manager"}
var titlesEn = []string{"Sales Manager", "Account Executive", "Project Manager", "HR Director", "Engineer"}

// person is a fictional correspondent.
type person struct {
	family, given   string // kanji, or English names for English speakers
	familyR, givenR string // romaji
	company         *company
	dept, title     string
	titleEn         string // title in English signatures
	email           string
	private         string // personal address on mail.example.jp
	mobile, direct  phone
	english         bool
}

// fullName is "山田 太郎" or "John Smith".
func (p *person) fullName() string {
	if p.english {
		return p.given + " " + p.family
	}
	return p.family + " " + p.given
}

// romaji is "Taro Yamada".
func (p *person) romaji() string {
	return p.givenR + " " + p.familyR
}

// world is the cast of one corpus: companies with their numbers and people.
type world struct {
	companies []*company
	people    []*person
	owner     *person // whose mailbox this is
}

// newWorld draws companies' numbers and a cast of people.
func newWorld(r *rand.Rand) *world {
	w := &world{}
	used := map[string]bool{}
	for _, tc := range companyTable {
		c := tc
		c.main = uniquePhone(r, used, c.area)
		c.fax = uniquePhone(r, used, c.area)
		w.companies = append(w.companies, &c)
	}
	emails := map[string]bool{}
	for i := 0; i < 24; i++ {
		c := w.companies[i%len(w.companies)]
		p := &person{company: c, english: c.english}
		if p.english {
			p.family = englishFamily[r.IntN(len(englishFamily))]
			p.given = englishGiven[r.IntN(len(englishGiven))]
			p.familyR, p.givenR = p.family, p.given
			p.title = titlesEn[r.IntN(len(titlesEn))]
			p.titleEn = p.title
		} else {
			f := familyNames[r.IntN(len(familyNames))]
			g := givenNames[r.IntN(len(givenNames))]
			p.family, p.familyR = f[0], f[1]
			p.given, p.givenR = g[0], g[1]
			p.dept = departments[r.IntN(len(departments))]
			p.title = titles[r.IntN(len(titles))]
			p.titleEn = titleEn[p.title]
		}
		local := localPart(r, p)
		for emails[local+"@"+c.domain] {
			local += fmt.Sprint(r.IntN(10))
		}
		p.email = local + "@" + c.domain
		emails[p.email] = true
		p.private = fmt.Sprintf("%s.%s%d@mail.example.jp", strings.ToLower(p.givenR), strings.ToLower(p.familyR[:1]), 70+r.IntN(30))
		p.mobile = uniquePhone(r, used, "mobile")
		p.direct = uniquePhone(r, used, c.area)
		w.people = append(w.people, p)
	}
	w.owner = w.people[0]
	return w
}

// localPart makes the local part of a company address in one of the usual
// shapes.
func localPart(r *rand.Rand, p *person) string {
	g, f := strings.ToLower(p.givenR), strings.ToLower(p.familyR)
	switch r.IntN(4) {
	case 0:
		return g + "." + f
	case 1:
		return f + "." + g
	case 2:
		return g[:1] + "-" + f
	default:
		return f + "_" + g[:1]
	}
}

// pick returns a random person other than the ones given.
func (w *world) pick(r *rand.Rand, not ...*person) *person {
	return w.pickWhere(r, func(*person) bool { return true }, not...)
}

// pickJa returns a random Japanese-speaking person other than the ones
// given.
func (w *world) pickJa(r *rand.Rand, not ...*person) *person {
	return w.pickWhere(r, func(p *person) bool { return !p.english }, not...)
}

// pickWhere returns a random person for whom ok holds, other than the ones
// given.
func (w *world) pickWhere(r *rand.Rand, want func(*person) bool, not ...*person) *person {
	for {
		p := w.people[r.IntN(len(w.people))]
		ok := want(p)
		for _, n := range not {
			if p == n {
				ok = false
			}
		}
		if ok {
			return p
		}
	}
}
