package activities

import (
	"context"
	"errors"
	"fmt"
	"io"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"

	"github.com/tollbooth/tollbooth/internal/autoaccept"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/plate"
	"github.com/tollbooth/tollbooth/internal/recognition"
)

// ReadRequest asks for the first read of a capture's plate: the whole photo's text and plates.
type ReadRequest struct {
	CaptureID string
	Bucket    string
	Object    string
	BoothID   string
	// Width and Height are the photo's size (from InspectPhoto), the space of the word boxes.
	Width, Height int
	// MinConfidence is the capture's auto-accept confidence (its workflow input).
	MinConfidence float64
}

// CropRequest asks for the second, independent read: the plate's enlarged crop.
type CropRequest struct {
	ReadRequest
	// Box is the plate the first read found, normalized to the photo.
	Box plate.Box
	// First is the first read's verdict, which the crop's must agree with.
	First autoaccept.Verdict
}

// ReadPlate reads the photo (Vision reads it from the bucket itself: TEXT_DETECTION and
// OBJECT_LOCALIZATION in one request) and judges the read with the safe auto-accept policy for the
// booth's jurisdictions.
func (r *Recognizer) ReadPlate(ctx context.Context, req ReadRequest) (recognition.Result, error) {
	photo := recognition.Photo{URI: capture.PhotoURI(req.Bucket, req.Object), Width: req.Width, Height: req.Height}
	res, err := recognition.ReadPhoto(ctx, r.Vision, photo, r.policy(req))
	if err != nil {
		return res, visionError(photo.URI, err)
	}
	activity.GetLogger(ctx).Info("plate read", "capture_id", req.CaptureID, "read", res.Own.Plate, "reason_code", res.Own.Code, "plate_found", res.PlateBox != nil)
	return res, nil
}

// ReadPlateCrop cuts the plate out of the photo, enlarges it, reads it (DOCUMENT_TEXT_DETECTION, with
// per-symbol confidences) and returns the verdict of both reads together.
func (r *Recognizer) ReadPlateCrop(ctx context.Context, req CropRequest) (recognition.Result, error) {
	uri := capture.PhotoURI(req.Bucket, req.Object)
	f, err := r.Photos.Open(ctx, req.Bucket, req.Object)
	if errors.Is(err, ErrObjectNotFound) {
		return recognition.Result{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("photo %s was deleted before its plate could be read again", uri), ErrPhotoRejected, nil)
	}
	if err != nil {
		return recognition.Result{}, fmt.Errorf("open %s to crop its plate: %w", uri, err)
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return recognition.Result{}, fmt.Errorf("read %s to crop its plate: %w", uri, err)
	}
	res, err := recognition.ReadCrop(ctx, r.Vision, data, req.Box, req.First, r.policy(req.ReadRequest))
	if err != nil {
		return res, visionError(uri, err)
	}
	activity.GetLogger(ctx).Info("plate crop read", "capture_id", req.CaptureID, "read", res.Own.Plate, "reason_code", res.Verdict.Code)
	return res, nil
}

func (r *Recognizer) policy(req ReadRequest) autoaccept.Policy {
	var codes []string
	if r.Jurisdictions != nil {
		codes = r.Jurisdictions(req.BoothID)
	}
	return autoaccept.Policy{Jurisdictions: codes, MinConfidence: req.MinConfidence}
}

// visionError makes an image the recognizer refuses a non-retryable ErrPhotoRejected (a person
// looks at it); other errors are returned for the activity's retry policy.
func visionError(uri string, err error) error {
	if errors.Is(err, recognition.ErrImageRejected) {
		return temporal.NewNonRetryableApplicationError(fmt.Sprintf("the recognizer rejected %s: %v", uri, err), ErrPhotoRejected, nil)
	}
	return fmt.Errorf("read the plate of %s: %w", uri, err)
}
