package ocr

import (
	"flag"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The images in testdata/ are made by TestGenerate from a Japanese font
// that the repository does not ship (IPAex Gothic, Debian package
// fonts-ipaexfont-gothic):
//
//	go test ./scanner/extract/ocr -run TestGenerate -gen-font /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf
var genFont = flag.String("gen-font", "", "regenerate testdata/*.png with this Japanese TrueType font")

// block is text drawn at a position, in the Japanese font or, for MRZ
// lines, in Go Mono.
type block struct {
	x, y  int
	size  float64
	mono  bool
	lines []string
}

// testImages are mock identity documents and a letter. The personal data
// is invented; the MRZ check digits are right.
var testImages = map[string]struct {
	w, h   int
	blocks []block
}{
	"passport.png": {1000, 700, []block{
		{40, 40, 30, false, []string{"日本国 JAPAN   旅券 PASSPORT"}},
		{320, 110, 20, false, []string{
			"型 / Type  P      発行国 / Issuing country  JPN",
			"旅券番号 / Passport No.  TR8765432",
			"姓 / Surname  TANAKA",
			"名 / Given name  TARO",
			"国籍 / Nationality  JAPAN",
			"生年月日 / Date of birth  24 DEC 1985",
			"性別 / Sex  M",
			"有効期間満了日 / Date of expiry  30 JUN 2029",
		}},
		{40, 560, 26, true, []string{
			"P<JPNTANAKA<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<",
			"TR87654323JPN8512246M2906302<<<<<<<<<<<<<<08",
		}},
	}},
	"license.png": {900, 560, []block{
		{40, 40, 26, false, []string{
			"氏名 山田 花子    昭和60年 4月 1日生",
			"住所 東京都千代田区千代田1-1",
			"交付 令和05年06月01日 12345",
			"2028年(令和10年)05月01日まで有効",
			"免許の条件等 眼鏡等",
			"番号 第 301234567890 号",
			"運転免許証",
			"東京都公安委員会",
		}},
	}},
	"residence.png": {900, 520, []block{
		{40, 40, 26, false, []string{
			"在留カード RESIDENCE CARD   番号 AB12345678CD",
			"氏名 NGUYEN VAN AN",
			"生年月日 1998年01月01日  性別 男 M",
			"国籍・地域 ベトナム",
			"在留資格 技術・人文知識・国際業務",
			"就労制限の有無 在留資格に基づく就労活動のみ可",
			"在留期間(満了日) 5年 (2028年12月31日)",
			"法務大臣",
		}},
	}},
	"letter.png": {1000, 420, []block{
		{40, 40, 24, false, []string{
			"いつもお世話になっております。",
			"来週の打ち合わせの資料をお送りします。",
			"Thank you for your email. Please find the",
			"revised proposal attached for your review.",
			"株式会社サンプル 営業部",
		}},
	}},
}

func TestGenerate(t *testing.T) {
	if *genFont == "" {
		t.Skip("set -gen-font to regenerate testdata/*.png")
	}
	ttf, err := os.ReadFile(*genFont)
	if err != nil {
		t.Fatal(err)
	}
	ja, err := opentype.Parse(ttf)
	if err != nil {
		t.Fatal(err)
	}
	mono, err := opentype.Parse(gomono.TTF)
	if err != nil {
		t.Fatal(err)
	}
	for name, spec := range testImages {
		img := image.NewGray(image.Rect(0, 0, spec.w, spec.h))
		draw.Draw(img, img.Bounds(), image.NewUniform(color.Gray{245}), image.Point{}, draw.Src)
		for _, b := range spec.blocks {
			f := ja
			if b.mono {
				f = mono
			}
			face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: b.size, DPI: 72, Hinting: font.HintingFull})
			if err != nil {
				t.Fatal(err)
			}
			drawLines(img, face, b.x, b.y, b.lines)
		}
		fh, err := os.Create(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(fh, img); err != nil {
			t.Fatal(err)
		}
		if err := fh.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// drawLines draws lines of text in black, one below the other.
func drawLines(img draw.Image, face font.Face, x, y int, lines []string) {
	m := face.Metrics()
	step := m.Height.Ceil() * 3 / 2
	d := &font.Drawer{Dst: img, Src: image.NewUniform(color.Black), Face: face}
	for i, l := range lines {
		d.Dot = fixed.P(x, y+m.Ascent.Ceil()+i*step)
		d.DrawString(l)
	}
}
