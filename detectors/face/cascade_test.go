package face

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEmbeddedCascades(t *testing.T) {
	m, err := loadModels()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name          string
		c             *cascade
		w, h, stages  int
		trees, leaves int
	}{
		{"alt2", m.find, 20, 20, 20, 1047, 1047 * 3},
		{"alt", m.confirm[0], 20, 20, 22, 2135, 2135 * 2},
		{"default", m.confirm[1], 24, 24, 25, 2913, 2913 * 2},
	} {
		if tt.c.w != tt.w || tt.c.h != tt.h || len(tt.c.stages) != tt.stages || len(tt.c.trees) != tt.trees || len(tt.c.leaves) != tt.leaves {
			t.Errorf("%s: %dx%d, %d stages, %d trees, %d leaves; want %dx%d, %d, %d, %d", tt.name,
				tt.c.w, tt.c.h, len(tt.c.stages), len(tt.c.trees), len(tt.c.leaves), tt.w, tt.h, tt.stages, tt.trees, tt.leaves)
		}
	}
}

// tinyCascade is a 4×4 cascade of one stage with one stump: "the left
// half is darker than the right half".
func tinyCascade(nodes, leaves, rects, extra string) string {
	return `<?xml version="1.0"?>
<opencv_storage><cascade type_id="opencv-cascade-classifier">
<stageType>BOOST</stageType><featureType>HAAR</featureType>
<height>4</height><width>4</width><stageNum>1</stageNum>
<stages><_><maxWeakCount>1</maxWeakCount><stageThreshold>0.5</stageThreshold>
<weakClassifiers><_><internalNodes>` + nodes + `</internalNodes><leafValues>` + leaves + `</leafValues></_></weakClassifiers></_></stages>
<features><_><rects>` + rects + `</rects>` + extra + `</_></features></cascade></opencv_storage>`
}

const (
	tinyNodes  = "0 -1 0 0.1"
	tinyLeaves = "0 1"
	tinyRects  = "<_>0 0 2 4 -1.</_><_>2 0 2 4 1.</_>"
)

func TestParseCascadeErrors(t *testing.T) {
	if _, err := parseCascade([]byte(tinyCascade(tinyNodes, tinyLeaves, tinyRects, ""))); err != nil {
		t.Fatalf("tiny cascade: %v", err)
	}
	tests := map[string]string{
		"not xml":             "<opencv_storage><cascade>",
		"lbp":                 strings.Replace(tinyCascade(tinyNodes, tinyLeaves, tinyRects, ""), ">HAAR<", ">LBP<", 1),
		"stage count":         strings.Replace(tinyCascade(tinyNodes, tinyLeaves, tinyRects, ""), "<stageNum>1", "<stageNum>2", 1),
		"window too big":      strings.ReplaceAll(tinyCascade(tinyNodes, tinyLeaves, tinyRects, ""), ">4</", ">500</"),
		"tilted feature":      tinyCascade(tinyNodes, tinyLeaves, tinyRects, "<tilted>1</tilted>"),
		"rect outside":        tinyCascade(tinyNodes, tinyLeaves, "<_>0 0 2 4 -1.</_><_>3 0 2 4 1.</_>", ""),
		"negative rect":       tinyCascade(tinyNodes, tinyLeaves, "<_>0 0 -2 4 -1.</_>", ""),
		"four rects":          tinyCascade(tinyNodes, tinyLeaves, strings.Repeat("<_>0 0 1 1 1.</_>", 4), ""),
		"feature index":       tinyCascade("0 -1 1 0.1", tinyLeaves, tinyRects, ""),
		"node loops back":     tinyCascade("1 -1 0 0.1 1 -2 0 0.2", "0 1 2", tinyRects, ""),
		"child past the tree": tinyCascade("2 -1 0 0.1 0 -2 0 0.2", "0 1 2", tinyRects, ""),
		"leaf past the tree":  tinyCascade("0 -2 0 0.1", tinyLeaves, tinyRects, ""),
		"leaf count":          tinyCascade(tinyNodes, "0 1 2", tinyRects, ""),
		"node values":         tinyCascade("0 -1 0", tinyLeaves, tinyRects, ""),
		"nan threshold":       tinyCascade("0 -1 0 NaN", tinyLeaves, tinyRects, ""),
		"fractional index":    tinyCascade("0 -1 0.5 0.1", tinyLeaves, tinyRects, ""),
	}
	for name, x := range tests {
		if _, err := parseCascade([]byte(x)); !errors.Is(err, errCascade) {
			t.Errorf("%s: err = %v, want errCascade", name, err)
		}
	}
}

