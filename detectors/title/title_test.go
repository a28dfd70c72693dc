package title

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/detectortest"
)

type found struct {
	Value      string
	Confidence float64
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, in, column string
		want             []found
	}{
		{"dept and title", "--\n株式会社サンプル\n第二営業部 課長\n田中 太郎\nTEL: 03-1234-5678", "", []found{{"第二営業部 課長", SignatureConfidence}}},
		{"one line", "--\n株式会社サンプル 営業部\n田中 太郎\nTEL: 03-1234-5678", "", []found{{"営業部", SignatureConfidence}}},
		{"title before name", "━━━━\n代表取締役社長 山田 花子\nTEL：03-1234-5678\n━━━━", "", []found{{"代表取締役社長", SignatureConfidence}}},
		{"english", "Best regards,\nJohn Smith\nSales Manager | Sample Trading Co., Ltd.\nMobile: +81 90 1234 5678", "", []found{{"Sales Manager", SignatureConfidence}}},
		{"english dept", "--\nJane Doe\nHuman Resources Department\njane.doe@example.com", "", []found{{"Human Resources Department", SignatureConfidence}}},
		{"account executive", "Best regards,\n\nMary Smith\nAccount Executive\nAcme Holdings Inc.\nMobile: 070-3177-0938", "", []found{{"Account Executive", SignatureConfidence}}},
		{"system administrator", "--\nKen Sato\nSystem Administrator\nken@example.com", "", []found{{"System Administrator", SignatureConfidence}}},
		{"quoted header", "--- original message ---\nFrom: \"officer\" <officer@example.jp>\nTo: Tax Division <tax@example.jp>\nSubject: hello\n", "", nil},
		{"executive summary", "--\nKen Sato\nExecutive Summary attached\nken@example.com", "", nil},
		{"label", "役職：代表取締役社長", "", []found{{"代表取締役社長", LabelConfidence}}},
		{"label dept", "所属部署: 経営企画室", "", []found{{"経営企画室", LabelConfidence}}},
		{"column", "人事部 部長", "役職", []found{{"人事部 部長", LabelConfidence}}},

		// Issue 15: katakana titles, and a title written with its
		// department (the value is both: 所属部署・役職).
		{"katakana vp with dept", "--\nみらいアセット株式会社\n投資運用部ヴァイスプレジデント\n田中 太郎\nTEL: 03-1234-5678", "", []found{{"投資運用部ヴァイスプレジデント", SignatureConfidence}}},
		{"katakana vp spaced", "--\nみらいアセット株式会社\n投資運用部 バイスプレジデント\n田中 太郎\nTEL: 03-1234-5678", "", []found{{"投資運用部 バイスプレジデント", SignatureConfidence}}},
		{"katakana managing director", "--\nサンプル証券株式会社\nマネージングディレクター 山田 花子\nTEL: 03-1234-5678", "", []found{{"マネージングディレクター", SignatureConfidence}}},
		{"katakana associate", "--\nサンプル証券株式会社\nシニアアソシエイト 山田 花子\nTEL: 03-1234-5678", "", []found{{"シニアアソシエイト", SignatureConfidence}}},
		{"public office title", "--\n金融庁 監督局\n専門官 山田 花子\nTEL: 03-1234-5678", "", []found{{"監督局", SignatureConfidence}, {"専門官", SignatureConfidence}}},
		// English titles are phrases: the whole phrase, not its first word.
		{"assistant editor", "_____\nCRYSTAL FERRARO, Assistant Editor (mailto:crystal@example.com)", "", []found{{"Assistant Editor", SignatureConfidence}}},
		{"senior associate editor", "--\nRobert Vamosi\nSenior Associate Editor\nrobert@example.com", "", []found{{"Senior Associate Editor", SignatureConfidence}}},
		{"director of", "Sincerely,\nMike Gray\nDirector of Software Development\nmike@example.com", "", []found{{"Director of Software Development", SignatureConfidence}}},
		{"modifiers", "--\nJanet Kumar\nInformation Security Manager, Trading Co. Ltd.\nPhone: +44 20 7946 0000", "", []found{{"Information Security Manager", SignatureConfidence}}},
		{"author dept", "Bruce J. MacLennan\n\nComputer Science Department\nUniversity of Tennessee, Knoxville\nMacLennan@cs.example.edu", "", []found{{"Computer Science Department", SignatureConfidence}}},
		{"person dept", "Best regards,\nPetr Stanek\nSubscription Department\npetr@example.com", "", []found{{"Subscription Department", SignatureConfidence}}},

		{"prose meeting", "部長会議は10時からです。", "", nil},
		{"bank branch after label", "--\nサンプル翻訳事務所\n大塚 浩二\nE-mail: koji@example.jp\n振込先：三井住友銀行 渋谷支店 普通 1234567", "", nil},
		{"team dept ja", "--\n株式会社サンプル 営業部\nTEL 03-1234-5678\ninfo@example.jp", "", nil},
		{"team dept en", "Best regards\nSales Department\nCheap Smoking Spain\nsales@example.com", "", nil},
		{"addressee dept", "To: info@example.com\nAttn: Marketing Department\nFrom: I.Q. Software\nTel: +40 21 555 0000", "", nil},
		{"headline", "OTHER STORIES\nA Top AOL Manager Has Left Company\nhttp://www.example.com/2002/08/14/technology/14AOL.html\nmail: news@example.com", "", nil},
		{"headline ex", "Enron Ex-CFO Clears His Throat For Feds\nhttp://www.example.com/business/57905.htm\nmail: news@example.com", "", nil},
		{"glued", "You received this message from esi-vp-marketing at the e-mail address\nmail: x@example.com", "", nil},
		{"possessive", "Desktop Engineer's Junk Drawer\nHeadline Mailer\nmail: x@example.com", "", nil},
		{"prose consultant", "A consultant will contact you soon.\nPhone: 555-123-4567", "", nil},
		{"form option", "Area of Interest:\t  Worksite        Individual Sales \t Both\n \t  Personal Producer      Manager \t Number of Agents\nE-mail:\t \t\nPhone:\t \t", "", nil},
		{"bare lead", "Any Unusable Lead  Ie. Missing Info\nmail: leads@example.com", "", nil},
		{"prose", "課長にご確認ください。", "", nil},
		{"prose en", "The manager approved the budget.", "", nil},
		{"surname like dept", "--\n阿部 太郎\nTEL: 03-1234-5678", "", nil},
		{"contacts only", "--\nTEL: 03-1234-5678", "", nil},
		{"label other", "所属：なし", "", nil},
		{"column other", "人事部 部長", "備考", nil},
	}
	detectortest.Table(t, New(), tests)
}

