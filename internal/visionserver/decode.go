package visionserver

import (
	"context"
	"errors"
	_ "image/gif" // formats real Vision accepts and tesseract's leptonica reads too
	_ "image/jpeg"
	_ "image/png"

	"google.golang.org/grpc/codes"

	"github.com/tollbooth/tollbooth/internal/photolimit"
)

// photos decodes every image of the process: Vision's own pixel limit (75 megapixels; the worker
// refuses far less, TOLLBOOTH_MAX_PHOTO_PIXELS), checked from the header before a pixel is
// allocated, so a decompression bomb costs nothing; and one memory budget for the decoded images
// in flight together, each held until its request is answered (the engines read the pixels).
var photos = photolimit.New(photolimit.VisionMaxPixels, photolimit.DefaultMemoryBytes)

// decodeImage checks that b is a whole, decodable image and returns it, with the release of its
// share of the decode budget, which the caller calls once done with the pixels. Every engine gets
// only images that passed here, so the fixture engine rejects corrupt uploads exactly as real
// Vision and the tesseract engine would.
func decodeImage(ctx context.Context, b []byte) (Image, func(), error) {
	if len(b) == 0 {
		return Image{}, func() {}, ImageError(codes.InvalidArgument, "Image content is empty; send image.content or image.source.gcs_image_uri.")
	}
	if len(b) > MaxImageBytes {
		return Image{}, func() {}, ImageError(codes.InvalidArgument, "Image is %d bytes, above the %d-byte limit; downscale or recompress it.", len(b), MaxImageBytes)
	}
	// A full decode, not just the header: a truncated JPEG has a valid header but no pixels.
	img, format, release, err := photos.Hold(ctx, b)
	var tooLarge *photolimit.TooLargeError
	switch {
	case errors.As(err, &tooLarge) && tooLarge.MaxPixels > 0:
		return Image{}, release, ImageError(codes.InvalidArgument, "Image is %dx%d pixels, above the %d-pixel limit; downscale it.", tooLarge.Width, tooLarge.Height, tooLarge.MaxPixels)
	case errors.As(err, &tooLarge):
		return Image{}, release, ImageError(codes.InvalidArgument, "Image is %dx%d pixels, too large to decode here; downscale it.", tooLarge.Width, tooLarge.Height)
	case photolimit.Refused(err):
		return Image{}, release, ImageError(codes.InvalidArgument, badImageData)
	case err != nil: // the request ended while it waited for the budget
		return Image{}, release, err
	}
	return Image{Bytes: b, Decoded: img, Format: format}, release, nil
}
