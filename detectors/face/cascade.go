package face

import (
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// cascade is a boosted cascade of Haar-feature trees in the form
// OpenCV's CascadeClassifier evaluates it (modules/objdetect,
// cascadedetect.cpp): a window passes a stage when the sum of its trees'
// leaves reaches the stage threshold, and is a face when it passes every
// stage. It is built once and never changed, so any number of scans may
// share it.
type cascade struct {
	w, h     int // window size in pixels
	stages   []stage
	trees    []tree
	nodes    []node    // of all trees, tree by tree
	leaves   []float32 // of all trees, tree by tree
	features []feature
}

// stage is trees[first:first+n]; a window passes when the sum of their
// leaves reaches threshold.
type stage struct {
	threshold float32
	first, n  int
}

// tree is one weak classifier: its root is nodes[node], its leaves start
// at leaves[leaf]. A node's child > 0 is the tree's node of that index,
// one <= 0 is its leaf -child (OpenCV's encoding).
type tree struct {
	node, leaf int
}

type node struct {
	feature     int
	threshold   float32
	left, right int
}

// feature is a Haar feature: up to three weighted rectangles of the
// window. Values are compared with thresholds after division by the
// window's standard deviation times the area, as OpenCV does.
type feature struct {
	rects [3]rect
	n     int
}

type rect struct {
	x, y, w, h int
	weight     float32
}

// errCascade: the cascade XML is not one this evaluator reads.
var errCascade = errors.New("face: cascade")

// The OpenCV "opencv-cascade-classifier" storage format, as written by
// opencv_traincascade and by OpenCV's conversion of the old Haar files.
type xmlStorage struct {
	Cascade struct {
		StageType   string `xml:"stageType"`
		FeatureType string `xml:"featureType"`
		Height      int    `xml:"height"`
		Width       int    `xml:"width"`
		StageNum    int    `xml:"stageNum"`
		Stages      []struct {
			Threshold string `xml:"stageThreshold"`
			Weak      []struct {
				Nodes  string `xml:"internalNodes"`
				Leaves string `xml:"leafValues"`
			} `xml:"weakClassifiers>_"`
		} `xml:"stages>_"`
		Features []struct {
			Rects  []string `xml:"rects>_"`
			Tilted int      `xml:"tilted"`
		} `xml:"features>_"`
	} `xml:"cascade"`
}

// maxWindow bounds the window side a cascade may declare: face cascades
// use 20 to 45 pixels, and the scan's per-window work grows with it.
const maxWindow = 64

// parseCascade reads an OpenCV Haar cascade (BOOST stages, HAAR features,
// upright rectangles; tilted features are refused). Every index and
// rectangle is checked so that evaluation can never read outside the
// window or loop.
func parseCascade(data []byte) (*cascade, error) {
	var s xmlStorage
	if err := xml.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("%w: %v", errCascade, err)
	}
	x := s.Cascade
	if x.StageType != "BOOST" || x.FeatureType != "HAAR" {
		return nil, fmt.Errorf("%w: stage type %q, feature type %q: want BOOST, HAAR", errCascade, x.StageType, x.FeatureType)
	}
	if x.Width < 3 || x.Height < 3 || x.Width > maxWindow || x.Height > maxWindow {
		return nil, fmt.Errorf("%w: window %dx%d", errCascade, x.Width, x.Height)
	}
	if len(x.Stages) == 0 || len(x.Stages) != x.StageNum {
		return nil, fmt.Errorf("%w: %d stages, header says %d", errCascade, len(x.Stages), x.StageNum)
	}
	c := &cascade{w: x.Width, h: x.Height}
	for i, xf := range x.Features {
		if xf.Tilted != 0 {
			return nil, fmt.Errorf("%w: feature %d is tilted", errCascade, i)
		}
		if len(xf.Rects) == 0 || len(xf.Rects) > 3 {
			return nil, fmt.Errorf("%w: feature %d has %d rectangles", errCascade, i, len(xf.Rects))
		}
		var f feature
		for j, r := range xf.Rects {
			v, err := floats(r, 5)
			if err != nil {
				return nil, fmt.Errorf("%w: feature %d rectangle %d: %v", errCascade, i, j, err)
			}
			fr := rect{x: int(v[0]), y: int(v[1]), w: int(v[2]), h: int(v[3]), weight: float32(v[4])}
			if float64(fr.x) != v[0] || float64(fr.y) != v[1] || float64(fr.w) != v[2] || float64(fr.h) != v[3] ||
				fr.x < 0 || fr.y < 0 || fr.w <= 0 || fr.h <= 0 || fr.x+fr.w > c.w || fr.y+fr.h > c.h {
				return nil, fmt.Errorf("%w: feature %d rectangle %d outside the %dx%d window", errCascade, i, j, c.w, c.h)
			}
			f.rects[j] = fr
		}
		f.n = len(xf.Rects)
		c.features = append(c.features, f)
	}
	for i, xs := range x.Stages {
		th, err := floats(xs.Threshold, 1)
		if err != nil {
			return nil, fmt.Errorf("%w: stage %d threshold: %v", errCascade, i, err)
		}
		if len(xs.Weak) == 0 {
			return nil, fmt.Errorf("%w: stage %d has no trees", errCascade, i)
		}
		c.stages = append(c.stages, stage{threshold: float32(th[0]), first: len(c.trees), n: len(xs.Weak)})
		for j, xw := range xs.Weak {
			nodes, leaves, err := parseTree(xw.Nodes, xw.Leaves, len(c.features))
			if err != nil {
				return nil, fmt.Errorf("%w: stage %d tree %d: %v", errCascade, i, j, err)
			}
			c.trees = append(c.trees, tree{node: len(c.nodes), leaf: len(c.leaves)})
			c.nodes = append(c.nodes, nodes...)
			c.leaves = append(c.leaves, leaves...)
		}
	}
	return c, nil
}

