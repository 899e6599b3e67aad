package visionserver

import (
	"bytes"
	"image"
	_ "image/gif" // formats real Vision accepts and tesseract's leptonica reads too
	_ "image/jpeg"
	_ "image/png"

	"google.golang.org/grpc/codes"
)

// maxPixels guards against decompression bombs: a tiny file that declares a huge canvas. Real
// Vision refuses images above 75 megapixels.
const maxPixels = 75_000_000

// decodeImage checks that b is a whole, decodable image and returns it. Every engine gets only
// images that passed here, so the fixture engine rejects corrupt uploads exactly as real Vision
// and the tesseract engine would.
func decodeImage(b []byte) (Image, error) {
	if len(b) == 0 {
		return Image{}, ImageError(codes.InvalidArgument, "Image content is empty; send image.content or image.source.gcs_image_uri.")
	}
	if len(b) > MaxImageBytes {
		return Image{}, ImageError(codes.InvalidArgument, "Image is %d bytes, above the %d-byte limit; downscale or recompress it.", len(b), MaxImageBytes)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return Image{}, ImageError(codes.InvalidArgument, badImageData)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
		return Image{}, ImageError(codes.InvalidArgument, "Image is %dx%d pixels, above the %d-pixel limit; downscale it.", cfg.Width, cfg.Height, maxPixels)
	}
	// A full decode, not just the header: a truncated JPEG has a valid header but no pixels.
	img, format, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return Image{}, ImageError(codes.InvalidArgument, badImageData)
	}
	return Image{Bytes: b, Decoded: img, Format: format}, nil
}
