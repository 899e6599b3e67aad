package platefind

import "math"

// bilinear is the grey level at a fractional working position, clamped to the raster.
func (g *grey) bilinear(x, y float64) float64 {
	x = math.Max(0, math.Min(x, float64(g.w-1)))
	y = math.Max(0, math.Min(y, float64(g.h-1)))
	x0, y0 := int(x), int(y)
	x1, y1 := min(x0+1, g.w-1), min(y0+1, g.h-1)
	fx, fy := x-float64(x0), y-float64(y0)
	a := float64(g.pix[y0*g.w+x0])*(1-fx) + float64(g.pix[y0*g.w+x1])*fx
	b := float64(g.pix[y1*g.w+x0])*(1-fx) + float64(g.pix[y1*g.w+x1])*fx
	return a*(1-fy) + b*fy
}

// inside says whether a working position lies on the raster.
func (g *grey) inside(x, y float64) bool {
	return x >= 0 && y >= 0 && x <= float64(g.w-1) && y <= float64(g.h-1)
}
