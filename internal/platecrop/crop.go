// Package platecrop cuts a licence plate out of a photo and enlarges it: for the second,
// independent read of the plate (the recognizer gets the plate's characters several times larger
// than in the whole photo), and for reviewers, who type what the crop shows instead of hunting for
// the plate in a full-size photo. Every user of a crop calls the same code, so the same photo and
// box give byte-identical crops: the benchmark's fixture recognizer recognizes them by digest.
package platecrop

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"math"

	"golang.org/x/image/draw"

	"github.com/tollbooth/tollbooth/internal/photolimit"
	"github.com/tollbooth/tollbooth/internal/plate"
)

const (
	// margin widens the box on every side, as a share of its height: localizers cut close, and a
	// character clipped at the edge reads as another one (a clipped B reads 8).
	margin = 0.25
	// targetHeight is the crop's height after enlargement: plate characters then stand about
	// 100 px tall, where OCR engines read best.
	targetHeight = 160
	// maxScale bounds the enlargement: past 4× interpolation only adds blur.
	maxScale = 4.0
)

// Crop returns the part of img inside box (normalized to 0..1 of img's size) widened by the
// margin, enlarged towards targetHeight. ok is false when the box holds no pixel of img.
func Crop(img image.Image, box plate.Box) (image.Image, bool) {
	b := img.Bounds()
	px := box.Scale(b.Dx(), b.Dy())
	m := margin * px.Height
	r := image.Rect(
		int(math.Floor(px.Left-m)), int(math.Floor(px.Top-m)),
		int(math.Ceil(px.Left+px.Width+m)), int(math.Ceil(px.Top+px.Height+m)),
	).Add(b.Min).Intersect(b)
	if r.Empty() {
		return nil, false
	}
	scale := math.Min(maxScale, math.Max(1, float64(targetHeight)/float64(r.Dy())))
	dst := image.NewRGBA(image.Rect(0, 0, int(math.Round(float64(r.Dx())*scale)), int(math.Round(float64(r.Dy())*scale))))
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, r, draw.Src, nil)
	return dst, true
}

// ErrOutside is wrapped by FromPhoto when the box holds no pixel of the photo.
var ErrOutside = errors.New("the plate box holds no pixel of the photo")

// FromPhoto decodes a photo (JPEG or PNG) within dec's limits and returns its plate's enlarged crop:
// the one path from a stored photo to the crop that the crop read, the review page and `starter
// review show` share. A photo dec refuses gives an error for which photolimit.Refused is true.
func FromPhoto(ctx context.Context, dec *photolimit.Decoder, photo []byte, box plate.Box) (image.Image, error) {
	img, _, release, err := dec.Hold(ctx, photo)
	defer release() // the photo's pixels count against the budget until the crop is cut
	if err != nil {
		return nil, fmt.Errorf("decode the photo to crop its plate: %w", err)
	}
	crop, ok := Crop(img, box)
	if !ok {
		return nil, fmt.Errorf("%w: box %+v, photo %v", ErrOutside, box, img.Bounds().Size())
	}
	return crop, nil
}

// PNG encodes a crop losslessly (JPEG artefacts would blur the characters again), compressed for a
// browser or a terminal (the review page, `starter review show`). Go's encoder is deterministic, so
// a crop's bytes, and their digest, depend only on the photo and the box.
func PNG(img image.Image) ([]byte, error) {
	return encodePNG(img, png.BestSpeed)
}

// VisionPNG encodes a crop for the recognizer's request: the same pixels as PNG, stored without
// filtering or deflate. The crop travels once, over the worker's link to Vision, and its encoding
// was the worker's largest cost: on a quiet machine, filter and deflate at BestSpeed took 40% of
// the worker's CPU during a 1,000-photo spike (BENCHMARKS.md); stored, the crop is about 3× the
// bytes (≈250 KB for a 1024×768 photo's plate), far inside Vision's 10 MB request limit.
func VisionPNG(img image.Image) ([]byte, error) {
	return encodePNG(img, png.NoCompression)
}

func encodePNG(img image.Image, level png.CompressionLevel) ([]byte, error) {
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: level}).Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
