package visionserver

import (
	"image"
	"math"
)

// dbParams are the DB (differentiable binarization) post-processing settings.
type dbParams struct {
	thresh      float32 // a pixel is text when its probability is above this
	boxThresh   float32 // a region is kept when its mean probability is at least this
	unclipRatio float64 // how far the shrunk text kernel is grown back (DB trains on shrunk regions)
	minSize     int     // regions thinner than this, in map pixels, are noise
	maxBoxes    int     // bounds the work on a photo full of texture
}

// plateDBParams find plates. PaddleOCR's defaults (thresh 0.3, box 0.6, unclip 1.5) are tuned for
// documents; a plate in a street photo is small, often dim or at an angle, and its probability
// map is fainter. With a lower pixel threshold and box score and a wider unclip (so the crop keeps
// the characters' edges), the engine read 113 of the 114 openalpr-br photos instead of 103, and
// 8 of the 9 MCW photos instead of 7 (one setting tried, not searched; both halves of openalpr-br
// gained alike: 56 and 57 of 57). What else it finds is dropped by the recognizer's score.
var plateDBParams = dbParams{thresh: 0.2, boxThresh: 0.45, unclipRatio: 1.8, minSize: 3, maxBoxes: 1000}

// detBox is one text region found on the probability map, in map pixels, with its mean
// probability.
type detBox struct {
	rect  image.Rectangle
	score float32
}

// dbBoxes finds text regions on a DB probability map (w×h, row-major): pixels above thresh are
// grouped into 8-connected regions; each region's bounding box is scored by the mean probability
// inside it, and the box is grown by d = area·unclipRatio/perimeter on every side, which undoes
// the shrinking DB was trained with (PaddleOCR's unclip). Boxes are axis-aligned: plates in toll
// photos are near-horizontal, and the recognizer copes with the small tilt that remains.
func dbBoxes(prob []float32, w, h int, p dbParams) []detBox {
	labels := make([]int32, w*h) // 0: not yet visited or background
	var boxes []detBox
	var stack []int
	next := int32(0)
	for start, v := range prob {
		if v <= p.thresh || labels[start] != 0 {
			continue
		}
		next++
		labels[start] = next
		stack = append(stack[:0], start)
		minX, minY, maxX, maxY := w, h, -1, -1
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x, y := i%w, i/w
			minX, maxX = min(minX, x), max(maxX, x)
			minY, maxY = min(minY, y), max(maxY, y)
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					nx, ny := x+dx, y+dy
					if nx < 0 || ny < 0 || nx >= w || ny >= h {
						continue
					}
					j := ny*w + nx
					if labels[j] == 0 && prob[j] > p.thresh {
						labels[j] = next
						stack = append(stack, j)
					}
				}
			}
		}
		r := image.Rect(minX, minY, maxX+1, maxY+1)
		if min(r.Dx(), r.Dy()) < p.minSize {
			continue
		}
		score := meanIn(prob, w, r)
		if score < p.boxThresh {
			continue
		}
		grown := unclip(r, p.unclipRatio).Intersect(image.Rect(0, 0, w, h))
		if min(grown.Dx(), grown.Dy()) < p.minSize+2 {
			continue
		}
		boxes = append(boxes, detBox{rect: grown, score: score})
		if len(boxes) == p.maxBoxes {
			break
		}
	}
	return boxes
}

// meanIn is the mean of prob over the rectangle r (PaddleOCR's "fast" box score).
func meanIn(prob []float32, w int, r image.Rectangle) float32 {
	var sum float64
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for _, v := range prob[y*w+r.Min.X : y*w+r.Max.X] {
			sum += float64(v)
		}
	}
	return float32(sum / float64(r.Dx()*r.Dy()))
}

// unclip grows r by area·ratio/perimeter on every side.
func unclip(r image.Rectangle, ratio float64) image.Rectangle {
	w, h := float64(r.Dx()), float64(r.Dy())
	d := int(math.Round(w * h * ratio / (2 * (w + h))))
	return image.Rect(r.Min.X-d, r.Min.Y-d, r.Max.X+d, r.Max.Y+d)
}

// scaleRect maps a rectangle from map pixels to image pixels (sx, sy: image size / map size),
// clamped to the image.
func scaleRect(r image.Rectangle, sx, sy float64, bounds image.Rectangle) image.Rectangle {
	out := image.Rect(
		int(math.Floor(float64(r.Min.X)*sx)), int(math.Floor(float64(r.Min.Y)*sy)),
		int(math.Ceil(float64(r.Max.X)*sx)), int(math.Ceil(float64(r.Max.Y)*sy)),
	)
	return out.Intersect(bounds)
}
