package photolimit

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/photolimit/bombs"
)

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	return buf.Bytes()
}

func encodeJPEG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, img, nil))
	return buf.Bytes()
}

// TestBombsAreRefusedFromTheHeader: the bombs of the fault run (a valid 1 MB PNG of 30,000 ×
// 30,000 pixels, JPEG headers claiming the same) are refused by their declared size, having
// allocated almost nothing; decoding them would take 900 MB to 1.35 GB each.
func TestBombsAreRefusedFromTheHeader(t *testing.T) {
	d := New(DefaultMaxPixels, DefaultMemoryBytes)
	pngBomb := bombs.PNG(30000, 30000)
	require.Less(t, len(pngBomb), 1<<20, "a bomb is a small file")
	for name, data := range map[string][]byte{
		"png":              pngBomb,
		"png header":       bombs.PNGHeader(30000, 30000),
		"jpeg":             bombs.JPEG(30000, 30000, false),
		"jpeg progressive": bombs.JPEG(30000, 30000, true),
	} {
		t.Run(name, func(t *testing.T) {
			cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
			require.NoError(t, err, "a valid header")
			require.Equal(t, 30000, cfg.Width)

			var checkErr, decodeErr error
			n := bombs.Allocated(func() {
				_, _, checkErr = d.Check(data)
				_, _, decodeErr = d.Decode(context.Background(), data)
			})
			for _, err := range []error{checkErr, decodeErr} {
				var tooLarge *TooLargeError
				require.ErrorAs(t, err, &tooLarge)
				require.Equal(t, 30000, tooLarge.Width)
				require.Equal(t, 30000, tooLarge.Height)
				require.EqualValues(t, DefaultMaxPixels, tooLarge.MaxPixels)
				require.Contains(t, err.Error(), "30000 × 30000 pixels (900.0 megapixels), over the limit of 40.0 megapixels")
			}
			require.Less(t, n, uint64(1<<20), "refused before any pixel is allocated")
		})
	}
}

func TestPhotosWithinTheLimitDecode(t *testing.T) {
	d := New(100*100, DefaultMemoryBytes)
	for name, data := range map[string][]byte{
		"png":  encodePNG(t, image.NewRGBA(image.Rect(0, 0, 100, 100))),
		"jpeg": encodeJPEG(t, image.NewGray(image.Rect(0, 0, 100, 100))),
	} {
		img, format, err := d.Decode(context.Background(), data)
		require.NoError(t, err, name)
		require.Equal(t, name, format)
		require.Equal(t, image.Pt(100, 100), img.Bounds().Size())
	}
	_, _, err := d.Check(encodePNG(t, image.NewGray(image.Rect(0, 0, 101, 100))))
	var tooLarge *TooLargeError
	require.ErrorAs(t, err, &tooLarge, "one row over the limit")
}

func TestDamagedAndNonImages(t *testing.T) {
	d := New(0, 0)
	_, _, err := d.Decode(context.Background(), []byte("plain text, not a photo"))
	require.ErrorIs(t, err, ErrNotImage)
	_, _, err = d.Check(nil)
	require.ErrorIs(t, err, ErrNotImage)

	noisy := image.NewGray(image.Rect(0, 0, 256, 256))
	for i := range noisy.Pix {
		noisy.Pix[i] = byte(i * 7919 >> 3)
	}
	whole := encodeJPEG(t, noisy)
	_, _, err = d.Check(whole[:len(whole)/2])
	require.NoError(t, err, "the header of a truncated JPEG is whole")
	_, _, err = d.Decode(context.Background(), whole[:len(whole)/2])
	require.ErrorIs(t, err, ErrDamaged)
}

// TestPhotoOverTheWholeBudgetIsRefused: within the pixel limit, but its decode alone would need
// more memory than the process's budget for all decodes.
func TestPhotoOverTheWholeBudgetIsRefused(t *testing.T) {
	data := encodePNG(t, image.NewRGBA64(image.Rect(0, 0, 100, 100))) // 8 bytes a pixel
	_, _, err := New(0, 80_000).Check(data)
	require.NoError(t, err)
	_, _, err = New(0, 79_999).Decode(context.Background(), data)
	var tooLarge *TooLargeError
	require.ErrorAs(t, err, &tooLarge)
	require.EqualValues(t, 80_000, tooLarge.NeedBytes)
	require.Zero(t, tooLarge.MaxPixels)
	require.Contains(t, err.Error(), "over the decode memory budget")
}

// TestDecodesWaitForTheBudget: a decode waits while the decodes in flight hold the budget, and
// proceeds when they release it.
func TestDecodesWaitForTheBudget(t *testing.T) {
	data := encodePNG(t, image.NewGray(image.Rect(0, 0, 100, 100))) // 10,000 bytes decoded
	d := New(0, 15_000)
	require.True(t, d.sem.TryAcquire(10_000), "another decode in flight")

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, _, err := d.Decode(ctx, data)
	require.True(t, errors.Is(err, context.DeadlineExceeded), "waits while the budget is held: %v", err)

	done := make(chan error, 1)
	go func() { _, _, err := d.Decode(context.Background(), data); done <- err }()
	d.sem.Release(10_000)
	require.NoError(t, <-done)
	require.True(t, d.sem.TryAcquire(15_000), "the decode gave its share back")
}

func TestDecodedBytes(t *testing.T) {
	gray := encodeJPEG(t, image.NewGray(image.Rect(0, 0, 100, 100)))
	cfg, format, err := image.DecodeConfig(bytes.NewReader(gray))
	require.NoError(t, err)
	require.EqualValues(t, 10_000, DecodedBytes(gray, cfg, format))

	prog := bombs.JPEG(100, 100, true) // one component, progressive: pixels + int32 coefficients
	cfg, format, err = image.DecodeConfig(bytes.NewReader(prog))
	require.NoError(t, err)
	require.EqualValues(t, 10_000+40_000, DecodedBytes(prog, cfg, format))

	rgba := encodePNG(t, image.NewNRGBA(image.Rect(0, 0, 10, 10)))
	cfg, format, err = image.DecodeConfig(bytes.NewReader(rgba))
	require.NoError(t, err)
	require.EqualValues(t, 400, DecodedBytes(rgba, cfg, format))
	interlaced := append([]byte{}, rgba...)
	interlaced[28] = 1
	require.EqualValues(t, 800, DecodedBytes(interlaced, cfg, format))

	require.EqualValues(t, 1, bytesPerPixel(color.Palette{color.Black}))
}

// TestHoldKeepsTheShareUntilReleased: a caller still working on the pixels (a crop, an OCR
// engine) holds its share of the budget until it releases it.
func TestHoldKeepsTheShareUntilReleased(t *testing.T) {
	data := encodePNG(t, image.NewGray(image.Rect(0, 0, 100, 100))) // 10,000 bytes decoded
	d := New(0, 15_000)
	img, _, release, err := d.Hold(context.Background(), data)
	require.NoError(t, err)
	require.NotNil(t, img)

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, _, err = d.Decode(ctx, data)
	require.ErrorIs(t, err, context.DeadlineExceeded, "the held image still counts")
	release()
	release() // once only
	_, _, err = d.Decode(context.Background(), data)
	require.NoError(t, err)
	require.True(t, d.sem.TryAcquire(15_000), "everything given back")

	_, _, release, err = d.Hold(context.Background(), []byte("not an image"))
	require.ErrorIs(t, err, ErrNotImage)
	release() // safe on an error too
}
