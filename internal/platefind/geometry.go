package platefind

import (
	"image"
	"math"
	"sort"
)

// line is a row's axis: the least-squares line through its characters' centres, y = a + b·x.
type line struct{ a, b float64 }

func (l line) y(x float64) float64 { return l.a + l.b*x }

// fitLine fits the row's axis through its characters' centres.
func fitLine(cs []blob) line {
	var sx, sy, sxx, sxy float64
	n := float64(len(cs))
	for _, c := range cs {
		x, y := c.cx(), c.cy()
		sx += x
		sy += y
		sxx += x * x
		sxy += x * y
	}
	den := n*sxx - sx*sx
	if den == 0 {
		return line{a: sy / n}
	}
	b := (n*sxy - sx*sy) / den
	return line{a: (sy - b*sx) / n, b: b}
}

// medianHeight is the median of the characters' box heights.
func medianHeight(cs []blob) float64 {
	hs := make([]float64, len(cs))
	for i, c := range cs {
		hs[i] = float64(c.h())
	}
	return median(hs)
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// frame is a rectangle rotated to a row's axis: origin at the axis point above the row's
// first character, u along the axis, v across it (down), in working pixels.
type frame struct {
	ox, oy   float64 // origin
	cos, sin float64 // axis direction
}

func rowFrame(l line, x0 float64) frame {
	ang := math.Atan(l.b)
	return frame{ox: x0, oy: l.y(x0), cos: math.Cos(ang), sin: math.Sin(ang)}
}

// toXY turns frame coordinates into working pixels.
func (f frame) toXY(u, v float64) (x, y float64) {
	return f.ox + u*f.cos - v*f.sin, f.oy + u*f.sin + v*f.cos
}

// toUV turns working pixels into frame coordinates.
func (f frame) toUV(x, y float64) (u, v float64) {
	dx, dy := x-f.ox, y-f.oy
	return dx*f.cos + dy*f.sin, -dx*f.sin + dy*f.cos
}

// rect is an axis-aligned rectangle in a frame's (u, v) coordinates.
type rect struct{ u0, v0, u1, v1 float64 }

// bounds is the axis-aligned box, in photo pixels, around rect r of frame f in a working copy
// that is scale times the photo's size.
func (f frame) bounds(r rect, scale float64, photo image.Rectangle) image.Rectangle {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, c := range [4][2]float64{{r.u0, r.v0}, {r.u1, r.v0}, {r.u0, r.v1}, {r.u1, r.v1}} {
		x, y := f.toXY(c[0], c[1])
		minX, maxX = math.Min(minX, x), math.Max(maxX, x)
		minY, maxY = math.Min(minY, y), math.Max(maxY, y)
	}
	b := image.Rect(int(math.Floor(minX/scale)), int(math.Floor(minY/scale)),
		int(math.Ceil(maxX/scale)), int(math.Ceil(maxY/scale)))
	return b.Add(photo.Min).Intersect(photo)
}
