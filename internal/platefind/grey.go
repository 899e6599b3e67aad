package platefind

import (
	"image"
	"image/color"
	"math"
)

// grey is an 8-bit luminance raster, the finder's working copy of a photo.
type grey struct {
	w, h int
	pix  []uint8 // row-major, w*h
}

func (g *grey) at(x, y int) uint8 { return g.pix[y*g.w+x] }

// workingLongSide is the longer side of the working copy. Plates in booth and street photos are
// 10–40% of the photo's width, so at this size a plate's characters are 10–60 pixels tall: enough
// to see their shapes, few enough pixels to stay fast on photos of any resolution.
const workingLongSide = 800

// workingGrey converts img to luminance and shrinks it (box filter) so its longer side is at most
// workingLongSide. scale is working pixels per photo pixel (≤ 1).
func workingGrey(img image.Image) (g *grey, scale float64) {
	full := luminance(img)
	long := max(full.w, full.h)
	if long <= workingLongSide {
		return full, 1
	}
	scale = float64(workingLongSide) / float64(long)
	w := max(1, int(float64(full.w)*scale+0.5))
	h := max(1, int(float64(full.h)*scale+0.5))
	return shrink(full, w, h), scale
}

// luminance copies img's brightness into a grey raster, with fast paths for the types the
// standard decoders return (JPEG gives YCbCr, whose Y plane is the luminance already).
func luminance(img image.Image) *grey {
	b := img.Bounds()
	g := &grey{w: b.Dx(), h: b.Dy(), pix: make([]uint8, b.Dx()*b.Dy())}
	switch m := img.(type) {
	case *image.YCbCr:
		for y := 0; y < g.h; y++ {
			off := m.YOffset(b.Min.X, b.Min.Y+y)
			copy(g.pix[y*g.w:(y+1)*g.w], m.Y[off:off+g.w])
		}
	case *image.Gray:
		for y := 0; y < g.h; y++ {
			off := m.PixOffset(b.Min.X, b.Min.Y+y)
			copy(g.pix[y*g.w:(y+1)*g.w], m.Pix[off:off+g.w])
		}
	case *image.RGBA:
		g.fromRGBA(m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride)
	case *image.NRGBA: // photos are opaque: the same bytes as RGBA
		g.fromRGBA(m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride)
	default:
		for y := 0; y < g.h; y++ {
			for x := 0; x < g.w; x++ {
				g.pix[y*g.w+x] = color.GrayModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.Gray).Y
			}
		}
	}
	return g
}

// fromRGBA fills g from 8-bit RGBA pixels, rows stride bytes apart.
func (g *grey) fromRGBA(pix []uint8, stride int) {
	for y := 0; y < g.h; y++ {
		row := pix[y*stride:]
		out := g.pix[y*g.w : (y+1)*g.w]
		for x := range out {
			p := row[4*x : 4*x+3 : 4*x+3]
			out[x] = luma(uint32(p[0]), uint32(p[1]), uint32(p[2]))
		}
	}
}

// luma is ITU-R BT.601 luminance of 8-bit RGB, the weights JPEG's Y channel uses.
func luma(r, g, b uint32) uint8 {
	return uint8((19595*r + 38470*g + 7471*b + 1<<15) >> 16)
}

// shrink resizes src to w×h (both no larger than src) by averaging the source pixels under each
// working pixel: a box filter, which keeps thin strokes' contrast better than point sampling.
func shrink(src *grey, w, h int) *grey {
	// Horizontal pass into a w×src.h buffer, then vertical into w×h; both in 8.8 fixed point.
	xs := spans(src.w, w)
	ys := spans(src.h, h)
	tmp := make([]uint32, w*src.h)
	for y := 0; y < src.h; y++ {
		row := src.pix[y*src.w : (y+1)*src.w]
		for x, s := range xs {
			var sum uint32
			for _, v := range row[s.lo:s.hi] {
				sum += uint32(v)
			}
			tmp[y*w+x] = sum << 8 / uint32(s.hi-s.lo)
		}
	}
	dst := &grey{w: w, h: h, pix: make([]uint8, w*h)}
	for y, s := range ys {
		for x := 0; x < w; x++ {
			var sum uint32
			for sy := s.lo; sy < s.hi; sy++ {
				sum += tmp[sy*w+x]
			}
			dst.pix[y*w+x] = uint8((sum/uint32(s.hi-s.lo) + 128) >> 8)
		}
	}
	return dst
}

// span is a half-open range of source indexes that one destination index averages.
type span struct{ lo, hi int }

// spans splits n source indexes into m ≤ n consecutive, non-empty ranges of near-equal length.
func spans(n, m int) []span {
	out := make([]span, m)
	for i := range out {
		out[i] = span{lo: i * n / m, hi: max((i+1)*n/m, i*n/m+1)}
	}
	return out
}

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
