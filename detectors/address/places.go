package address

// prefectures are the 47 都道府県 (総務省 全国地方公共団体コード).
var prefectures = []string{
	"北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
	"埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
	"岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
	"鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
	"佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
}

// bigCities are the cities often written without their prefecture: the
// 23 special wards of Tokyo and the 20 designated cities (政令指定都市).
// An address that starts with one needs no prefecture and no 〒.
var bigCities = []string{
	"千代田区", "中央区", "港区", "新宿区", "文京区", "台東区", "墨田区", "江東区", "品川区", "目黒区",
	"大田区", "世田谷区", "渋谷区", "中野区", "杉並区", "豊島区", "北区", "荒川区", "板橋区", "練馬区",
	"足立区", "葛飾区", "江戸川区",
	"札幌市", "仙台市", "さいたま市", "千葉市", "横浜市", "川崎市", "相模原市", "新潟市", "静岡市", "浜松市",
	"名古屋市", "京都市", "大阪市", "堺市", "神戸市", "岡山市", "広島市", "北九州市", "福岡市", "熊本市",
}

// labels introduce an address. Longest first, so that "現住所" is one
// label and not "住所" after "現".
var labels = []string{
	"現住所", "ご住所", "お住まい", "本店所在地", "所在地", "住所", "住 所", "送付先", "お届け先", "届け先",
	"配送先", "本籍地", "本籍", "居所", "連絡先住所",
	"mailing address", "home address", "street address", "postal address", "registered address",
	"address", "addr",
}

// notPostalLabels are words before "address" that make it another kind
// of address.
var notPostalLabels = []string{
	"e-mail", "email", "mail", "ip", "ipv4", "ipv6", "mac", "web", "internet", "server", "wallet", "bitcoin",
	"ethernet", "memory", "network", "hardware", "sender", "reply", "reply-to", "recipient", "url", "site",
	"メール", "ip", "mac",
}
