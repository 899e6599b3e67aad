package workflows

import (
	"errors"
	"fmt"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/autoaccept"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/recognition"
	"github.com/tollbooth/tollbooth/internal/telemetry"
)

// safeAutoAcceptChange replaced acceptance on the recognizer's confidence alone by the safe
// auto-accept policy: the photo's read with its plate box, then the plate's enlarged crop, judged by
// internal/autoaccept in the activities. Runs started before it read their plate the old way.
const (
	safeAutoAcceptChange  = "safe-auto-accept"
	safeAutoAcceptVersion = 1
)

// secondOpinionChange added the second recognizer's read (TOLLBOOTH_SECOND_OPINION_ENDPOINT) to
// the plates the reads accept. Whether one is configured reaches the workflow on the photo's read
// (recognition.Result.SecondOpinion), recorded in the history; the version keeps a run whose history
// has no second opinion where its photo's read asked for one (a worker without this code decided
// it) replaying as it ran.
const (
	secondOpinionChange  = "second-opinion"
	secondOpinionVersion = 1
)

// readPlate reads the plate and reports whether the policy accepts it without a person; otherwise
// the state's reason says why a person must look.
func (c *captureRun) readPlate(ctx workflow.Context) bool {
	if workflow.GetVersion(ctx, safeAutoAcceptChange, workflow.DefaultVersion, safeAutoAcceptVersion) == workflow.DefaultVersion {
		return c.recognizeByConfidence(ctx)
	}
	accepted := c.readTwice(ctx)
	decision := "person"
	if accepted {
		decision = "auto"
	}
	// tollbooth_capture_decisions_total: "auto", or "person" with the reason code that sent it to one.
	workflow.GetMetricsHandler(ctx).WithTags(map[string]string{telemetry.LabelDecision: decision, telemetry.LabelReason: string(c.state.ReasonCode)}).
		Counter(telemetry.CaptureDecisions).Inc(1)
	return accepted
}

// readTwice makes the photo's read and, when the policy accepts it and a plate was found, the read
// of the plate's crop; the plate is accepted only when both reads agree (autoaccept.Agree). With a
// second recognizer configured, a plate both reads accept must also be read alike by it.
func (c *captureRun) readTwice(ctx workflow.Context) bool {
	req := activities.ReadRequest{
		CaptureID: c.in.CaptureID, Bucket: c.in.Bucket, Object: c.in.Object, BoothID: c.photo.BoothID,
		Width: c.photo.Width, Height: c.photo.Height, MinConfidence: c.in.AutoAcceptConfidence,
	}
	var first recognition.Result
	err := workflow.ExecuteActivity(summarized(visionActivities(ctx), "read the photo: text and plate box"), recognizer.ReadPlate, req).Get(ctx, &first)
	if c.recognizerFailed(err) {
		return false
	}
	c.keepRead(capture.ReadPhoto, first)
	final := first
	if recognition.NeedsCropRead(first) {
		var crop recognition.Result
		err := workflow.ExecuteActivity(summarized(visionActivities(ctx), "read the plate's enlarged crop"), recognizer.ReadPlateCrop, activities.CropRequest{
			ReadRequest: req, Box: *first.PlateBox, First: first.Verdict,
		}).Get(ctx, &crop)
		if c.recognizerFailed(err) {
			return false
		}
		c.keepRead(capture.ReadPlateCrop, crop)
		final = crop
	}
	v := final.Verdict
	if v.Acceptable() && first.SecondOpinion &&
		workflow.GetVersion(ctx, secondOpinionChange, workflow.DefaultVersion, secondOpinionVersion) >= secondOpinionVersion {
		var ok bool
		if v, ok = c.readSecondOpinion(ctx, activities.CropRequest{ReadRequest: req, Box: *first.PlateBox, First: v}); !ok {
			return false
		}
	}
	if !v.Acceptable() {
		c.state.ReasonCode, c.state.Reason = v.Code, v.Reason
		return false
	}
	c.state.Plate, c.state.Confidence, c.state.Decision = v.Plate, v.Confidence, capture.DecisionAuto
	c.state.Jurisdiction, c.state.PlateFormat = v.Jurisdiction, v.Format
	c.state.ReasonCode, c.state.Reason = "", ""
	return true
}

