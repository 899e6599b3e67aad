package workflows

import (
	"errors"
	"fmt"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/capture"
)

// recognizeByConfidence is how captures started before the safe auto-accept policy read their plate
// (safeAutoAcceptChange's DefaultVersion): up to two attempts, the best candidate accepted on its
// confidence alone. It stays for those runs' replays only. Otherwise the state's reason says why a person must look.
func (c *captureRun) recognizeByConfidence(ctx workflow.Context) bool {
	for _, mode := range []activities.DetectionMode{activities.ModeText, activities.ModeDocument} {
		var r activities.Recognition
		err := workflow.ExecuteActivity(visionActivities(ctx), recognizer.RecognizeText, activities.RecognizeRequest{
			CaptureID: c.in.CaptureID, PhotoURI: c.photo.URI, Mode: mode,
		}).Get(ctx, &r)
		c.state.Attempts++
		var appErr *temporal.ApplicationError
		if errors.As(err, &appErr) && appErr.Type() == activities.ErrPhotoRejected {
			c.state.Reason, c.state.ReasonCode = appErr.Message(), capture.ReasonPhotoRejected
			return false
		}
		if err != nil {
			c.state.Reason = fmt.Sprintf("the recognizer failed after %d tries: %v", recognizeAttempts, err)
			c.state.ReasonCode = capture.ReasonRecognizerFailed
			return false
		}
		c.keepBetterReading(r)
		c.state.ReasonCode, c.state.Reason = c.doubtReason()
		if best, ok := r.Best(); ok && best.Confidence >= c.in.AutoAcceptConfidence {
			c.state.Plate, c.state.Confidence, c.state.Decision = best.Plate, best.Confidence, capture.DecisionAuto
			c.state.ReasonCode, c.state.Reason = "", ""
			return true
		}
	}
	return false
}

// keepBetterReading keeps on the state the attempt whose best candidate is the most confident, so a
// reviewer sees the best the machine could do.
func (c *captureRun) keepBetterReading(r activities.Recognition) {
	best, ok := r.Best()
	if len(c.state.Candidates) > 0 && (!ok || best.Confidence <= c.state.Candidates[0].Confidence) {
		return
	}
	c.state.RawText, c.state.Candidates = r.RawText, r.Candidates
	if ok {
		c.state.Confidence = best.Confidence
	}
}

// doubtReason says why the reads so far are not enough, about the best of them.
func (c *captureRun) doubtReason() (capture.ReasonCode, string) {
	if len(c.state.Candidates) == 0 {
		return capture.ReasonNoPlate, fmt.Sprintf("no well-formed plate in the recognized text (%d attempts)", c.state.Attempts)
	}
	best := c.state.Candidates[0]
	return capture.ReasonBelowThreshold, fmt.Sprintf("best read %s at confidence %.2f is below %.2f (%d attempts)",
		best.Plate, best.Confidence, c.in.AutoAcceptConfidence, c.state.Attempts)
}
