package synth

import (
	"image"
	"image/color"
	"math"

	"golang.org/x/image/vector"
)

// canvas fills anti-aliased shapes on an RGBA image with a paint that may vary per pixel
// (gradients), which the vector package's own Draw only does on a slow generic path. A path is
// rasterized into a coverage mask the size of its bounding box, then painted through that mask.
type canvas struct {
	dst  *image.RGBA
	z    vector.Rasterizer
	mask []byte // coverage buffer, reused between shapes

	// The path being built, in destination coordinates, and its bounding box.
	pts    [][2]float64
	starts []int // index in pts where each subpath starts
	minX   float64
	minY   float64
	maxX   float64
	maxY   float64
}

func newCanvas(dst *image.RGBA) *canvas { return &canvas{dst: dst} }

// paint gives the colour at a pixel; its alpha is the paint's opacity (colour not premultiplied).
type paint func(x, y int) color.RGBA

func solid(c color.RGBA) paint { return func(int, int) color.RGBA { return c } }

// vgrad runs from c0 at y0 to c1 at y1, constant beyond.
func vgrad(y0, y1 float64, c0, c1 color.RGBA) paint {
	// Shapes are painted row by row: remember the row's colour.
	lastY, last := math.MinInt, color.RGBA{}
	return func(_, y int) color.RGBA {
		if y != lastY {
			lastY, last = y, mix(c0, c1, (float64(y)+0.5-y0)/(y1-y0))
		}
		return last
	}
}

// hgrad runs from c0 at x0 to c1 at x1, constant beyond.
func hgrad(x0, x1 float64, c0, c1 color.RGBA) paint {
	return func(x, _ int) color.RGBA { return mix(c0, c1, (float64(x)+0.5-x0)/(x1-x0)) }
}

// radial runs from c0 at (cx, cy) to c1 on the ellipse of radii rx, ry and beyond.
func radial(cx, cy, rx, ry float64, c0, c1 color.RGBA) paint {
	return func(x, y int) color.RGBA {
		dx, dy := (float64(x)+0.5-cx)/rx, (float64(y)+0.5-cy)/ry
		return mix(c0, c1, math.Sqrt(dx*dx+dy*dy))
	}
}

// mix interpolates a to b by t clamped to 0..1, alpha included.
func mix(a, b color.RGBA, t float64) color.RGBA {
	t = clamp01(t)
	l := func(p, q uint8) uint8 { return uint8(float64(p) + (float64(q)-float64(p))*t + 0.5) }
	return color.RGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), l(a.A, b.A)}
}

// shade scales a colour's brightness by f (below 1 darkens, above 1 lightens), alpha kept.
func shade(c color.RGBA, f float64) color.RGBA {
	s := func(v uint8) uint8 { return clampByte(float64(v) * f) }
	return color.RGBA{s(c.R), s(c.G), s(c.B), c.A}
}

func withAlpha(c color.RGBA, a float64) color.RGBA {
	c.A = clampByte(a * 255)
	return c
}

// Path building. Coordinates are in destination pixels; a shape is filled with fill.

func (c *canvas) begin() {
	c.pts, c.starts = c.pts[:0], c.starts[:0]
	c.minX, c.minY = math.Inf(1), math.Inf(1)
	c.maxX, c.maxY = math.Inf(-1), math.Inf(-1)
}

func (c *canvas) moveTo(x, y float64) {
	c.starts = append(c.starts, len(c.pts))
	c.lineTo(x, y)
}

func (c *canvas) lineTo(x, y float64) {
	c.pts = append(c.pts, [2]float64{x, y})
	c.minX, c.maxX = math.Min(c.minX, x), math.Max(c.maxX, x)
	c.minY, c.maxY = math.Min(c.minY, y), math.Max(c.maxY, y)
}

// arc adds points along an elliptical arc from angle a0 to a1 (radians, y down). Curves become
// short lines: enough segments that the error stays well under a pixel.
func (c *canvas) arc(cx, cy, rx, ry, a0, a1 float64) {
	n := int(math.Ceil(math.Abs(a1-a0) * math.Max(rx, ry) / 3))
	n = max(n, 4)
	for i := 0; i <= n; i++ {
		a := a0 + (a1-a0)*float64(i)/float64(n)
		c.lineTo(cx+rx*math.Cos(a), cy+ry*math.Sin(a))
	}
}

