package activities

import (
	"context"

	"go.temporal.io/sdk/activity"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/photolimit"
	"github.com/tollbooth/tollbooth/internal/recognition"
	"github.com/tollbooth/tollbooth/internal/telemetry"
)

// SecondOpinion holds the second recognizer's activity: another engine that speaks the Vision API
// (TOLLBOOTH_SECOND_OPINION_ENDPOINT; in production the local plate reader,
// deployments/kubernetes/visionserver.yaml). It runs on its own task queue, with its own rate cap,
// registered only by workers that have one configured.
type SecondOpinion struct {
	// Vision is the second recognizer.
	Vision recognition.Annotator
	// Photos gives the read the photo's bytes.
	Photos PhotoReader
	// Jurisdictions returns the jurisdictions a booth serves, as for the Recognizer.
	Jurisdictions func(booth string) []string
	// Decoder decodes the photo to crop its plate, within the worker's limits (shared by every
	// activity of the process).
	Decoder *photolimit.Decoder
}

// ReadSecondOpinion has the second recognizer read the plate's enlarged crop (the box and the
// verdict the first recognizer's reads agreed on are in the request) and returns the verdict of
// all the reads together: acceptable only when the second recognizer's read is acceptable on its
// own and is the same plate (autoaccept.Agree).
func (s *SecondOpinion) ReadSecondOpinion(ctx context.Context, req CropRequest) (recognition.Result, error) {
	uri := capture.PhotoURI(req.Bucket, req.Object)
	data, err := photoBytes(ctx, s.Photos, req.Bucket, req.Object)
	if err != nil {
		return recognition.Result{}, err
	}
	res, err := recognition.ReadCrop(ctx, metered{s.Vision, telemetry.RecognizerSecondOpinion}, s.Decoder, data, req.Box, req.First, policyFor(s.Jurisdictions, req.ReadRequest), recognition.SecondOpinionName)
	if err != nil {
		return res, visionError(uri, err)
	}
	observeConfidence(ctx, res.Own)
	activity.GetLogger(ctx).Info("second opinion read", "capture_id", req.CaptureID, "read", res.Own.Plate, "reason_code", res.Verdict.Code)
	return res, nil
}
