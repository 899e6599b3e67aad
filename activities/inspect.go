package activities

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"io"
	"net/http"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/photolimit"
)

// ErrObjectNotFound is wrapped by PhotoReader when the object does not exist.
var ErrObjectNotFound = errors.New("object not found")

// Photos holds the activity that checks photos; it runs on the capture task queue.
type Photos struct {
	Reader PhotoReader
	// Records is read for a capture already recorded (see Photo.Existing).
	Records       RecordReader
	Booths        capture.Booths
	MaxPhotoBytes int64
	// Decoder checks the pixels a photo declares before decoding it, and bounds the memory of the
	// decodes in flight (shared by every activity of the process).
	Decoder *photolimit.Decoder
}

// InspectRequest names the photo of one capture.
type InspectRequest struct {
	CaptureID string
	Bucket    string
	Object    string
}

// Photo is what the capture workflow knows about its photo once it is checked.
type Photo struct {
	URI         string
	SHA256      string
	SizeBytes   int64
	Width       int
	Height      int
	BoothID     string
	CaptureTime time.Time
	// Existing is set when a final record for this capture is already stored (an event replayed
	// after the earlier run's history expired): the workflow then stops, so nothing is billed twice.
	Existing *capture.Record
}

// InspectPhoto checks that the object is a usable capture photo and computes its SHA-256. A photo
// that can never be used fails with ErrInvalidPhoto and a reason a person can act on.
func (p *Photos) InspectPhoto(ctx context.Context, req InspectRequest) (Photo, error) {
	existing, err := p.Records.Get(ctx, req.CaptureID)
	if err != nil {
		return Photo{}, fmt.Errorf("read record %s: %w", req.CaptureID, err)
	}
	if existing != nil && existing.Status.Final() {
		return Photo{Existing: existing}, nil
	}

	info, err := capture.ParseObjectName(req.Object)
	if err != nil {
		return Photo{}, invalidPhoto(err.Error())
	}
	if err := p.Booths.Check(info.BoothID); err != nil {
		return Photo{}, invalidPhoto(err.Error())
	}
	size, err := p.Reader.Size(ctx, req.Bucket, req.Object)
	if errors.Is(err, ErrObjectNotFound) {
		return Photo{}, invalidPhoto(fmt.Sprintf("photo %s was deleted before it could be read", capture.PhotoURI(req.Bucket, req.Object)))
	}
	if err != nil {
		return Photo{}, fmt.Errorf("read size of %s: %w", req.Object, err)
	}
	if size > p.MaxPhotoBytes {
		return Photo{}, invalidPhoto(fmt.Sprintf("photo is %d bytes, over the %d-byte limit (TOLLBOOTH_MAX_PHOTO_BYTES; Vision accepts at most 20 MB)", size, p.MaxPhotoBytes))
	}
	r, err := p.Reader.Open(ctx, req.Bucket, req.Object)
	if err != nil {
		return Photo{}, fmt.Errorf("open %s: %w", req.Object, err)
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, p.MaxPhotoBytes+1))
	if err != nil {
		return Photo{}, fmt.Errorf("read %s: %w", req.Object, err)
	}
	activity.RecordHeartbeat(ctx)
	img, format, err := p.decodeImage(ctx, data)
	if err != nil {
		return Photo{}, err
	}
	sum := sha256.Sum256(data)
	activity.GetLogger(ctx).Info("photo inspected", "capture_id", req.CaptureID, "format", format, "bytes", len(data))
	return Photo{
		URI:         capture.PhotoURI(req.Bucket, req.Object),
		SHA256:      hex.EncodeToString(sum[:]),
		SizeBytes:   int64(len(data)),
		Width:       img.Bounds().Dx(),
		Height:      img.Bounds().Dy(),
		BoothID:     info.BoothID,
		CaptureTime: info.CaptureTime,
	}, nil
}

// decodeImage decodes the whole image, not just its header: a truncated JPEG has a valid header and
// would otherwise reach the recognizer and a reviewer as a half-grey picture. Before that, the
// size its header declares is checked (photolimit): a decompression bomb is refused, as
// ErrInvalidPhoto, without a pixel allocated, so it can never take the worker down with it.
func (p *Photos) decodeImage(ctx context.Context, data []byte) (image.Image, string, error) {
	switch kind := http.DetectContentType(data); kind {
	case "image/jpeg", "image/png":
	default:
		return nil, "", invalidPhoto(fmt.Sprintf("not a JPEG or PNG image: %d bytes of %s", len(data), kind))
	}
	img, format, err := p.Decoder.Decode(ctx, data)
	var tooLarge *photolimit.TooLargeError
	switch {
	case errors.As(err, &tooLarge) && tooLarge.MaxPixels > 0:
		return nil, "", invalidPhoto(fmt.Sprintf("photo refused before decoding: %v (%s): a decompression bomb, or a camera far above booth resolution",
			err, config.EnvMaxPhotoPixels))
	case errors.As(err, &tooLarge):
		return nil, "", invalidPhoto(fmt.Sprintf("photo refused before decoding: %v (%s)", err, config.EnvDecodeMemoryBytes))
	case errors.Is(err, photolimit.ErrNotImage): // a JPEG or PNG signature, then no readable header
		return nil, "", invalidPhoto(fmt.Sprintf("the image is damaged or truncated (%d bytes): %v", len(data), err))
	case errors.Is(err, photolimit.ErrDamaged):
		return nil, "", invalidPhoto(err.Error())
	case err != nil: // the activity ended while it waited for the decode budget
		return nil, "", fmt.Errorf("decode: %w", err)
	}
	return img, format, nil
}

func invalidPhoto(reason string) error {
	return temporal.NewNonRetryableApplicationError(reason, ErrInvalidPhoto, nil)
}
