package personname

import (
	"testing"

	"github.com/mailsift/mailsift/detectors/internal/detectortest"
)

var shared = New()

type found struct {
	Text       string
	Value      string
	Confidence float64
}

const (
	full = FullConfidence
	conf = ConfirmedConfidence
	read = ReadingConfidence
	weak = StructureConfidence
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name, in, field, column string
		want                    []found
	}{
		// Honorifics.
		{"sama full", "田中太郎様", "body", "", []found{{"田中太郎", "田中太郎", full}}},
		{"san spaced", "山田 花子さん、こんにちは", "body", "", []found{{"山田 花子", "山田花子", full}}},
		{"surname only", "佐藤様よりご連絡がありました", "body", "", []found{{"佐藤", "佐藤", conf}}},
		{"dono", "高橋殿", "body", "", []found{{"高橋", "高橋", conf}}},
		{"shi", "伊藤氏によれば", "body", "", []found{{"伊藤", "伊藤", conf}}},
		{"sensei", "鈴木先生", "body", "", []found{{"鈴木", "鈴木", conf}}},
		{"title", "佐藤部長にご確認ください", "body", "", []found{{"佐藤", "佐藤", conf}}},
		{"rare given name", "鬼頭奏汰様", "body", "", []found{{"鬼頭奏汰", "鬼頭奏汰", full}}},
		{"common-word given name spaced", "年末調整のため、吉田 愛さんの個人番号を受領しました。", "body", "", []found{{"吉田 愛", "吉田愛", full}}},
		{"title after surname spaced", "山田 社長さんによろしく", "body", "", []found{{"山田", "山田", conf}}},
		{"variant", "髙橋一郎様", "body", "", []found{{"髙橋一郎", "髙橋一郎", full}}},
		{"katakana", "ジョン・スミス様", "body", "", []found{{"ジョン・スミス", "ジョン・スミス", full}}},
		{"full-width space", "田中　太郎　様", "body", "", []found{{"田中 太郎", "田中太郎", full}}},
		{"latin honorific", "Smith様", "body", "", []found{{"Smith", "Smith", conf}}},
		// Labels.
		{"label", "氏名：田中 太郎", "body", "", []found{{"田中 太郎", "田中太郎", full}}},
		{"label onamae", "■お名前: 山田花子 様", "body", "", []found{{"山田花子", "山田花子", full}}},
		{"label space", "氏名 鈴木一郎\n", "body", "", []found{{"鈴木一郎", "鈴木一郎", full}}},
		{"label dept", "担当：営業部 佐藤", "body", "", []found{{"佐藤", "佐藤", conf}}},
		{"label rare", "氏名：小鳥遊 ひなた", "body", "", []found{{"小鳥遊 ひなた", "小鳥遊ひなた", weak}}},
		{"furigana", "フリガナ：タナカ タロウ", "body", "", []found{{"タナカ タロウ", "タナカタロウ", read}}},
		{"name en", "Name: John Smith", "body", "", []found{{"John Smith", "JohnSmith", full}}},
		// English cues.
		{"dear", "Dear Mr. John Smith,\nThank you.", "body", "", []found{{"John Smith", "JohnSmith", full}}},
		{"hi", "Hi Taro,\n", "body", "", []found{{"Taro", "Taro", conf}}},
		// Bank transfer details: the account holder, in kana, after a
		// space (pii-formats B13); a company holder is no person.
		{"account holder", "お振込先\nみずほ銀行 渋谷支店\n普通預金 1234567\n口座名義 ヤマダ タロウ", "body", "", []found{{"ヤマダ タロウ", "ヤマダタロウ", read}}},
		{"corporate holder", "お振込先\nみずほ銀行 渋谷支店\n普通預金 1234567\n口座名義 カブシキガイシャ サンプル", "body", "", nil},
		// A greeting line near signature cues is no signature name line:
		// the name is the salutation's (SpamAssassin's "Hi Mary," between
		// From:/To: lines and a "====" rule).
		{"greeting near cues", "From: kate@example.com\nTo: mary@example.com\nSubject: Your cat\n\nHi Mary,\n\nAre you interested?\n=========\n", "body", "",
			[]found{{"Mary", "Mary", conf}}},
		{"greeting in a block", "----\nFrom: kate@example.com\nTo: mary@example.com\nSubject: About Your Cat!\nHi Mary,\nAre you interested in receiving up to 80% SAVINGS on CAT SUPPLIES?\n=========\n", "body", "",
			[]found{{"Mary", "Mary", conf}}},
		{"mr", "I met Mr. Tanaka yesterday.", "body", "", []found{{"Tanaka", "Tanaka", conf}}},
		// Signatures.
		{"signature ja", "よろしくお願いいたします。\n\n--\n株式会社サンプル 営業部\n田中 太郎\nTEL: 03-1234-5678\nE-mail: taro@example.co.jp\n", "body", "",
			[]found{{"田中 太郎", "田中太郎", full}}},
		{"signature box", "━━━━━━━━━━━━━━━━\n株式会社サンプル商事\n第二営業部 課長 山田 花子（やまだ はなこ）\n〒100-0001 東京都千代田区千代田1-2-3\nＴＥＬ：０３－１２３４－５６７８\n━━━━━━━━━━━━━━━━\n", "body", "",
			[]found{{"山田 花子", "山田花子", full}, {"やまだ はなこ", "やまだはなこ", read}}},
		{"signature en", "Best regards,\nJohn Smith\nSales Manager | Sample Trading Co., Ltd.\nMobile: +81 90 1234 5678\n", "body", "",
			[]found{{"John Smith", "JohnSmith", full}}},
		{"signature email repeats", "--\nKwame Nkrumah\nSample Inc. | Mobile: +81 90 1234 5678\nkwame.nkrumah@example.com", "body", "",
			[]found{{"Kwame Nkrumah", "KwameNkrumah", conf}}},
		// Headers.
		{"header ja", "田中 太郎 <taro@example.jp>", "header:From", "", []found{{"田中 太郎", "田中太郎", full}}},
		{"header list", `田中 太郎 <taro@example.jp>, "Suzuki, Ichiro" <i.suzuki@example.com>`, "header:To", "",
			[]found{{"田中 太郎", "田中太郎", full}, {"Suzuki, Ichiro", "SuzukiIchiro", full}}},
		{"header unknown latin", "Kwame Nkrumah <k@example.gh>", "header:From", "", []found{{"Kwame Nkrumah", "KwameNkrumah", weak}}},
		{"header company", "株式会社サンプル 田中太郎 <t@example.jp>", "header:From", "", []found{{"田中太郎", "田中太郎", full}}},
		// Forms of address and bylines are no part of the name.
		{"header barrister", "BARRISTER JOHNSON AKERELE <a@example.com>", "header:From", "", []found{{"JOHNSON AKERELE", "JOHNSONAKERELE", conf}}},
		{"header engr", "Engr. Musa Bello <m@example.ng>", "header:From", "", []found{{"Musa Bello", "MusaBello", weak}}},
		{"header mr fork", "Mr. FoRK <fork-admin@example.com>", "header:From", "", nil},
		{"header mckee", "AJ McKee <ajmckee@example.com>", "header:From", "", []found{{"AJ McKee", "AJMcKee", full}}},
		{"header mrs", "\"Mrs. Anne Kojo\" <anne@example.com>", "header:From", "", []found{{"Anne Kojo", "AnneKojo", full}}},
		{"header byron", "Byron Smith <byron@example.com>", "header:From", "", []found{{"Byron Smith", "ByronSmith", full}}},
		{"byline", "-------------\n\nWedding Business in Thailand\nThu Aug 29,10:19 AM ET\nBy Andrew Marshall\n\nBANGKOK, Thailand (Reuters) - A dentist came.\n\n--\n-------------\n", "body", "", []found{{"Andrew Marshall", "AndrewMarshall", full}}},
		{"header theo", "Theo Van Dinter <felicity@example.net>", "header:To", "", []found{{"Theo Van Dinter", "TheoVanDinter", weak}}},
		{"header bare first", "a@example.jp, Taro Tanaka <taro.tanaka@example.jp>", "header:Cc", "", []found{{"Taro Tanaka", "TaroTanaka", full}}},
		// Columns.
		{"column", "田中太郎", "attachment:a.xlsx#Sheet1!B2", "氏名", []found{{"田中太郎", "田中太郎", full}}},
		{"column kana", "タナカ タロウ", "attachment:a.xlsx#Sheet1!C2", "フリガナ", []found{{"タナカ タロウ", "タナカタロウ", read}}},
		{"column en", "John Smith", "attachment:a.csv", "Name", []found{{"John Smith", "JohnSmith", full}}},
		{"column rare", "小鳥遊ひなた", "attachment:a.csv", "お名前", []found{{"小鳥遊ひなた", "小鳥遊ひなた", weak}}},

		// Hard negatives.
		{"okyakusama", "お客様各位", "body", "", nil},
		{"minasama", "皆様、お疲れ様です。", "body", "", nil},
		{"tantousha", "ご担当者様", "body", "", nil},
		{"shiyou", "仕様書の様式について、様々な意見があります。", "body", "", nil},
		{"takusan", "たくさんのみなさんにご参加いただきました。", "body", "", nil},
		{"place", "松本に行く予定です。", "body", "", nil},
		{"bucho kaigi", "部長会議は10時からです。", "body", "", nil},
		{"order number", "注文番号 1234-5678-9012 様", "body", "", nil},
		{"postal", "〒123-4567 東京都千代田区", "body", "", nil},
		{"price", "¥1,234,567（税込）", "body", "", nil},
		{"meeting", "日時：2024年5月2日 10:00-12:00", "body", "", nil},
		{"file name", "ファイル名：見積書.pdf", "body", "", nil},
		{"name change", "名前を変更してください", "body", "", nil},
		{"dear customer", "Dear Customer,\nYour order has shipped.", "body", "", nil},
		{"dear sir", "Dear Sir or Madam,", "body", "", nil},
		{"hi team", "Hi team,", "body", "", nil},
		{"best regards filler", "Best regards. Thank you for your message.", "body", "", nil},
		{"header role", "Sales Team <sales@example.com>", "header:From", "", nil},
		{"header noreply", "no-reply <no-reply@example.com>", "header:From", "", nil},
		{"header amazon", "Amazon.co.jp <auto-confirm@amazon.co.jp>", "header:From", "", nil},
		{"header newsletter", "The Motley Fool <fool@motleyfool.com>", "header:From", "", nil},
		{"header list ml", "SpamAssassin Talk ML <spamassassin-talk@example.net>", "header:To", "", nil},
		{"header company only", "株式会社サンプル <info@example.jp>", "header:From", "", nil},
		{"header support ja", "カスタマーサポート <support@example.jp>", "header:From", "", nil},
		{"header addr only", "taro@example.jp", "header:To", "", nil},
		// Display names of no person (issue 15, real mail): companies,
		// lists and their readers, campaigns, places, personas.
		{"header shop", "Affordable Computer Supply <deals@supplies.example.com>", "header:From", "", nil},
		{"header inn", "Inn Share <shareinn@example.com>", "header:To", "", nil},
		{"header subscribers", "Reg Subscribers <update@list.example.co.uk>", "header:To", "", nil},
		{"header campaign", "Robert Reich For Governor <volunteer-reply@example.org>", "header:From", "", nil},
		{"header place", "North Dublin <nd@example.ie>", "header:To", "", nil},
		{"header persona", "Jazzy Girl <jazzy@example.com>", "header:From", "", nil},
		{"header foundation", "Sample Foundation <info@example.org>", "header:From", "", nil},
		{"header country", "USA Financial <usafin@example.net>", "header:From", "", nil},
		// … beside the people they must not hide.
		{"header west last", "Adam West <adam@example.com>", "header:From", "", []found{{"Adam West", "AdamWest", full}}},
		{"header list of people", "Reg Clemens <reg@example.com>, North Dublin <nd@example.ie>, Norman Kidd <norman.k@example.co.uk>", "header:To", "",
			[]found{{"Reg Clemens", "RegClemens", conf}, {"Norman Kidd", "NormanKidd", full}}},
		{"signature dept only", "--\n株式会社サンプル 営業部\nTEL: 03-1234-5678\n", "body", "", nil},
		{"column company", "株式会社サンプル", "attachment:a.csv", "氏名", nil},
		{"column other", "田中太郎", "attachment:a.csv", "会社名", nil},
		{"column sku", "SKU-12345", "attachment:a.csv", "Name", nil},
		{"tracking", "お問い合わせ番号：1234-5678-9012", "body", "", nil},
		{"jan", "JANコード 4901234567894", "body", "", nil},
	}
	detectortest.Table(t, shared, tests)
}

func TestAccept(t *testing.T) { detectortest.AcceptExamples(t, New()) }