// readSecondOpinion has the second recognizer read the plate's crop and returns the verdict of all
// the reads; false when it did not answer, with the reason on the state. Its outage or backlog
// never blocks a capture (secondOpinionActivities bound the wait) and never lets one through: the
// plate goes to a person.
func (c *captureRun) readSecondOpinion(ctx workflow.Context, req activities.CropRequest) (autoaccept.Verdict, bool) {
	var res recognition.Result
	err := workflow.ExecuteActivity(summarized(secondOpinionActivities(ctx), "second recognizer reads the crop of "+req.First.Plate), secondOpinion.ReadSecondOpinion, req).Get(ctx, &res)
	c.state.Attempts++
	if err != nil {
		workflow.GetLogger(ctx).Warn("the second recognizer did not answer; a person reads the plate", "capture_id", c.in.CaptureID, "error", err)
		c.state.ReasonCode = capture.ReasonSecondOpinionUnavailable
		c.state.Reason = fmt.Sprintf("the reads agree on %s, but %s did not answer, so a person checks it: %s",
			req.First.Plate, recognition.SecondOpinionName, activityFailure(err))
		return autoaccept.Verdict{}, false
	}
	c.keepRead(capture.ReadSecondOpinion, res)
	return res.Verdict, true
}

// activityFailure is why an activity failed, for a person: the activity's own message or the
// timeout that ended it, without the wrapping of the activity error.
func activityFailure(err error) string {
	var appErr *temporal.ApplicationError
	var timeout *temporal.TimeoutError
	switch {
	case errors.As(err, &appErr):
		return appErr.Message()
	case errors.As(err, &timeout):
		return fmt.Sprintf("no answer within its %s timeout", timeout.TimeoutType())
	}
	return err.Error()
}

// recognizerFailed counts an attempt and, when it failed, puts the reason on the state: an image the
// recognizer refuses, or a recognizer still failing after its retries. Either way a person reads the
// plate instead of the capture waiting without bound.
func (c *captureRun) recognizerFailed(err error) bool {
	c.state.Attempts++
	var appErr *temporal.ApplicationError
	switch {
	case err == nil:
		return false
	case errors.As(err, &appErr) && appErr.Type() == activities.ErrPhotoRejected:
		c.state.Reason, c.state.ReasonCode = appErr.Message(), capture.ReasonPhotoRejected
	default:
		c.state.Reason = fmt.Sprintf("the recognizer failed after %d tries: %v", recognizeAttempts, err)
		c.state.ReasonCode = capture.ReasonRecognizerFailed
	}
	return true
}

// keepRead records one read on the state: the read itself, and, from the photo's read, what a
// reviewer works from (raw text, candidates, the plate's box).
func (c *captureRun) keepRead(source string, r recognition.Result) {
	c.state.Reads = append(c.state.Reads, capture.Read{Source: source, Plate: r.Own.Plate, Confidence: r.Own.Confidence, ReasonCode: r.Own.Code})
	if source != capture.ReadPhoto {
		return
	}
	c.state.RawText = r.RawText
	c.state.Candidates = nil
	for _, cand := range r.Candidates {
		c.state.Candidates = append(c.state.Candidates, capture.Candidate{Plate: cand.Plate, Confidence: cand.Confidence, Format: cand.Format})
	}
	if r.PlateBox != nil {
		b := *r.PlateBox
		c.state.PlateBox = &capture.PlateBox{Left: b.Left, Top: b.Top, Width: b.Width, Height: b.Height}
	}
	if len(c.state.Candidates) > 0 {
		c.state.Confidence = c.state.Candidates[0].Confidence
	}
}
