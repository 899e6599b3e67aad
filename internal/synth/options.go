// Package synth draws synthetic toll-booth photos: a car seen from the front or the back with a
// US or Canadian licence plate on its bumper, plus the truth of what the plate says. The photos
// feed demos, OCR tests and load runs, so they are varied (regions, fonts, sizes, tilt, noise)
// and deterministic: the same Options produce byte-identical JPEGs, however many goroutines
// draw them. (Across CPU architectures the font and shape rasterizer's floating point may round
// differently; the truth never changes.)
//
// Easy photos are tuned to be read exactly by tesseract, the OCR behind the development Vision
// server (about 9 in 10, see ocr_test.go); hard ones to defeat it, so a demo has captures that
// need a human reviewer.
package synth

import (
	"errors"
	"fmt"
	"image"
)

// Options says how many photos to draw and how.
type Options struct {
	Count int
	// Seed selects the photos: the same seed gives byte-identical output, a different seed a
	// different set. Photo i depends only on Seed, i and the size, not on Count, so a bigger run
	// starts with the photos of a smaller one.
	Seed          int64
	Width, Height int // default 1024x768, a medium-resolution booth photo
	// HardShare is the fraction (0..1) of photos made deliberately hard to read: heavy blur, low
	// contrast, a small plate, and often a strong tilt or a partly covered plate. They exist so a
	// demo has captures that need a human reviewer. Exactly floor(Count*HardShare) photos are
	// hard, spread evenly through the run.
	HardShare float64
}

// Sample is the truth about one generated photo.
type Sample struct {
	File   string // base name, e.g. "synth-0007.jpg"
	Plate  string // the truth: normalized A-Z0-9 only, e.g. "7ABC123"
	Shown  string // as printed on the plate, e.g. "7ABC123", "127-RFS", "BUG 2145"
	Region string // e.g. "us-ca", "us-ny", "ca-on"
	// Header is the region's name as printed at the top of the plate, e.g. "California" (not kept
	// in truth.csv: a sample read back from it has none).
	Header string
	Hard   bool

	// Quality is the JPEG quality this photo is written with (70–92); WriteDir uses it.
	Quality int
	// PlateBox bounds the plate, and its dealer frame if any, in the photo after tilt: for tests
	// of a crop-and-retry second OCR attempt.
	PlateBox image.Rectangle
}

// Defaults and limits of the photo size. The upper limit keeps a typo from allocating gigabytes.
const (
	DefaultWidth  = 1024
	DefaultHeight = 768
	minSide       = 160
	maxSide       = 8192
)

// withDefaults fills in the default size and rejects options that cannot produce photos.
func (o Options) withDefaults() (Options, error) {
	if o.Width == 0 {
		o.Width = DefaultWidth
	}
	if o.Height == 0 {
		o.Height = DefaultHeight
	}
	var errs []error
	if o.Count < 0 {
		errs = append(errs, fmt.Errorf("synth: Count %d is negative", o.Count))
	}
	if o.Width < minSide || o.Width > maxSide || o.Height < minSide || o.Height > maxSide {
		errs = append(errs, fmt.Errorf("synth: size %dx%d outside %d..%d pixels per side",
			o.Width, o.Height, minSide, maxSide))
	}
	if !(o.HardShare >= 0 && o.HardShare <= 1) { // also rejects NaN
		errs = append(errs, fmt.Errorf("synth: HardShare %v outside 0..1", o.HardShare))
	}
	return o, errors.Join(errs...)
}

// isHard says whether photo i is a hard one. Taking the photos where floor((i+1)*share) steps up
// spreads them evenly and makes exactly floor(Count*share) of them hard for any Count.
func (o Options) isHard(i int) bool {
	return hardBefore(i+1, o.HardShare) > hardBefore(i, o.HardShare)
}

// hardBefore counts the hard photos among the first n. The epsilon absorbs floating-point error:
// 0.3*10 is 3.0000000000000004 but 0.1*3*10 style products can land just below the integer.
func hardBefore(n int, share float64) int {
	return int(float64(n)*share + 1e-9)
}

// HardCount is how many of opts.Count photos are hard.
func HardCount(opts Options) int {
	return hardBefore(opts.Count, opts.HardShare)
}

// FileName is the base name of photo i.
func FileName(i int) string {
	return fmt.Sprintf("synth-%04d.jpg", i)
}
