package platefind

import (
	"image"
	"math"
	"sort"
)

// blob is one 8-connected group of ink pixels.
type blob struct {
	box    image.Rectangle // working pixels
	area   int             // ink pixels
	inkSum int             // their grey levels, summed
	seed   int             // index of its first pixel in raster order
}

func (b blob) w() int      { return b.box.Dx() }
func (b blob) h() int      { return b.box.Dy() }
func (b blob) cx() float64 { return float64(b.box.Min.X+b.box.Max.X) / 2 }
func (b blob) cy() float64 { return float64(b.box.Min.Y+b.box.Max.Y) / 2 }

// blobs finds the 8-connected groups of ink pixels.
func blobs(g *grey, mask []bool) []blob {
	w, h := g.w, g.h
	todo := append([]bool(nil), mask...) // ink not yet in a blob
	var out []blob
	stack := make([]int32, 0, 1024)
	for start, on := range todo {
		if !on {
			continue
		}
		todo[start] = false
		stack = append(stack[:0], int32(start))
		x0, y0 := start%w, start/w
		b := blob{box: image.Rect(x0, y0, x0+1, y0+1), seed: start}
		for len(stack) > 0 {
			i := int(stack[len(stack)-1])
			stack = stack[:len(stack)-1]
			x, y := i%w, i/w
			b.area++
			b.inkSum += int(g.pix[i])
			b.box.Min.X = min(b.box.Min.X, x)
			b.box.Max.X = max(b.box.Max.X, x+1)
			b.box.Max.Y = max(b.box.Max.Y, y+1)
			// y never goes above the start row: pixels are found in raster order.
			for ny := max(y-1, 0); ny <= min(y+1, h-1); ny++ {
				for nx := max(x-1, 0); nx <= min(x+1, w-1); nx++ {
					if j := ny*w + nx; todo[j] {
						todo[j] = false
						stack = append(stack, int32(j))
					}
				}
			}
		}
		out = append(out, b)
	}
	return out
}

// cutSlopes are the slopes (dy/dx) along which cutLongRuns looks for lines: level and up to
// 10° either way, the tilt of a plate's border in a photo taken a little from the side.
var cutSlopes = []float64{0, -0.09, 0.09, -0.18, 0.18}

// cutLongRuns clears, in a copy of mask, every near-horizontal run of ink longer than maxRun. A
// plate's border, the edge of its frame or a shadow along it is such a run, and characters that
// touch it are joined by it into one blob; no character has a horizontal stroke that long.
func cutLongRuns(mask []bool, w, h, maxRun int) []bool {
	out := append([]bool(nil), mask...)
	rise := make([]int, w) // the digital line's y offset at each x
	for _, slope := range cutSlopes {
		for x := range rise {
			rise[x] = int(math.Round(slope * float64(x)))
		}
		// Every line y = y0 + rise[x] that crosses the raster.
		lo, hi := min(0, -rise[w-1]), max(h, h-rise[w-1])
		for y0 := lo; y0 < hi; y0++ {
			start := -1 // index along the line where the current run began
			for x := 0; x <= w; x++ {
				on := false
				if x < w {
					if y := y0 + rise[x]; y >= 0 && y < h {
						on = mask[y*w+x]
					}
				}
				switch {
				case on && start < 0:
					start = x
				case !on && start >= 0:
					if x-start > maxRun {
						for k := start; k < x; k++ {
							out[(y0+rise[k])*w+k] = false
						}
					}
					start = -1
				}
			}
		}
	}
	return out
}

// splitJoined cuts a blob as tall as a character and as wide as several, where blur or a coarse
// photo has joined neighbouring characters, at the columns where its ink is thinnest: the
// gaps between the characters, bridged by a few pixels. It returns nil when there is no such gap.
func splitJoined(g *grey, mask []bool, b blob) []blob {
	pixels := tracePixels(g.w, mask, b)
	w := b.w()
	cols := make([]int, w)
	for _, i := range pixels {
		cols[i%g.w-b.box.Min.X]++
	}
	// A gap column holds at most a fifth of a character's height of ink, and is at least a
	// fifth of a height from the blob's ends.
	limit := max(1, b.h()/5)
	margin := max(2, b.h()/5)
	var cuts []int
	for x := margin; x < w-margin; {
		if cols[x] > limit {
			x++
			continue
		}
		end, best := x, x
		for end < w-margin && cols[end] <= limit {
			if cols[end] < cols[best] {
				best = end
			}
			end++
		}
		if len(cuts) == 0 || best-cuts[len(cuts)-1] >= margin {
			cuts = append(cuts, best)
		}
		x = end
	}
	if len(cuts) == 0 {
		return nil
	}
	bounds := append(append([]int{0}, cuts...), w)
	parts := make([]blob, len(bounds)-1)
	for k := range parts {
		parts[k].box = image.Rectangle{Min: image.Pt(g.w, g.h)}
	}
	for _, i := range pixels {
		x, y := i%g.w, i/g.w
		k := sort.SearchInts(cuts, x-b.box.Min.X+1) // part whose range holds x
		p := &parts[k]
		p.area++
		p.inkSum += int(g.pix[i])
		p.box.Min.X, p.box.Min.Y = min(p.box.Min.X, x), min(p.box.Min.Y, y)
		p.box.Max.X, p.box.Max.Y = max(p.box.Max.X, x+1), max(p.box.Max.Y, y+1)
	}
	return parts
}

// tracePixels lists the pixels of blob b, found again from its seed.
func tracePixels(w int, mask []bool, b blob) []int {
	bw := b.box.Dx()
	seen := make([]bool, bw*b.box.Dy()) // over b's box
	mark := func(i int) { seen[(i/w-b.box.Min.Y)*bw+i%w-b.box.Min.X] = true }
	mark(b.seed)
	out := []int{b.seed}
	for k := 0; k < len(out); k++ {
		x, y := out[k]%w, out[k]/w
		for ny := max(y-1, b.box.Min.Y); ny <= min(y+1, b.box.Max.Y-1); ny++ {
			for nx := max(x-1, b.box.Min.X); nx <= min(x+1, b.box.Max.X-1); nx++ {
				if j := ny*w + nx; mask[j] && !seen[(ny-b.box.Min.Y)*bw+nx-b.box.Min.X] {
					mark(j)
					out = append(out, j)
				}
			}
		}
	}
	return out
}
