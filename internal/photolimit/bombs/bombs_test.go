package bombs

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPNGIsAValidImage: the made-up deflate stream is what Go's decoder reads (a small size, so
// the test decodes it whole).
func TestPNGIsAValidImage(t *testing.T) {
	for _, size := range []image.Point{{1, 1}, {300, 200}, {2000, 1100}} {
		data := PNG(size.X, size.Y)
		img, err := png.Decode(bytes.NewReader(data))
		require.NoError(t, err, "%v", size)
		require.Equal(t, size, img.Bounds().Size())
		g := img.(*image.Gray)
		require.Equal(t, make([]byte, len(g.Pix)), g.Pix, "black")
	}
	require.Less(t, len(PNG(30000, 30000)), 1<<20, "900 MB of pixels in under 1 MB")
}

func TestJPEGClaimsItsSize(t *testing.T) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(JPEG(30000, 20000, true)))
	require.NoError(t, err)
	require.Equal(t, "jpeg", format)
	require.Equal(t, 30000, cfg.Width)
	require.Equal(t, 20000, cfg.Height)
}
