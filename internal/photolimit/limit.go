package photolimit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // the formats booth cameras and the API send
	_ "image/png"
	"sync"

	"golang.org/x/sync/semaphore"
)

const (
	// DefaultMaxPixels is 40 megapixels: booth cameras are medium resolution (1–12 MP; the
	// synthetic and sample photos are under 2 MP), and 40 MP still covers an 8K camera
	// (7680 × 4320 = 33 MP) with room to spare. A 40 MP baseline JPEG takes 60–120 MB decoded.
	// Google Cloud Vision itself refuses images over 75 MP (VisionMaxPixels).
	DefaultMaxPixels = 40_000_000
	// VisionMaxPixels is Google Cloud Vision's own limit, which the Vision double applies.
	VisionMaxPixels = 75_000_000
	// DefaultMemoryBytes is the decode budget of a process whose memory limit is not known: half
	// of the worker pod's 512 MiB limit (deployments/kubernetes/worker.yaml). Half, because the Go
	// collector lets the heap reach twice what is live before it collects (GOGC=100): decoded
	// images already released still hold memory until then.
	DefaultMemoryBytes = 256 << 20
)

// ErrNotImage is wrapped when the header cannot be read as an image of a registered format.
var ErrNotImage = errors.New("not a readable image")

// ErrDamaged is wrapped when the header is fine but the pixels do not decode (a truncated file).
var ErrDamaged = errors.New("the image is damaged or truncated")

// TooLargeError refuses an image by the size its header declares, before any pixel is decoded.
type TooLargeError struct {
	Format        string
	Width, Height int
	// MaxPixels is set when the pixel limit refused it; NeedBytes and MemoryBytes when decoding
	// it alone would take more than the decode budget.
	MaxPixels              int64
	NeedBytes, MemoryBytes int64
}

func (e *TooLargeError) Error() string {
	if e.MaxPixels > 0 {
		return fmt.Sprintf("the %s image declares %d × %d pixels (%.1f megapixels), over the limit of %.1f megapixels",
			e.Format, e.Width, e.Height, float64(e.Width)*float64(e.Height)/1e6, float64(e.MaxPixels)/1e6)
	}
	return fmt.Sprintf("the %s image of %d × %d pixels would take %d MiB to decode, over the decode memory budget of %d MiB",
		e.Format, e.Width, e.Height, e.NeedBytes>>20, e.MemoryBytes>>20)
}

// Decoder checks and decodes photos within the limits. One Decoder is shared by every decode of a
// process, so its budget holds for them all. It is safe for concurrent use.
type Decoder struct {
	maxPixels int64
	memory    int64
	sem       *semaphore.Weighted
}

// New returns a Decoder refusing images over maxPixels, and holding the decodes in flight to
// memoryBytes of decoded pixels together. Values ≤ 0 take the defaults.
func New(maxPixels, memoryBytes int64) *Decoder {
	if maxPixels <= 0 {
		maxPixels = DefaultMaxPixels
	}
	if memoryBytes <= 0 {
		memoryBytes = DefaultMemoryBytes
	}
	return &Decoder{maxPixels: maxPixels, memory: memoryBytes, sem: semaphore.NewWeighted(memoryBytes)}
}

// MaxPixels is the pixel limit.
func (d *Decoder) MaxPixels() int64 { return d.maxPixels }

// Check reads the image's header and refuses it when it declares more pixels than the limit, or
// more decoded bytes than the whole budget. It decodes no pixel. The error wraps ErrNotImage or
// is a *TooLargeError.
func (d *Decoder) Check(data []byte) (image.Config, string, error) {
	_, cfg, format, err := d.check(data)
	return cfg, format, err
}

func (d *Decoder) check(data []byte) (int64, image.Config, string, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, cfg, format, fmt.Errorf("%w: %v", ErrNotImage, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, cfg, format, fmt.Errorf("%w: the %s header declares %d × %d pixels", ErrNotImage, format, cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > d.maxPixels {
		return 0, cfg, format, &TooLargeError{Format: format, Width: cfg.Width, Height: cfg.Height, MaxPixels: d.maxPixels}
	}
	need := DecodedBytes(data, cfg, format)
	if need > d.memory {
		return 0, cfg, format, &TooLargeError{Format: format, Width: cfg.Width, Height: cfg.Height, NeedBytes: need, MemoryBytes: d.memory}
	}
	return need, cfg, format, nil
}

// Decode checks the image (Check), waits until its decoded size fits in the budget beside the
// decodes in flight (or ctx ends), and decodes it whole. Its share of the budget is given back
// when Decode returns: for a caller that drops the pixels at once (the worker's inspection).
// The error wraps ErrNotImage or ErrDamaged, is a *TooLargeError, or is ctx's error.
func (d *Decoder) Decode(ctx context.Context, data []byte) (image.Image, string, error) {
	img, format, release, err := d.Hold(ctx, data)
	release()
	return img, format, err
}

// Hold is Decode for a caller that keeps working on the pixels (a crop, an OCR engine): the
// image's share of the budget is held until the caller calls release, which it must do once,
// whatever the error.
func (d *Decoder) Hold(ctx context.Context, data []byte) (img image.Image, format string, release func(), err error) {
	release = func() {}
	need, _, format, err := d.check(data)
	if err != nil {
		return nil, format, release, err
	}
	if err := d.sem.Acquire(ctx, need); err != nil {
		return nil, format, release, err
	}
	var once sync.Once
	release = func() { once.Do(func() { d.sem.Release(need) }) }
	img, format, err = image.Decode(bytes.NewReader(data))
	if err != nil {
		release()
		return nil, format, func() {}, fmt.Errorf("%w (%d bytes): %v", ErrDamaged, len(data), err)
	}
	return img, format, release, nil
}

// Refused says whether err is a refusal of the image itself (not an image, damaged, too large):
// the same bytes are refused every time, so retrying cannot help.
func Refused(err error) bool {
	var tooLarge *TooLargeError
	return errors.Is(err, ErrNotImage) || errors.Is(err, ErrDamaged) || errors.As(err, &tooLarge)
}
