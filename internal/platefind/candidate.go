package platefind

import (
	"image"
	"math"
)

// minRowChars and maxRowChars bound a plate's serial: 4 (short vanity plates) to 9 characters.
const (
	minRowChars = 4
	maxRowChars = 9
)

// candidate is a row of characters with the plate grown around it, and what was measured on it.
type candidate struct {
	row                      row
	axis                     line
	h                        float64 // median character height, working pixels
	fr                       frame
	chars                    rect            // the characters' extent in the frame
	charBox                  image.Rectangle // the characters' extent, working pixels
	plate                    rect            // the plate's extent in the frame
	top, bottom, left, right side
	box                      image.Rectangle
	plateGrey                float64 // the plate's grey between the characters
	score                    float64
	f                        features
}

// features are the measurements a candidate is scored on.
type features struct {
	n         int
	heightCV  float64 // spread of character heights / mean
	resid     float64 // RMS distance of centres from the axis, in heights
	groupGaps int     // gaps between groups of characters (a space or a dash)
	fill      float64 // median share of a character's box that is ink
	variety   float64 // how different neighbouring characters' shapes are (0 = identical)
	aspect    float64 // median width / height
	contrast  float64 // grey levels between ink and plate
	plain     float64 // share of the plate around the characters close to the plate's grey
	edges     int     // plate edges found (0..4)
	plateAsp  float64 // plate width / height
	charShare float64 // character height / plate height
	angle     float64 // degrees
	bigger    bool    // a taller row lies just above or below: this is a plate's small print
	stacked   int     // rows of similar height just above or below: a block of text
}

// measure fits the row's axis, grows the plate around it and measures it.
func measure(g *grey, mask []bool, r row) candidate {
	c := candidate{row: r, axis: fitLine(r.chars), h: medianHeight(r.chars)}
	x0 := float64(r.chars[0].box.Min.X)
	c.fr = rowFrame(c.axis, x0)
	c.chars = rect{u0: math.Inf(1), v0: math.Inf(1), u1: math.Inf(-1), v1: math.Inf(-1)}
	for _, ch := range r.chars {
		c.charBox = c.charBox.Union(ch.box)
		for _, p := range [4][2]int{
			{ch.box.Min.X, ch.box.Min.Y}, {ch.box.Max.X, ch.box.Min.Y},
			{ch.box.Min.X, ch.box.Max.Y}, {ch.box.Max.X, ch.box.Max.Y}} {
			u, v := c.fr.toUV(float64(p[0]), float64(p[1]))
			c.chars.u0, c.chars.u1 = min(c.chars.u0, u), max(c.chars.u1, u)
			c.chars.v0, c.chars.v1 = min(c.chars.v0, v), max(c.chars.v1, v)
		}
	}
	c.measureRow()
	c.f.variety = variety(g, mask, r.chars)
	c.measureTone(g, mask)
	c.growPlate(g)
	c.measurePlate(g)
	return c
}

// measureRow measures the characters' regularity.
func (c *candidate) measureRow() {
	cs := c.row.chars
	c.f.n = len(cs)
	var hs, ws, gaps []float64
	var sum, sq, res float64
	for i, ch := range cs {
		h := float64(ch.h())
		hs = append(hs, h)
		ws = append(ws, float64(ch.w())/h)
		sum += h
		sq += h * h
		d := (ch.cy() - c.axis.y(ch.cx())) / c.h
		res += d * d
		if i > 0 {
			gaps = append(gaps, math.Max(0, float64(ch.box.Min.X-cs[i-1].box.Max.X)))
		}
	}
	n := float64(len(cs))
	mean := sum / n
	c.f.heightCV = math.Sqrt(math.Max(0, sq/n-mean*mean)) / mean
	c.f.resid = math.Sqrt(res / n)
	c.f.aspect = median(ws)
	// A group gap is much wider than the usual gap between characters.
	mg := median(gaps)
	for _, gp := range gaps {
		if gp > math.Max(0.5*c.h, 2.5*mg) {
			c.f.groupGaps++
		}
	}
	var fills []float64
	for _, ch := range cs {
		fills = append(fills, float64(ch.area)/float64(ch.w()*ch.h()))
	}
	c.f.fill = median(fills)
	c.f.angle = math.Atan(c.axis.b) * 180 / math.Pi
}

// measureTone finds the grey of the ink and of the plate between the characters.
func (c *candidate) measureTone(g *grey, mask []bool) {
	var inkLevels []float64
	box := image.Rectangle{}
	for _, ch := range c.row.chars {
		inkLevels = append(inkLevels, float64(ch.inkSum)/float64(ch.area))
		box = box.Union(ch.box)
	}
	var bg []float64
	for y := box.Min.Y; y < box.Max.Y; y += 2 {
		for x := box.Min.X; x < box.Max.X; x += 2 {
			if !mask[y*g.w+x] {
				bg = append(bg, float64(g.pix[y*g.w+x]))
			}
		}
	}
	c.plateGrey = median(bg)
	c.f.contrast = math.Abs(c.plateGrey - median(inkLevels))
}

// measurePlate measures the plate grown around the characters.
func (c *candidate) measurePlate(g *grey) {
	p, ch := c.plate, c.chars
	for _, s := range []side{c.top, c.bottom, c.left, c.right} {
		if s.found {
			c.f.edges++
		}
	}
	c.f.plateAsp = (p.u1 - p.u0) / (p.v1 - p.v0)
	c.f.charShare = (ch.v1 - ch.v0) / (p.v1 - p.v0)
	// Plainness: sample the plate outside the characters' band.
	tol := math.Max(12, 0.35*c.f.contrast)
	var near, all int
	for v := p.v0 + 1; v < p.v1-1; v += 1.5 {
		if v >= ch.v0 && v <= ch.v1 {
			continue
		}
		for u := p.u0 + 1; u < p.u1-1; u += 1.5 {
			x, y := c.fr.toXY(u, v)
			if !g.inside(x, y) {
				continue
			}
			all++
			if math.Abs(g.bilinear(x, y)-c.plateGrey) <= tol {
				near++
			}
		}
	}
	if all > 0 {
		c.f.plain = float64(near) / float64(all)
	}
}

// variety is the median difference between neighbouring characters' shapes, each shape being
// the ink density of its box's 3×3 cells. Letters and digits differ from their neighbours; the
// bars of a fence or a grille, a kerb's stripes and a radiator's slots do not.
func variety(g *grey, mask []bool, cs []blob) float64 {
	grids := make([][9]float64, len(cs))
	for i, c := range cs {
		var ink, all [9]int
		b := c.box
		for y := b.Min.Y; y < b.Max.Y; y++ {
			cy := 3 * (y - b.Min.Y) / b.Dy()
			for x := b.Min.X; x < b.Max.X; x++ {
				k := cy*3 + 3*(x-b.Min.X)/b.Dx()
				all[k]++
				if mask[y*g.w+x] {
					ink[k]++
				}
			}
		}
		for k := range ink {
			grids[i][k] = float64(ink[k]) / float64(max(all[k], 1))
		}
	}
	var diffs []float64
	for i := 1; i < len(grids); i++ {
		d := 0.0
		for k := range grids[i] {
			d += math.Abs(grids[i][k] - grids[i-1][k])
		}
		diffs = append(diffs, d/9)
	}
	return median(diffs)
}
