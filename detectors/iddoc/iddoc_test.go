package iddoc

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/pii"
)

// picture is a blank w×h PNG: the detector looks at its size only.
func picture(t testing.TB, w, h int) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// OCR texts as tesseract 5.3 (jpn+eng, psm 6) read the mock documents in
// scanner/extract/ocr/testdata.
const (
	ocrPassport = `日本国 JAPAN 旅券 PASSPORT
型/Type P 発行国 / lssuing country JPN
旅券番号 / Passport No. TR8765432
姓 / Surname TANAKA
名 / Given name TARO
国籍 / Nationality JAPAN
生年月日 Date of birth 24 DEC 1985
性別 / Sex M
有効期間満了日 Date of expiry 30 JUN 2029
P<JPNTANAKA<<TARO0く<くくくくくくくくくくくくくくくくくくくくくくくくく
TR87654323JPN8512246M2906302<<<<<<<<<<<<<<Q8`
	ocrLicense = `氏名 山田 花子 昭和60年 4月 1日生
住所 東京都千代田区千代田1-1
交付 令和05年06月01日 12345
2028年(令和10年)05月01日まで有効
免許の条件等 眼鏡等
番号 第 301234567890 号
運転免許証
東京都公安委員会`
	ocrResidence = `在留カード RESIDENCE CARD 番号 AB12345678CD
氏名 NGUYEN VAN AN
生年月日 1998年01月01日 性別 SM
国籍・地域 ベトナム
在留資格 技術・人文知識・国際業務
就労制限の有無 在留資格に基づく就労活動のみ可`
	ocrLetter = `いつもお世話になっております。
来週の打ち合わせの資料をお送りします。
Thank you for your email. Please find the
revised proposal attached for your review.
株式会社サンプル 営業部`
	// A municipal flyer: the card's name, no field labels.
	ocrFlyer = `マイナンバーカードの交付申請はお済みですか
マイナンバーカードで住民票の写しがコンビニで取得できます
申請はスマートフォンから 有効期限にご注意ください`
)

func TestAssess(t *testing.T) {
	photo := picture(t, 1000, 650)
	tests := []struct {
		name     string
		img      detectors.Image
		min, max float64 // confidence range; max 0: not reported
		why      string  // a reason that must be given
	}{
		{"passport scan: MRZ", detectors.Image{Name: "scan001.jpg", OCR: ocrPassport, Data: photo}, 0.97, 0.99, "ocr: passport MRZ"},
		{"licence scan: title and labels", detectors.Image{Name: "IMG_2031.jpg", OCR: ocrLicense, Data: photo}, 0.85, 0.95, "ocr: 運転免許証 + "},
		{"residence card", detectors.Image{OCR: ocrResidence, Data: photo}, 0.85, 0.95, "ocr: 在留カード"},
		{"letter-spaced OCR", detectors.Image{OCR: "運 転 免 許 証\n氏 名 山 田\n生 年 月 日\n公 安 委 員 会", Data: photo}, 0.85, 0.95, "ocr: 運転免許証 + 3"},
		{"full-width OCR", detectors.Image{OCR: "ＰＡＳＳＰＯＲＴ\nＳｕｒｎａｍｅ ＴＡＮＡＫＡ\nＤａｔｅ ｏｆ ｂｉｒｔｈ", Data: photo}, 0.7, 0.8, "ocr: passport + 2"},
		{"file name パスポートの写し", detectors.Image{Name: "パスポートの写し.jpg", Data: photo}, 0.75, 0.75, "file name: パスポート"},
		{"file name 免許証", detectors.Image{Name: "免許証.jpg", Data: photo}, 0.7, 0.7, "file name: 免許証"},
		{"file name passport.png", detectors.Image{Name: "Passport.PNG", Data: photo}, 0.75, 0.75, "file name: passport"},
		{"file name drivers_license", detectors.Image{Name: "drivers_license_front.jpg", Data: photo}, 0.75, 0.75, "file name: driverslicense"},
		{"file name 本人確認書類.pdf page", detectors.Image{Name: "本人確認書類.pdf#p1", Data: photo}, 0.7, 0.7, "file name: 本人確認"},
		{"message: 免許証のコピー", detectors.Image{Name: "IMG_0001.JPG", Text: "免許証のコピーです。ご確認ください。", Data: photo}, 0.55, 0.55, "message: 免許証のコピー"},
		{"message: attached 本人確認書類", detectors.Image{Name: "IMG_0001.JPG", Text: "本人確認書類を添付いたします。", Data: photo}, 0.55, 0.55, "(attached)"},
		{"message: copy of my passport", detectors.Image{Name: "scan.jpg", Text: "Please find attached a copy of my passport.", Data: photo}, 0.65, 0.65, "message: copyofmypassport"},
		{"name and message", detectors.Image{Name: "免許証.jpg", Text: "免許証のコピーを添付します", Data: photo}, 0.88, 0.92, "file name: 免許証"},
		{"weak name and title", detectors.Image{Name: "license.jpg", OCR: "運転免許証", Data: photo}, 0.65, 0.7, "file name: license"},

		{"letter", detectors.Image{Name: "scan.png", OCR: ocrLetter, Data: photo}, 0, 0, ""},
		{"flyer", detectors.Image{Name: "flyer.png", OCR: ocrFlyer, Data: photo}, 0, 0, ""},
		{"title alone", detectors.Image{OCR: "PASSPORT", Data: photo}, 0, 0, ""},
		{"labels alone (a form)", detectors.Image{OCR: "氏名\n生年月日\n住所\n性別\n国籍", Data: photo}, 0, 0, ""},
		{"software licence screenshot", detectors.Image{Name: "license.png", Data: photo}, 0, 0, ""},
		{"request for ID, logo image", detectors.Image{Name: "image001.png", Text: "本人確認書類をご提出ください。", Data: picture(t, 200, 60)}, 0, 0, ""},
		{"request for ID, no attach verb", detectors.Image{Name: "image001.jpg", Text: "本人確認書類をご提出ください。", Data: photo}, 0, 0, ""},
		{"phrase with banner image", detectors.Image{Name: "banner.png", Text: "免許証のコピーをお送りください", Data: picture(t, 1200, 200)}, 0, 0, ""},
		{"phrase with undecodable image", detectors.Image{Name: "x.jpg", Text: "免許証のコピーです", Data: []byte("garbage")}, 0, 0, ""},
		{"invoice", detectors.Image{Name: "invoice_2024-05.png", Text: "請求書を添付します。注文番号 1234-5678", OCR: "請求書\n合計 ¥1,234,567\n〒100-0001", Data: photo}, 0, 0, ""},
		{"MRZ-like junk", detectors.Image{OCR: "P<JPNTANAKA<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<\nTR87654320JPN8512240M2906300<<<<<<<<<<<<<<00", Data: photo}, 0, 0, ""},
		{"nothing", detectors.Image{Data: photo}, 0, 0, ""},
	}
	d := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conf, why := d.Assess(&tt.img)
			ms, err := d.DetectImage(context.Background(), &tt.img)
			if err != nil {
				t.Fatal(err)
			}
			if tt.max == 0 {
				if len(ms) != 0 {
					t.Errorf("reported %+v (confidence %.2f, %q), want nothing", ms, conf, why)
				}
				return
			}
			if len(ms) != 1 {
				t.Fatalf("got %d matches (confidence %.2f, %q), want 1", len(ms), conf, why)
			}
			m := ms[0]
			if m.Confidence < tt.min-1e-9 || m.Confidence > tt.max+1e-9 {
				t.Errorf("confidence %.3f, want in [%.2f, %.2f] (%q)", m.Confidence, tt.min, tt.max, why)
			}
			if !strings.Contains(m.Detail, tt.why) {
				t.Errorf("detail %q lacks %q", m.Detail, tt.why)
			}
			sum := sha256.Sum256(tt.img.Data)
			if m.Type != pii.IDDocument || m.Value != hex.EncodeToString(sum[:]) {
				t.Errorf("match %+v", m)
			}
		})
	}
}

