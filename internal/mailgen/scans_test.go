package mailgen

import (
	"bytes"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"slices"
	"strings"
	"testing"
)

// scanFont returns a Japanese font or skips: the repository ships none.
func scanFont(t *testing.T) []byte {
	t.Helper()
	b, _, err := FindCJKFont()
	if err != nil {
		t.Skipf("scan messages need a Japanese font: %v", err)
	}
	return b
}

// TestScans checks the scan messages: every kind, images that decode
// (by the reference decoder's leaves), identity numbers labelled at an
// attachment; and that Generate with Scans is deterministic.
func TestScans(t *testing.T) {
	font := scanFont(t)
	opts := Options{Seed: 4, Scans: 3, ScanFont: font}
	a, b := Generate(opts), Generate(opts)
	for i, m := range a.Messages {
		if !bytes.Equal(m.Raw, b.Messages[i].Raw) {
			t.Fatalf("%s differs between two runs", m.Name)
		}
	}
	g := &gen{opts: opts, slugs: map[string]bool{}}
	g.w = newWorld(g.rand("world"))
	p := newPainter(font)
	for i, k := range scanKinds {
		g.scanMsg(p, i, k.kind)
	}
	c := &Corpus{Messages: g.out}
	for _, m := range c.Messages {
		if len(m.Expect.Binary) == 0 {
			t.Errorf("%s: no attachment", m.Name)
		}
		ids := 0
		for _, l := range m.Expect.Labels {
			if !slices.Contains([]string{"passport", "my_number", "drivers_license"}, l.Type) {
				continue
			}
			ids++
			if !slices.ContainsFunc(m.Expect.Binary, func(b string) bool { return strings.HasPrefix(l.Location, b) }) {
				t.Errorf("%s: label %s at %s, not at an attachment", m.Name, l.Type, l.Location)
			}
		}
		idKind := slices.ContainsFunc([]string{"licence", "mynumber", "passport"}, func(k string) bool { return strings.HasSuffix(m.Name, "-"+k) })
		if (idKind && ids != 1) || (!idKind && !strings.HasSuffix(m.Name, "-pdf") && ids != 0) || ids > 1 {
			t.Errorf("%s: %d identity labels", m.Name, ids)
		}
	}
	checkDecodeClean(t, c)
}

func TestIDImages(t *testing.T) {
	imgs := IDImages(1, scanFont(t), 9)
	seen := map[string]bool{}
	for _, im := range imgs {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(im.Data))
		if err != nil {
			t.Fatalf("%s: %v", im.Name, err)
		}
		seen[im.Type] = true
		switch {
		case im.Type == "passport" && len(im.Number) != 9, im.Type != "passport" && len(im.Number) != 12:
			t.Errorf("%s: number of %d characters", im.Type, len(im.Number))
		case cfg.Width < 500:
			t.Errorf("%s: %dx%d", im.Name, cfg.Width, cfg.Height)
		}
	}
	if len(seen) != 3 {
		t.Errorf("kinds %v", seen)
	}
}

func TestTD3(t *testing.T) {
	// ICAO 9303 part 4's specimen.
	l1, l2 := td3("UTO", "ERIKSSON", "ANNA<MARIA", "L898902C3", "UTO", "740812", "F", "120415", "ZE184226B")
	if l1 != "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<" || l2 != "L898902C36UTO7408122F1204159ZE184226B<<<<<10" {
		t.Errorf("td3 =\n%s\n%s", l1, l2)
	}
}

func TestImagePDF(t *testing.T) {
	pg := image.NewGray(image.Rect(0, 0, 100, 140))
	pdf := imagePDF([]*image.Gray{pg, pg}, 80)
	for _, want := range []string{"%PDF-1.4", "/Count 2", "/Filter /DCTDecode", "/Subtype /Image"} {
		if !bytes.Contains(pdf, []byte(want)) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	if bytes.Contains(pdf, []byte("/Font")) {
		t.Error("image-only PDF has a font")
	}
}