// parseTree reads a tree's internalNodes (left right feature threshold,
// per node) and leafValues. A child that is a node must come after its
// parent, so that walking the tree always ends.
func parseTree(nodes, leaves string, nfeatures int) ([]node, []float32, error) {
	nv, err := floats(nodes, -1)
	if err != nil {
		return nil, nil, err
	}
	if len(nv) == 0 || len(nv)%4 != 0 {
		return nil, nil, fmt.Errorf("%d node values, want a multiple of 4", len(nv))
	}
	n := len(nv) / 4
	lv, err := floats(leaves, n+1)
	if err != nil {
		return nil, nil, fmt.Errorf("leaves: %v", err)
	}
	ls := make([]float32, len(lv))
	for i, v := range lv {
		ls[i] = float32(v)
	}
	ns := make([]node, n)
	for i := range ns {
		v := nv[4*i : 4*i+4]
		nd := node{left: int(v[0]), right: int(v[1]), feature: int(v[2]), threshold: float32(v[3])}
		if float64(nd.left) != v[0] || float64(nd.right) != v[1] || float64(nd.feature) != v[2] {
			return nil, nil, fmt.Errorf("node %d: non-integer index", i)
		}
		if nd.feature < 0 || nd.feature >= nfeatures {
			return nil, nil, fmt.Errorf("node %d: feature %d of %d", i, nd.feature, nfeatures)
		}
		for _, child := range []int{nd.left, nd.right} {
			if child > 0 && (child <= i || child >= n) || child <= 0 && -child > n {
				return nil, nil, fmt.Errorf("node %d: child %d out of range", i, child)
			}
		}
		ns[i] = nd
	}
	return ns, ls, nil
}

// floats parses whitespace-separated numbers, want of them (any number
// when want < 0), all finite.
func floats(s string, want int) ([]float64, error) {
	fs := strings.Fields(s)
	if want >= 0 && len(fs) != want {
		return nil, fmt.Errorf("%d numbers, want %d", len(fs), want)
	}
	out := make([]float64, len(fs))
	for i, f := range fs {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return nil, fmt.Errorf("bad number %q", f)
		}
		out[i] = v
	}
	return out, nil
}