// TestDetailHasNoPII: the detail names evidence, never what the document
// says.
func TestDetailHasNoPII(t *testing.T) {
	d := New()
	for _, ocr := range []string{ocrPassport, ocrLicense, ocrResidence} {
		ms, _ := d.DetectImage(context.Background(), &detectors.Image{OCR: ocr, Name: "パスポート.jpg", Text: "免許証のコピーを添付します", Data: picture(t, 800, 500)})
		if len(ms) != 1 {
			t.Fatalf("no match for %q", ocr[:20])
		}
		for _, pii := range []string{"TR8765432", "TANAKA", "山田", "301234567890", "AB12345678CD", "1985", "NGUYEN"} {
			if strings.Contains(ms[0].Detail, pii) {
				t.Errorf("detail %q shows %q", ms[0].Detail, pii)
			}
		}
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New().DetectImage(ctx, &detectors.Image{OCR: ocrPassport}); err == nil {
		t.Error("no error after cancel")
	}
}

func TestSquash(t *testing.T) {
	for in, want := range map[string]string{
		"運 転 免 許 証":                 "運転免許証",
		"Drivers_License-Front.JPG": "driverslicensefrontjpg",
		"ＰＡＳＳＰＯＲＴ":                  "passport",
		"Date of\nBirth":            "dateofbirth",
		"国籍・地域":                     "国籍地域",
	} {
		if got := squash(in); got != want {
			t.Errorf("squash(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzAssess: any OCR text, name and message give a confidence in [0,
// 0.99] and never panic.
func FuzzAssess(f *testing.F) {
	f.Add(ocrPassport, "パスポート.jpg", "免許証のコピーを添付します")
	f.Add(ocrLetter, "x.png", "")
	f.Add("P<\n<<", "", "本人確認書類")
	d := New()
	data := picture(f, 600, 400)
	f.Fuzz(func(t *testing.T, ocr, name, text string) {
		conf, _ := d.Assess(&detectors.Image{OCR: ocr, Name: name, Text: text, Data: data})
		if conf < 0 || conf > 0.99 {
			t.Errorf("confidence %v", conf)
		}
	})
}
