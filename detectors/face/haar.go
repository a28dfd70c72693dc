package face

import (
	"context"
	"math"
)

// box is a rectangle in pixels of the scanned picture.
type box struct{ x, y, w, h int }

// maxRaw bounds the windows a scan keeps before grouping: grouping
// compares every pair, and a photo's faces give a few hundred at most.
const maxRaw = 4096

// detect runs the cascade over g at every window size from minSize to the
// picture's shorter side, growing by scaleStep, and returns the windows
// that pass every stage. Like OpenCV's detectMultiScale the window stays
// at the cascade's size and the picture shrinks: each level is an area
// average of g, with its integral and squared integral for the Haar sums
// and the window's variance. ctx is checked between levels. maxSize
// bounds the window size (0: none).
func (c *cascade) detect(ctx context.Context, g *gray, minSize, maxSize int) ([]box, error) {
	base := integral(g.pix, g.w, g.h)
	var raw []box
	var lv level
	opt := make([]optNode, len(c.nodes))
	f := max(1, float64(minSize)/float64(c.w))
	for ; ; f *= scaleStep {
		lw, lh := int(math.Round(float64(g.w)/f)), int(math.Round(float64(g.h)/f))
		if lw <= c.w || lh <= c.h || float64(c.w)*f > float64(maxSize) {
			break
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		lv.build(g, base, lw, lh)
		fx, fy := float64(g.w)/float64(lw), float64(g.h)/float64(lh)
		// OpenCV's step: every other window while a level pixel is at
		// most two picture pixels, every window beyond.
		step := 2
		if f > 2 {
			step = 1
		}
		norm := c.layout(opt, lw+1)
		ww, wh := int(math.Round(float64(c.w)*fx)), int(math.Round(float64(c.h)*fy))
		for y := 0; y+c.h <= lh; y += step {
			for x := 0; x+c.w <= lw; x += step {
				r := c.classify(&lv, opt, norm, int32(y*(lw+1)+x))
				if r > 0 {
					if len(raw) < maxRaw {
						raw = append(raw, box{int(math.Round(float64(x) * fx)), int(math.Round(float64(y) * fy)), ww, wh})
					}
				} else if r == 0 {
					x += step // rejected by the first stage: its neighbour likely is too
				}
			}
		}
	}
	return raw, nil
}

// scaleStep is the ratio of successive window sizes (OpenCV's usual
// scaleFactor).
const scaleStep = 1.1

// level is one picture size of the scan: integral images with a row of
// stride w+1 and a zero first row and column.
type level struct {
	pix []uint8
	sum []int32  // ≤ 640·640·255, fits
	sq  []uint32 // wraps on big pictures; window sums (≤ 64·64·255²) stay exact
}

// build makes the lw×lh level of g: each pixel the mean of the g pixels it
// covers, from g's integral base.
func (l *level) build(g *gray, base []int32, lw, lh int) {
	l.pix = grow(l.pix, lw*lh)
	bs := g.w + 1
	x0, x1 := spans(lw, g.w, float64(g.w)/float64(lw))
	y0, y1 := spans(lh, g.h, float64(g.h)/float64(lh))
	for y := 0; y < lh; y++ {
		for x := 0; x < lw; x++ {
			s := base[y1[y]*bs+x1[x]] - base[y0[y]*bs+x1[x]] - base[y1[y]*bs+x0[x]] + base[y0[y]*bs+x0[x]]
			l.pix[y*lw+x] = uint8(int(s) / ((y1[y] - y0[y]) * (x1[x] - x0[x])))
		}
	}
	n := (lw + 1) * (lh + 1)
	l.sum, l.sq = grow(l.sum, n), grow(l.sq, n)
	s := lw + 1
	clear(l.sum[:s])
	clear(l.sq[:s])
	for y := 0; y < lh; y++ {
		var rs int32
		var rq uint32
		l.sum[(y+1)*s], l.sq[(y+1)*s] = 0, 0
		for x := 0; x < lw; x++ {
			v := l.pix[y*lw+x]
			rs += int32(v)
			rq += uint32(v) * uint32(v)
			l.sum[(y+1)*s+x+1] = l.sum[y*s+x+1] + rs
			l.sq[(y+1)*s+x+1] = l.sq[y*s+x+1] + rq
		}
	}
}

func grow[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}

// integral returns the summed-area table of a w×h picture, stride w+1.
func integral(pix []uint8, w, h int) []int32 {
	s := w + 1
	t := make([]int32, s*(h+1))
	for y := 0; y < h; y++ {
		var rs int32
		for x := 0; x < w; x++ {
			rs += int32(pix[y*w+x])
			t[(y+1)*s+x+1] = t[y*s+x+1] + rs
		}
	}
	return t
}

// optNode is a tree node laid out for one level: its feature's
// rectangles as offsets into the level's integral (top-left, top-right,
// bottom-left, bottom-right) from the window's top-left corner, so that
// the inner loop reads one struct per node.
type optNode struct {
	ofs         [3][4]int32
	weight      [3]float32
	threshold   float32
	left, right int32
}

// layout fills opt with the cascade's nodes for integrals of the given
// stride, and returns the offsets of the window's inner rectangle
// (OpenCV's normrect), whose variance normalises the features.
func (c *cascade) layout(opt []optNode, stride int) [4]int32 {
	corners := func(r rect) [4]int32 {
		return [4]int32{int32(r.y*stride + r.x), int32(r.y*stride + r.x + r.w), int32((r.y+r.h)*stride + r.x), int32((r.y+r.h)*stride + r.x + r.w)}
	}
	for i, nd := range c.nodes {
		f := &c.features[nd.feature]
		o := optNode{threshold: nd.threshold, left: int32(nd.left), right: int32(nd.right)}
		for j := 0; j < f.n; j++ {
			o.ofs[j] = corners(f.rects[j])
			o.weight[j] = f.rects[j].weight
		}
		opt[i] = o // a missing third rectangle has weight 0 and offsets 0
	}
	return corners(rect{x: 1, y: 1, w: c.w - 2, h: c.h - 2})
}

// classify runs the cascade on the window whose top-left corner is at
// integral offset p: 1 when every stage passes, else minus the index of
// the stage that rejected it (so 0 for the first stage). A window of
// nearly uniform grey (standard deviation under 10 grey levels) is
// rejected before any stage, as OpenCV does.
func (c *cascade) classify(l *level, opt []optNode, norm [4]int32, p int32) int {
	area := float64((c.w - 2) * (c.h - 2))
	vs := l.sum[p+norm[3]] - l.sum[p+norm[1]] - l.sum[p+norm[2]] + l.sum[p+norm[0]]
	vq := l.sq[p+norm[3]] - l.sq[p+norm[1]] - l.sq[p+norm[2]] + l.sq[p+norm[0]]
	nf := area*float64(vq) - float64(vs)*float64(vs)
	if nf <= 0 {
		return 0
	}
	nf = math.Sqrt(nf) // area × standard deviation
	if area/nf >= 0.1 {
		return 0
	}
	inv := float32(1 / nf)
	sum := l.sum
	for si := range c.stages {
		st := c.stages[si]
		var s float32
		for _, t := range c.trees[st.first : st.first+st.n] {
			nodes := opt[t.node:]
			idx := int32(0)
			for {
				nd := &nodes[idx]
				v := nd.weight[0]*float32(sum[p+nd.ofs[0][3]]-sum[p+nd.ofs[0][1]]-sum[p+nd.ofs[0][2]]+sum[p+nd.ofs[0][0]]) +
					nd.weight[1]*float32(sum[p+nd.ofs[1][3]]-sum[p+nd.ofs[1][1]]-sum[p+nd.ofs[1][2]]+sum[p+nd.ofs[1][0]])
				if nd.weight[2] != 0 {
					v += nd.weight[2] * float32(sum[p+nd.ofs[2][3]]-sum[p+nd.ofs[2][1]]-sum[p+nd.ofs[2][2]]+sum[p+nd.ofs[2][0]])
				}
				if v*inv < nd.threshold {
					idx = nd.left
				} else {
					idx = nd.right
				}
				if idx <= 0 {
					break
				}
			}
			s += c.leaves[t.leaf-int(idx)]
		}
		if s < st.threshold {
			return -si
		}
	}
	return 1
}

// groupRects merges overlapping windows as OpenCV's groupRectangles does
// with eps 0.2: windows are partitioned into classes of similar ones (the
// transitive closure of "corners within eps of the smaller size"), each
// class becomes its average rectangle (rounded half to even, as cvRound)
// with the class size as its
// neighbour count, classes of minNeighbors or fewer windows are dropped,
// and so is a class lying inside a bigger-voted one (a face's eye
// detected as a small face).
func groupRects(raw []box, minNeighbors int) ([]box, []int) {
	const eps = 0.2
	labels := partition(raw, func(a, b box) bool {
		d := eps * float64(min(a.w, b.w)+min(a.h, b.h)) * 0.5
		return math.Abs(float64(a.x-b.x)) <= d && math.Abs(float64(a.y-b.y)) <= d &&
			math.Abs(float64(a.x+a.w-b.x-b.w)) <= d && math.Abs(float64(a.y+a.h-b.y-b.h)) <= d
	})
	ncls := 0
	for _, l := range labels {
		ncls = max(ncls, l+1)
	}
	sums := make([]box, ncls)
	counts := make([]int, ncls)
	for i, l := range labels {
		sums[l].x += raw[i].x
		sums[l].y += raw[i].y
		sums[l].w += raw[i].w
		sums[l].h += raw[i].h
		counts[l]++
	}
	avg := make([]box, ncls)
	for i, s := range sums {
		n := float64(counts[i])
		avg[i] = box{int(math.RoundToEven(float64(s.x) / n)), int(math.RoundToEven(float64(s.y) / n)), int(math.RoundToEven(float64(s.w) / n)), int(math.RoundToEven(float64(s.h) / n))}
	}
	var out []box
	var weights []int
	for i, r1 := range avg {
		n1 := counts[i]
		if n1 <= minNeighbors {
			continue
		}
		inside := false
		for j, r2 := range avg {
			n2 := counts[j]
			if j == i || n2 <= minNeighbors {
				continue
			}
			dx, dy := int(math.RoundToEven(float64(r2.w)*eps)), int(math.RoundToEven(float64(r2.h)*eps))
			if r1.x >= r2.x-dx && r1.y >= r2.y-dy && r1.x+r1.w <= r2.x+r2.w+dx && r1.y+r1.h <= r2.y+r2.h+dy &&
				(n2 > max(3, n1) || n1 < 3) {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, r1)
			weights = append(weights, n1)
		}
	}
	return out, weights
}

// partition labels items 0..k-1 by the equivalence classes of the
// transitive closure of same (union-find, as OpenCV's partition).
func partition(items []box, same func(a, b box) bool) []int {
	parent := make([]int, len(items))
	for i := range parent {
		parent[i] = i
	}
	root := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range items {
		for j := i + 1; j < len(items); j++ {
			if same(items[i], items[j]) {
				if ri, rj := root(i), root(j); ri != rj {
					parent[rj] = ri
				}
			}
		}
	}
	labels := make([]int, len(items))
	ids := map[int]int{}
	for i := range items {
		r := root(i)
		id, ok := ids[r]
		if !ok {
			id = len(ids)
			ids[r] = id
		}
		labels[i] = id
	}
	return labels
}