// TestClassify: a feature's value is divided by the window's area times
// its standard deviation before the threshold (OpenCV's variance
// normalisation), so the same edge passes at any contrast, and a nearly
// uniform window is rejected before any stage.
func TestClassify(t *testing.T) {
	c, err := parseCascade([]byte(tinyCascade(tinyNodes, tinyLeaves, tinyRects, "")))
	if err != nil {
		t.Fatal(err)
	}
	window := func(left, right uint8) *gray {
		g := &gray{pix: make([]uint8, 16), w: 4, h: 4}
		for i := range g.pix {
			g.pix[i] = left
			if i%4 >= 2 {
				g.pix[i] = right
			}
		}
		return g
	}
	tests := []struct {
		name        string
		left, right uint8
		want        int
	}{
		{"dark left, strong", 20, 220, 1},
		{"dark left, faint", 100, 130, 1},
		{"bright left", 220, 20, 0},
		{"uniform", 120, 120, 0},
		{"under 10 grey levels of deviation", 120, 135, 0},
	}
	for _, tt := range tests {
		g := window(tt.left, tt.right)
		var l level
		l.build(g, integral(g.pix, g.w, g.h), g.w, g.h)
		opt := make([]optNode, len(c.nodes))
		norm := c.layout(opt, g.w+1)
		if got := c.classify(&l, opt, norm, 0); got != tt.want {
			t.Errorf("%s: classify = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestGroupRects(t *testing.T) {
	jitter := func(b box, n int) []box {
		var out []box
		for i := 0; i < n; i++ {
			out = append(out, box{b.x + i%3 - 1, b.y + i%2, b.w + i%3, b.h + i%3})
		}
		return out
	}
	face, other := box{100, 100, 60, 60}, box{300, 50, 40, 40}
	eye := box{110, 110, 20, 20}
	tests := []struct {
		name      string
		raw       []box
		min       int
		want      []box
		wantVotes []int
	}{
		{"one face", jitter(face, 6), 3, []box{{100, 100, 61, 61}}, []int{6}},
		{"too few windows", jitter(face, 3), 3, nil, nil},
		{"two faces", append(jitter(face, 6), jitter(other, 5)...), 3, []box{{100, 100, 61, 61}, {300, 50, 41, 41}}, []int{6, 5}},
		{"eye inside a face with more votes", append(jitter(face, 8), jitter(eye, 4)...), 3, []box{{100, 100, 61, 61}}, []int{8}},
		{"chained windows are one group", []box{{0, 0, 50, 50}, {8, 0, 50, 50}, {16, 0, 50, 50}, {24, 0, 50, 50}}, 3, []box{{12, 0, 50, 50}}, []int{4}},
	}
	for _, tt := range tests {
		got, votes := groupRects(tt.raw, tt.min)
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(box{})); diff != "" {
			t.Errorf("%s: groups (-want +got):\n%s", tt.name, diff)
		}
		if diff := cmp.Diff(tt.wantVotes, votes); diff != "" {
			t.Errorf("%s: votes (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestConfirmed: the confirming cascades agree on the astronaut's face and not
// on text or noise the size of a face.
func TestConfirmed(t *testing.T) {
	d := MustNew()
	astro, _ := grayScaled(readPhoto(t, "astronaut.jpg"), DefaultMaxSide)
	raw, err := d.models.find.detect(context.Background(), astro, minFace, astro.w)
	if err != nil {
		t.Fatal(err)
	}
	faces, _ := groupRects(raw, DefaultMinNeighbors)
	if len(faces) == 0 {
		t.Fatal("no face in the astronaut")
	}
	if ok, err := d.confirmed(context.Background(), astro, faces[0]); !ok || err != nil {
		t.Errorf("astronaut's face %+v: confirmed = %v, %v", faces[0], ok, err)
	}
	text, _ := grayScaled(textImage(400, 300), DefaultMaxSide)
	nz, _ := grayScaled(noise(400, 300), DefaultMaxSide)
	for name, g := range map[string]*gray{"text": text, "noise": nz} {
		for _, b := range []box{{50, 50, 60, 60}, {200, 100, 90, 90}} {
			if ok, err := d.confirmed(context.Background(), g, b); ok || err != nil {
				t.Errorf("%s %+v: confirmed = %v, %v", name, b, ok, err)
			}
		}
	}
}

// TestBundledModels: every model file shipped in the binary is an
// unchanged OpenCV cascade whose licence and checksum model/LICENSE
// records and README.md's "Bundled models and their licences" names, and
// nothing pico-derived (esimov/pigo's facefinder) is left in the module.
func TestBundledModels(t *testing.T) {
	lic, err := os.ReadFile(filepath.Join("model", "LICENSE"))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	section := regexp.MustCompile(`(?s)\n## Bundled models and their licences\n(.*?)(\n## |$)`).FindSubmatch(readme)
	if section == nil {
		t.Fatal(`README.md has no "## Bundled models and their licences" section`)
	}
	models, _ := filepath.Glob(filepath.Join("model", "*"))
	n := 0
	for _, m := range models {
		name := filepath.Base(m)
		if name == "LICENSE" {
			continue
		}
		n++
		b, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if !regexp.MustCompile(regexp.QuoteMeta(name) + `\s+sha256 ` + hex.EncodeToString(sum[:])).Match(lic) {
			t.Errorf("model/LICENSE does not record %s with its sha256", name)
		}
		if !strings.Contains(string(b), "Intel License Agreement") {
			t.Errorf("%s lacks its licence header", name)
		}
		if !strings.Contains(string(section[1]), name) {
			t.Errorf("README's bundled models section does not name %s", name)
		}
	}
	if n == 0 {
		t.Error("no model in model/")
	}
	gomod, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(gomod), "esimov/pigo") {
		t.Error("go.mod still requires esimov/pigo, whose facefinder cascade is pico's")
	}
	if _, err := os.Stat("facefinder"); err == nil {
		t.Error("the facefinder cascade is still in the package")
	}
}
