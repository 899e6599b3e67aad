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
	"github.com/tollbooth/tollbooth/internal/photolimit"
	"github.com/tollbooth/tollbooth/internal/plate"
	"github.com/tollbooth/tollbooth/internal/recognition"
	"github.com/tollbooth/tollbooth/internal/telemetry"
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
// booth's jurisdictions. Its result says whether this worker has a second recognizer.
func (r *Recognizer) ReadPlate(ctx context.Context, req ReadRequest) (recognition.Result, error) {
	photo := recognition.Photo{URI: capture.PhotoURI(req.Bucket, req.Object), Width: req.Width, Height: req.Height}
	res, err := recognition.ReadPhoto(ctx, metered{r.Vision, telemetry.RecognizerVision}, photo, policyFor(r.Jurisdictions, req))
	if err != nil {
		return res, visionError(photo.URI, err)
	}
	observeConfidence(ctx, res.Own)
	res.SecondOpinion = r.SecondOpinion
	activity.GetLogger(ctx).Info("plate read", "capture_id", req.CaptureID, "read", res.Own.Plate, "reason_code", res.Own.Code, "plate_found", res.PlateBox != nil)
	return res, nil
}

// ReadPlateCrop cuts the plate out of the photo, enlarges it, reads it (DOCUMENT_TEXT_DETECTION, with
// per-symbol confidences) and returns the verdict of both reads together.
func (r *Recognizer) ReadPlateCrop(ctx context.Context, req CropRequest) (recognition.Result, error) {
	uri := capture.PhotoURI(req.Bucket, req.Object)
	data, err := photoBytes(ctx, r.Photos, req.Bucket, req.Object)
	if err != nil {
		return recognition.Result{}, err
	}
	res, err := recognition.ReadCrop(ctx, metered{r.Vision, telemetry.RecognizerVision}, r.Decoder, data, req.Box, req.First, policyFor(r.Jurisdictions, req.ReadRequest), recognition.CropReadName)
	if err != nil {
		return res, visionError(uri, err)
	}
	observeConfidence(ctx, res.Own)
	activity.GetLogger(ctx).Info("plate crop read", "capture_id", req.CaptureID, "read", res.Own.Plate, "reason_code", res.Verdict.Code)
	return res, nil
}

// photoBytes reads a capture's photo for a crop read. A photo deleted since it was inspected is
// ErrPhotoRejected (a person looks at the capture); other errors are retried.
func photoBytes(ctx context.Context, photos PhotoReader, bucket, object string) ([]byte, error) {
	uri := capture.PhotoURI(bucket, object)
	f, err := photos.Open(ctx, bucket, object)
	if errors.Is(err, ErrObjectNotFound) {
		return nil, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("photo %s was deleted before its plate could be read again", uri), ErrPhotoRejected, nil)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s to crop its plate: %w", uri, err)
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("read %s to crop its plate: %w", uri, err)
	}
	return data, nil
}

// policyFor is the safe auto-accept policy for the request's booth and confidence.
func policyFor(jurisdictions func(booth string) []string, req ReadRequest) autoaccept.Policy {
	var codes []string
	if jurisdictions != nil {
		codes = jurisdictions(req.BoothID)
	}
	return autoaccept.Policy{Jurisdictions: codes, MinConfidence: req.MinConfidence}
}

// visionError makes an image the recognizer refuses, or one the worker cannot decode to crop
// (the same bytes fail the same way every time), a non-retryable ErrPhotoRejected (a person looks
// at it); other errors are returned for the activity's retry policy.
func visionError(uri string, err error) error {
	if errors.Is(err, recognition.ErrImageRejected) {
		return temporal.NewNonRetryableApplicationError(fmt.Sprintf("the recognizer rejected %s: %v", uri, err), ErrPhotoRejected, nil)
	}
	if photolimit.Refused(err) {
		return temporal.NewNonRetryableApplicationError(fmt.Sprintf("the plate of %s could not be cut out: %v", uri, err), ErrPhotoRejected, nil)
	}
	return fmt.Errorf("read the plate of %s: %w", uri, err)
}
