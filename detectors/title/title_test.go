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

		{"prose meeting", "部長会議は10時からです。", "", nil},
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