// fill rasterizes the path built since begin and paints it onto the destination.
func (c *canvas) fill(p paint) {
	if len(c.pts) == 0 {
		return
	}
	b := c.dst.Bounds()
	x0, y0 := max(int(math.Floor(c.minX)), b.Min.X), max(int(math.Floor(c.minY)), b.Min.Y)
	x1, y1 := min(int(math.Ceil(c.maxX)), b.Max.X), min(int(math.Ceil(c.maxY)), b.Max.Y)
	if x0 >= x1 || y0 >= y1 {
		return
	}
	// The rasterizer covers only the clipped box; points outside it are clamped by the
	// rasterizer itself, so shapes that run off the photo still fill their visible part.
	w, h := x1-x0, y1-y0
	c.z.Reset(w, h)
	for i, s := range c.starts {
		e := len(c.pts)
		if i+1 < len(c.starts) {
			e = c.starts[i+1]
		}
		for j := s; j < e; j++ {
			x, y := float32(c.pts[j][0]-float64(x0)), float32(c.pts[j][1]-float64(y0))
			if j == s {
				c.z.MoveTo(x, y)
			} else {
				c.z.LineTo(x, y)
			}
		}
		c.z.ClosePath()
	}
	if cap(c.mask) < w*h {
		c.mask = make([]byte, w*h)
	}
	m := &image.Alpha{Pix: c.mask[:w*h], Stride: w, Rect: image.Rect(0, 0, w, h)}
	clear(m.Pix)
	c.z.Draw(m, m.Rect, image.Opaque, image.Point{})
	for y := 0; y < h; y++ {
		row := m.Pix[y*w : y*w+w]
		for x, cov := range row {
			if cov != 0 {
				blendPixel(c.dst, x0+x, y0+y, p(x0+x, y0+y), uint32(cov))
			}
		}
	}
}

// blendPixel paints colour col (straight alpha) over the pixel with coverage cov (0..255).
func blendPixel(dst *image.RGBA, x, y int, col color.RGBA, cov uint32) {
	a := cov * uint32(col.A) / 255 // effective opacity 0..255
	if a == 0 {
		return
	}
	i := dst.PixOffset(x, y)
	px := dst.Pix[i : i+4 : i+4]
	inv := 255 - a
	px[0] = uint8((uint32(col.R)*a + uint32(px[0])*inv + 127) / 255)
	px[1] = uint8((uint32(col.G)*a + uint32(px[1])*inv + 127) / 255)
	px[2] = uint8((uint32(col.B)*a + uint32(px[2])*inv + 127) / 255)
	px[3] = uint8((255*a + uint32(px[3])*inv + 127) / 255)
}

// Shapes.

func (c *canvas) rect(x0, y0, x1, y1 float64, p paint) {
	c.begin()
	c.moveTo(x0, y0)
	c.lineTo(x1, y0)
	c.lineTo(x1, y1)
	c.lineTo(x0, y1)
	c.fill(p)
}

// roundRect fills a rectangle whose corners are quarter ellipses of radius r.
func (c *canvas) roundRect(x0, y0, x1, y1, r float64, p paint) {
	c.begin()
	c.roundRectPath(x0, y0, x1, y1, r)
	c.fill(p)
}

func (c *canvas) roundRectPath(x0, y0, x1, y1, r float64) {
	r = math.Min(r, math.Min(x1-x0, y1-y0)/2)
	c.moveTo(x0+r, y0)
	c.arc(x1-r, y0+r, r, r, -math.Pi/2, 0)
	c.arc(x1-r, y1-r, r, r, 0, math.Pi/2)
	c.arc(x0+r, y1-r, r, r, math.Pi/2, math.Pi)
	c.arc(x0+r, y0+r, r, r, math.Pi, 3*math.Pi/2)
}

// frame fills the ring between an outer and an inner rounded rectangle (nonzero winding: the
// inner path runs the other way round).
func (c *canvas) frame(x0, y0, x1, y1, r, t float64, p paint) {
	c.begin()
	c.roundRectPath(x0, y0, x1, y1, r)
	ix0, iy0, ix1, iy1, ir := x0+t, y0+t, x1-t, y1-t, math.Max(r-t, 0)
	c.moveTo(ix0+ir, iy0)
	c.arc(ix0+ir, iy0+ir, ir, ir, 3*math.Pi/2, math.Pi)
	c.arc(ix0+ir, iy1-ir, ir, ir, math.Pi, math.Pi/2)
	c.arc(ix1-ir, iy1-ir, ir, ir, math.Pi/2, 0)
	c.arc(ix1-ir, iy0+ir, ir, ir, 0, -math.Pi/2)
	c.fill(p)
}

func (c *canvas) ellipse(cx, cy, rx, ry float64, p paint) {
	c.begin()
	c.moveTo(cx+rx, cy)
	c.arc(cx, cy, rx, ry, 0, 2*math.Pi)
	c.fill(p)
}

// polygon fills the polygon through the given x, y pairs.
func (c *canvas) polygon(p paint, xy ...float64) {
	c.begin()
	c.moveTo(xy[0], xy[1])
	for i := 2; i+1 < len(xy); i += 2 {
		c.lineTo(xy[i], xy[i+1])
	}
	c.fill(p)
}

func clamp01(t float64) float64 { return math.Max(0, math.Min(1, t)) }

func clampByte(v float64) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
}
