package visionserver

import (
	"bytes"
	"fmt"
	"image"
	"image/png"

	"golang.org/x/image/draw"
)

// documentLongSide is the size, in pixels along the longer side, that the document pass resizes
// photos to. Plate characters in a medium-resolution car photo (600–1300 px wide) are 15–30 px
// tall; tesseract reads best at 30–60 px. Measured on the sample toll photos, 2000 px read the
// most plates; 1600 and 2400 read fewer, and downscaling a larger photo to it costs nothing.
const documentLongSide = 2000

// Bounds on the resize factor, so a thumbnail is not blown up into mush and a huge photo keeps
// enough detail for a small plate.
const (
	minDocumentScale = 0.5
	maxDocumentScale = 4.0
)

// preprocessForOCR prepares a photo for the document pass: grayscale, resized so its longer side
// is about documentLongSide, and contrast-stretched so dim dusk photos and washed-out ones give
// tesseract the same range. It returns the PNG to feed tesseract and the resize factor to map
// boxes back.
//
// It deliberately stops short of thresholding: tesseract binarises internally (Otsu), and on the
// sample photos an extra global Otsu pass read the same plates with more noise, while an adaptive
// (Sauvola) threshold produced several times more garbage text and unstable hits.
func preprocessForOCR(src image.Image) ([]byte, float64, error) {
	gray := toGray(src)
	b := gray.Bounds()
	scale := float64(documentLongSide) / float64(max(b.Dx(), b.Dy()))
	scale = min(max(scale, minDocumentScale), maxDocumentScale)
	w, h := int(float64(b.Dx())*scale+0.5), int(float64(b.Dy())*scale+0.5)
	if w != b.Dx() || h != b.Dy() {
		resized := image.NewGray(image.Rect(0, 0, max(w, 1), max(h, 1)))
		draw.CatmullRom.Scale(resized, resized.Bounds(), gray, b, draw.Src, nil)
		gray = resized
		// Map boxes back with the factor actually applied after rounding.
		scale = float64(resized.Bounds().Dx()) / float64(b.Dx())
	} else {
		scale = 1
	}
	stretchContrast(gray)

	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, gray); err != nil {
		return nil, 0, fmt.Errorf("encode preprocessed image: %w", err)
	}
	return buf.Bytes(), scale, nil
}

// toGray converts to 8-bit luma with its origin at 0,0.
func toGray(src image.Image) *image.Gray {
	b := src.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(g, g.Bounds(), src, b.Min, draw.Src)
	return g
}

// stretchContrast maps the 1st..99th percentile of brightness onto 0..255.
func stretchContrast(g *image.Gray) {
	var hist [256]int
	for _, v := range g.Pix {
		hist[v]++
	}
	n := len(g.Pix)
	lo, hi := percentile(&hist, n, 0.01), percentile(&hist, n, 0.99)
	if hi <= lo {
		return
	}
	var lut [256]uint8
	for v := range 256 {
		switch {
		case v <= lo:
			lut[v] = 0
		case v >= hi:
			lut[v] = 255
		default:
			lut[v] = uint8((v - lo) * 255 / (hi - lo))
		}
	}
	for i, v := range g.Pix {
		g.Pix[i] = lut[v]
	}
}

// percentile returns the brightness below which fraction p of the n pixels lie.
func percentile(hist *[256]int, n int, p float64) int {
	target := int(float64(n) * p)
	seen := 0
	for v, c := range hist {
		seen += c
		if seen > target {
			return v
		}
	}
	return 255
}