func TestAccept(t *testing.T) { detectortest.AcceptExamples(t, New()) }

func FuzzDetect(f *testing.F) {
	detectortest.FuzzDetect(f, New(), detectortest.Rules{Valid: func(v, span string) bool { return v == span }},
		[2]string{"課長", "役職"})
}

// TestKeywordsCoverMatches: every match holds one of the keywords, so
// that the prefilter never keeps the detector from a text where it would
// find something (the keywords are title words, not the signature cues
// the scan starts from).
func TestKeywordsCoverMatches(t *testing.T) {
	frags := []string{"", "--", "━━━━━━━━", "Best regards,", "株式会社サンプル 営業部", "第二営業部 課長", "田中 太郎",
		"John Smith", "Sales Manager | Sample Trading Co., Ltd.", "Human Resources Department", "Head of Sales",
		"TEL: 03-1234-5678", "E-mail: taro@example.co.jp", "〒100-0001 東京都千代田区", "役職：部長", "所属: 人事部 採用課",
		"title: Senior Engineer", "Position: Lead", "代表取締役社長 山本 一郎", "Division of Energy", "VP of Sales",
		"いつもお世話になっております。", "Thanks for the meeting with the director."}
	kws := (&Detector{}).Keywords()
	rng := rand.New(rand.NewPCG(1, 2))
	d := New()
	checked := 0
	for range 5000 {
		var b strings.Builder
		for n := 1 + rng.IntN(12); n > 0; n-- {
			b.WriteString(frags[rng.IntN(len(frags))])
			b.WriteByte('\n')
		}
		tx := detectors.Normalize(b.String())
		if rng.IntN(8) == 0 { // a table cell
			tx = detectors.Normalize(frags[rng.IntN(len(frags))])
			tx.Column = []string{"役職", "Title", "部署"}[rng.IntN(3)]
		}
		for _, m := range d.Detect(tx) {
			checked++
			v := strings.ToLower(tx.Norm[m.Start:m.End])
			if !slices.ContainsFunc(kws, func(kw string) bool { return strings.Contains(v, kw) }) {
				t.Fatalf("match %q in %q holds no keyword", tx.Norm[m.Start:m.End], tx.Norm)
			}
		}
	}
	if checked < 1000 {
		t.Errorf("only %d matches checked", checked)
	}
}
