package visionserver

import (
	"image"
	"testing"

	"github.com/stretchr/testify/require"
)

// probMap is a w×h probability map, background 0.05, with rectangles filled with a value.
func probMap(w, h int, fills map[image.Rectangle]float32) []float32 {
	m := make([]float32, w*h)
	for i := range m {
		m[i] = 0.05
	}
	for r, v := range fills {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				m[y*w+x] = v
			}
		}
	}
	return m
}

// paddleDefaults are PaddleOCR's own post-processing settings, which the tests below work with.
var paddleDefaults = dbParams{thresh: 0.3, boxThresh: 0.6, unclipRatio: 1.5, minSize: 3, maxBoxes: 1000}

func TestDBBoxesKeepsConfidentRegionsGrownBackByUnclip(t *testing.T) {
	m := probMap(40, 20, map[image.Rectangle]float32{
		image.Rect(4, 4, 16, 8):    0.9,  // text: 12×4, kept and grown
		image.Rect(22, 10, 34, 14): 0.45, // above the pixel threshold, but its mean is below boxThresh
		image.Rect(36, 2, 38, 4):   0.95, // 2×2: thinner than minSize
	})
	boxes := dbBoxes(m, 40, 20, paddleDefaults)
	require.Len(t, boxes, 1)
	// d = area·1.5/perimeter = 48·1.5/32 = 2.25 → 2 pixels on every side.
	require.Equal(t, image.Rect(2, 2, 18, 10), boxes[0].rect)
	require.InDelta(t, 0.9, boxes[0].score, 1e-6)
}

func TestDBBoxesJoinsDiagonalNeighboursAndClampsToTheMap(t *testing.T) {
	fills := map[image.Rectangle]float32{
		image.Rect(0, 0, 6, 3):  0.8, // touches the map's corner: growing must not leave the map
		image.Rect(6, 3, 12, 6): 0.8, // touches the first only at a corner: 8-connected, one region
	}
	p := paddleDefaults
	p.boxThresh = 0.4 // the box is half empty: its mean is 0.425
	boxes := dbBoxes(probMap(30, 10, fills), 30, 10, p)
	require.Len(t, boxes, 1)
	require.Equal(t, 0, boxes[0].rect.Min.X)
	require.Equal(t, 0, boxes[0].rect.Min.Y)
	require.Greater(t, boxes[0].rect.Max.X, 12, "grown to the right")
	// The bounding box holds 36 of 72 pixels at 0.8 and the rest at 0.05.
	require.InDelta(t, (36*0.8+36*0.05)/72, boxes[0].score, 1e-6)
}

func TestDBBoxesStopsAtMaxBoxes(t *testing.T) {
	fills := map[image.Rectangle]float32{}
	for i := range 5 {
		fills[image.Rect(2, 2+6*i, 20, 6+6*i)] = 0.9
	}
	p := paddleDefaults
	p.maxBoxes = 3
	require.Len(t, dbBoxes(probMap(30, 32, fills), 30, 32, p), 3)
}

func TestScaleRectMapsToPhotoPixels(t *testing.T) {
	bounds := image.Rect(0, 0, 100, 50)
	require.Equal(t, image.Rect(10, 5, 30, 15), scaleRect(image.Rect(4, 2, 12, 6), 2.5, 2.5, bounds))
	require.Equal(t, image.Rect(9, 4, 28, 14), scaleRect(image.Rect(4, 2, 12, 6), 2.3, 2.3, bounds), "outwards to whole pixels")
	require.Equal(t, image.Rect(90, 40, 100, 50), scaleRect(image.Rect(36, 16, 44, 24), 2.5, 2.5, bounds), "clamped")
}

func TestPlateParamsKeepAFaintPlateThatPaddleDefaultsDrop(t *testing.T) {
	m := probMap(40, 20, map[image.Rectangle]float32{image.Rect(4, 4, 24, 10): 0.5}) // a dim plate
	require.Empty(t, dbBoxes(m, 40, 20, paddleDefaults))
	boxes := dbBoxes(m, 40, 20, plateDBParams)
	require.Len(t, boxes, 1)
	// d = 120·1.8/52 = 4.15 → 4 pixels on every side.
	require.Equal(t, image.Rect(0, 0, 28, 14), boxes[0].rect)
}
