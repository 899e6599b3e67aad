package activities

import (
	"context"
	"errors"
	"fmt"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/photolimit"
	"github.com/tollbooth/tollbooth/internal/plate"
	"github.com/tollbooth/tollbooth/internal/recognition"
)

// ErrImageRejected is wrapped by TextDetector when the service refuses the image itself
// (Vision's INVALID_ARGUMENT "Bad image data."); retrying cannot change its answer.
var ErrImageRejected = recognition.ErrImageRejected

// maxCandidates bounds what a record and a history event carry; a plate photo has few.
const maxCandidates = 5

// Recognizer holds the activities that call the OCR service. They run on the Vision task queue,
// whose rate limit applies to every worker together: one activity, one Vision request.
type Recognizer struct {
	// Vision reads text and plates (ReadPlate, ReadPlateCrop).
	Vision recognition.Annotator
	// Photos gives the crop read the photo's bytes.
	Photos PhotoReader
	// Jurisdictions returns the jurisdictions a booth serves (TOLLBOOTH_BOOTH_JURISDICTIONS).
	Jurisdictions func(booth string) []string
	// Decoder decodes the photo to crop its plate, within the worker's limits (shared by every
	// activity of the process).
	Decoder *photolimit.Decoder
	// Detector serves RecognizeText, the read of captures started before the safe auto-accept
	// policy, which may still be retrying it.
	Detector TextDetector
	// SecondOpinion is true when this worker also runs the second recognizer (SecondOpinion, on its
	// own task queue): ReadPlate says so on its result, which is how the workflow learns it.
	SecondOpinion bool
}

// RecognizeRequest asks for one attempt at reading a photo.
type RecognizeRequest struct {
	CaptureID string
	PhotoURI  string
	Mode      DetectionMode
}

// Recognition is one attempt's result: the raw text as the service returned it, and the plate
// candidates cleaned from it, best first.
type Recognition struct {
	Mode       DetectionMode
	RawText    string
	Candidates []capture.Candidate
}

// Best is the top candidate, if any.
func (r Recognition) Best() (capture.Candidate, bool) {
	if len(r.Candidates) == 0 {
		return capture.Candidate{}, false
	}
	return r.Candidates[0], true
}

// RecognizeText (legacy: see Recognizer.Detector) reads the photo's text and cleans it into plate candidates. Transient service errors
// are returned as they are, for the activity's retry policy; an image the service rejects fails with
// ErrPhotoRejected so that a person looks at it.
func (r *Recognizer) RecognizeText(ctx context.Context, req RecognizeRequest) (Recognition, error) {
	reading, err := r.Detector.DetectText(ctx, req.PhotoURI, req.Mode)
	if errors.Is(err, ErrImageRejected) {
		return Recognition{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("the recognizer rejected %s: %v", req.PhotoURI, err), ErrPhotoRejected, nil)
	}
	if err != nil {
		return Recognition{}, fmt.Errorf("%s on %s: %w", req.Mode, req.PhotoURI, err)
	}
	out := Recognition{Mode: req.Mode, RawText: reading.RawText}
	for _, c := range plate.Clean(reading) {
		if len(out.Candidates) == maxCandidates {
			break
		}
		out.Candidates = append(out.Candidates, capture.Candidate{Plate: c.Plate, Confidence: c.Confidence, Format: c.Format})
	}
	activity.GetLogger(ctx).Info("text recognized", "capture_id", req.CaptureID, "mode", req.Mode, "candidates", len(out.Candidates))
	return out, nil
}
