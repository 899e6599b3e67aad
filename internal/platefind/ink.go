package platefind

// polarity says whether a plate's characters are darker or lighter than the plate around them.
type polarity int

const (
	darkInk  polarity = iota // black or coloured serial on a light plate (most plates)
	lightInk                 // white serial on a dark plate
)

// binarizeContrast is how far (grey levels) a pixel must be from its neighbourhood's mean to
// count as ink: above JPEG noise and paint texture, below the contrast of a blurred serial.
const binarizeContrast = 10

// ink marks the pixels of polarity p that stand out from their neighbourhood: an adaptive
// threshold against the mean of a square window, so shadows and gradients across the photo do
// not matter. The window is a few stroke widths of a mid-sized character.
func ink(g *grey, sums *integral, p polarity) []bool {
	r := max(7, max(g.w, g.h)/50)
	out := make([]bool, g.w*g.h)
	for y := 0; y < g.h; y++ {
		y0, y1 := max(0, y-r), min(g.h, y+r+1)
		for x := 0; x < g.w; x++ {
			x0, x1 := max(0, x-r), min(g.w, x+r+1)
			n := (x1 - x0) * (y1 - y0)
			sum := int(sums.sum(x0, y0, x1, y1))
			v := int(g.pix[y*g.w+x]) * n
			if p == darkInk {
				out[y*g.w+x] = v < sum-binarizeContrast*n
			} else {
				out[y*g.w+x] = v > sum+binarizeContrast*n
			}
		}
	}
	return out
}

// integral is a summed-area table: sum of the pixels above and left of (x, y), exclusive.
type integral struct {
	w   int // g.w + 1
	sat []uint32
}

func newIntegral(g *grey) *integral {
	w := g.w + 1
	s := &integral{w: w, sat: make([]uint32, w*(g.h+1))}
	for y := 0; y < g.h; y++ {
		var row uint32
		for x := 0; x < g.w; x++ {
			row += uint32(g.pix[y*g.w+x])
			s.sat[(y+1)*w+x+1] = s.sat[y*w+x+1] + row
		}
	}
	return s
}

// sum is the total of the pixels in [x0,x1)×[y0,y1).
func (s *integral) sum(x0, y0, x1, y1 int) uint32 {
	return s.sat[y1*s.w+x1] - s.sat[y0*s.w+x1] - s.sat[y1*s.w+x0] + s.sat[y0*s.w+x0]
}
