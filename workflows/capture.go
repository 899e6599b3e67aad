package workflows

import (
	"errors"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/telemetry"
	"github.com/tollbooth/tollbooth/signals"
)

// Activities are referenced through typed nil pointers, never by name, so a renamed method is a
// compile error rather than a stuck workflow.
var (
	photos        *activities.Photos
	records       *activities.Records
	recognizer    *activities.Recognizer
	secondOpinion *activities.SecondOpinion
	alerting      *activities.Alerting
)

// Capture turns one photo into one capture record: check the photo, read its plate (the photo, then
// the plate's enlarged crop), accept it when the safe auto-accept policy allows, or wait for a
// person's decision, and store the record.
// Its workflow id derives from the photo (signals.CaptureWorkflowID), so each photo has one run. It is
// registered as signals.CaptureWorkflow.
func Capture(ctx workflow.Context, in signals.CaptureInput) (signals.CaptureState, error) {
	c := &captureRun{in: in}
	c.state.CaptureID, c.state.Status, c.state.PhotoURI = in.CaptureID, capture.StatusReceived, capture.PhotoURI(in.Bucket, in.Object)
	if c.in.AutoAcceptConfidence <= 0 {
		c.in.AutoAcceptConfidence = capture.DefaultAutoAcceptConfidence
	}
	if err := c.registerHandlers(ctx); err != nil {
		return c.state, err
	}
	c.showDetails(ctx)
	err := c.run(ctx)
	c.showDetails(ctx)
	// A reviewer's update answers only once the record is stored; let it answer before the run ends.
	_ = workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) })
	return c.state, err
}

// captureRun is one workflow execution's state, shared by the main flow and the handlers. The state's
// record is the capture as the query shows it and as it is stored.
type captureRun struct {
	in       signals.CaptureInput
	state    signals.CaptureState
	photo    activities.Photo
	decision *signals.ReviewDecision
	// signalled receives review-decision signals (capture_decision.go).
	signalled workflow.ReceiveChannel
	// queueVersion is the reviewQueueChange version of this run's review wait (see capture_review.go).
	queueVersion workflow.Version
}

func (c *captureRun) run(ctx workflow.Context) error {
	logger := workflow.GetLogger(ctx)
	err := workflow.ExecuteActivity(summarized(photoActivities(ctx), "inspect the photo: size, image, SHA-256, booth"), photos.InspectPhoto, activities.InspectRequest{
		CaptureID: c.in.CaptureID, Bucket: c.in.Bucket, Object: c.in.Object,
	}).Get(ctx, &c.photo)
	var appErr *temporal.ApplicationError
	switch {
	case errors.As(err, &appErr) && appErr.Type() == activities.ErrInvalidPhoto:
		logger.Warn("photo refused", "capture_id", c.in.CaptureID, "reason", appErr.Message())
		c.state.Reason, c.state.ReasonCode = appErr.Message(), capture.ReasonInvalidPhoto
		return c.save(ctx, capture.StatusFailedInput)
	case err != nil:
		return err
	case c.photo.Existing != nil:
		logger.Info("capture already final; nothing to do", "capture_id", c.in.CaptureID)
		c.state.Record = *c.photo.Existing
		return nil
	}
	c.state.BoothID, c.state.CaptureTime, c.state.PhotoSHA256 = c.photo.BoothID, c.photo.CaptureTime, c.photo.SHA256
	c.state.Status = capture.StatusRecognizing
	c.showDetails(ctx)

	if c.readPlate(ctx) {
		return c.save(ctx, capture.StatusAccepted)
	}
	if err := c.save(ctx, capture.StatusAwaitingReview); err != nil {
		return err
	}
	logger.Info("waiting for a reviewer", "capture_id", c.in.CaptureID, "reason", c.state.Reason)
	waitingSince := workflow.Now(ctx)
	if err := c.awaitDecision(ctx); err != nil {
		return err
	}
	workflow.GetMetricsHandler(ctx).Timer(telemetry.ReviewWait).Record(workflow.Now(ctx).Sub(waitingSince))
	if err := c.save(ctx, c.applyDecision(ctx, *c.decision)); err != nil {
		return err
	}
	return c.leaveQueue(ctx)
}

// applyDecision puts a reviewer's decision on the state and returns the status to store.
func (c *captureRun) applyDecision(ctx workflow.Context, d signals.ReviewDecision) capture.Status {
	c.state.ReviewerID, c.state.DecidedAt = d.ReviewerID, d.DecidedAt
	if c.state.DecidedAt.IsZero() {
		c.state.DecidedAt = workflow.Now(ctx)
	}
	c.state.Decision, c.state.Reason, c.state.ReasonCode = capture.DecisionByReviewer(d.ReviewerID), "", ""
	if d.Unreadable {
		c.state.Plate, c.state.Confidence = "", 0
		return capture.StatusUnreadable
	}
	// A person's read is certain by definition; the recognizer's best guess stays in Candidates.
	c.state.Plate, c.state.Confidence = d.Plate, 1
	return capture.StatusAccepted
}

// save stores the record with the given status, and only then makes it the state's status: the query
// never claims more than Firestore holds, and a reviewer's update answers once the write is durable.
func (c *captureRun) save(ctx workflow.Context, status capture.Status) error {
	info := workflow.GetInfo(ctx)
	rec := c.state.Record
	rec.Status = status
	rec.WorkflowID, rec.WorkflowRunID, rec.CreatedAt = info.WorkflowExecution.ID, info.WorkflowExecution.RunID, info.WorkflowStartTime
	var stored capture.Record
	if err := workflow.ExecuteActivity(summarized(photoActivities(ctx), "save the record: "+string(status)), records.SaveCapture, rec).Get(ctx, &stored); err != nil {
		return err
	}
	if stored.WorkflowRunID != rec.WorkflowRunID {
		workflow.GetLogger(ctx).Warn("another run had already stored this capture; keeping its record", "capture_id", c.in.CaptureID)
	}
	c.state.Record = stored // what Firestore holds: this run's record, or the earlier run's
	c.showDetails(ctx)
	if stored.WorkflowRunID == rec.WorkflowRunID && stored.Status.Final() {
		c.countFinished(ctx)
	}
	return nil
}

// countFinished counts the capture's final record (tollbooth_captures_finished_total) by status,
// how it was decided (auto, reviewer, or none for a refused photo) and booth. Through the
// workflow's metrics handler, so a replay never counts it again.
func (c *captureRun) countFinished(ctx workflow.Context) {
	decision := "none"
	switch {
	case c.state.Decision == capture.DecisionAuto:
		decision = "auto"
	case c.state.Decision != "":
		decision = "reviewer" // never the reviewer's id: one series per person would not stay small
	}
	booth := c.state.BoothID
	if booth == "" {
		booth = "unknown" // a photo refused before its booth was known
	}
	workflow.GetMetricsHandler(ctx).WithTags(map[string]string{
		telemetry.LabelStatus: string(c.state.Status), telemetry.LabelDecision: decision, telemetry.LabelBooth: booth,
	}).Counter(telemetry.CapturesFinished).Inc(1)
}
