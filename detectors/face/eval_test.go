package face

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// evalDir names a folder with faces/ (pictures showing at least one human
// face) and nonfaces/ (pictures showing none) to measure the detector on
// more pictures than testdata/ holds; such sets are not committed (their
// licences vary). The figures quoted in doc.go were measured with
//
//	go test ./detectors/face -run TestEval -v -face-eval DIR
var evalDir = flag.String("face-eval", "", "folder with faces/ and nonfaces/ pictures to measure recall and precision on")

// TestEval reports, per set, the detector's picture-level recall (face
// pictures with a face found) and precision (pictures with a face found
// that show one), and the time per picture.
func TestEval(t *testing.T) {
	d := MustNew()
	var repo []evalImage
	for _, c := range faceCases(t) {
		repo = append(repo, evalImage{c.name, c.data, c.faces > 0})
	}
	sets := []struct {
		name string
		imgs []evalImage
	}{{"testdata", repo}}
	if *evalDir != "" {
		var ext []evalImage
		for _, sub := range []string{"faces", "nonfaces"} {
			names, err := filepath.Glob(filepath.Join(*evalDir, sub, "*"))
			if err != nil {
				t.Fatal(err)
			}
			sort.Strings(names)
			for _, n := range names {
				b, err := os.ReadFile(n)
				if err != nil {
					t.Fatal(err)
				}
				ext = append(ext, evalImage{sub + "/" + filepath.Base(n), b, sub == "faces"})
			}
		}
		sets = append(sets, struct {
			name string
			imgs []evalImage
		}{*evalDir, ext})
	}
	for _, s := range sets {
		var tp, fn, fp, tn, found, errs int
		start := time.Now()
		for _, im := range s.imgs {
			faces, err := d.Faces(context.Background(), im.data)
			if err != nil {
				errs++
			}
			found += len(faces)
			switch {
			case im.face && len(faces) > 0:
				tp++
			case im.face:
				fn++
				t.Logf("%s: missed", im.name)
			case len(faces) > 0:
				fp++
				t.Logf("%s: %d false faces %+v", im.name, len(faces), faces)
			default:
				tn++
			}
		}
		per := time.Since(start) / time.Duration(max(1, len(s.imgs)))
		t.Logf("%s: %d pictures (%d with faces): recall %d/%d = %.3f, precision %d/%d = %.3f, %d faces reported, %d undecodable, %v a picture",
			s.name, len(s.imgs), tp+fn, tp, tp+fn, ratio(tp, tp+fn), tp, tp+fp, ratio(tp, tp+fp), found, errs, per.Round(10*time.Microsecond))
	}
}

type evalImage struct {
	name string
	data []byte
	face bool
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
