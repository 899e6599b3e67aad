package workflows

import (
	"bytes"
	"encoding/json"
	"errors"

	"go.temporal.io/sdk/workflow"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/signals"
)

// registerHandlers answers the state query and takes review decisions two ways: the update (it
// answers the reviewer) and the signal (for the Web UI and `temporal workflow signal`; it cannot
// answer). Both go through check, and the first valid decision wins: whichever comes second is
// refused, so a signal racing an update yields one decision.
func (c *captureRun) registerHandlers(ctx workflow.Context) error {
	if err := workflow.SetQueryHandler(ctx, signals.CaptureStateQuery, func() (signals.CaptureState, error) {
		return c.state, nil
	}); err != nil {
		return err
	}
	if err := workflow.SetUpdateHandlerWithOptions(ctx, signals.ReviewDecisionUpdate, c.onReviewUpdate,
		workflow.UpdateHandlerOptions{Validator: c.validateReviewUpdate}); err != nil {
		return err
	}
	// Signals wait in the channel's buffer until taken (no goroutine blocks in Receive, which would
	// take a signal out of the buffer before it runs), so the update handler can take them first.
	c.signalled = workflow.GetSignalChannel(ctx, signals.ReviewDecisionSignal)
	workflow.Go(ctx, func(ctx workflow.Context) {
		for workflow.Await(ctx, func() bool { return c.signalled.Len() > 0 }) == nil {
			c.takeSignals(ctx)
		}
	})
	return nil
}

// takeSignals applies the review-decision signals that have arrived and not yet been taken. The
// update handler calls it first: a signal that reached the workflow before the update (earlier in
// its history, or in the same workflow task) decides before it, whatever order the SDK runs
// handlers in.
func (c *captureRun) takeSignals(ctx workflow.Context) {
	for {
		// Raw JSON, decoded strictly by onReviewSignal: a payload typed by hand that is not a
		// decision is refused visibly instead of being dropped by the SDK.
		var raw json.RawMessage
		if !c.signalled.ReceiveAsync(&raw) {
			return
		}
		c.onReviewSignal(ctx, raw)
	}
}

// check refuses a decision that is malformed (*signals.DecisionError) or comes when the capture does
// not wait for one (*signals.NotWaitingError); nil when it may decide the capture.
func (c *captureRun) check(d signals.ReviewDecision) signals.Refusal {
	if c.decision != nil || c.state.Status != capture.StatusAwaitingReview {
		late := &signals.NotWaitingError{CaptureID: c.in.CaptureID, Status: c.state.Status, Plate: c.state.Plate,
			Decision: c.state.Decision, ReviewerID: c.state.ReviewerID}
		if c.decision != nil { // decided, the record not yet stored
			late.Plate, late.Decision, late.ReviewerID = c.decision.Plate, capture.DecisionByReviewer(c.decision.ReviewerID), c.decision.ReviewerID
		}
		return late
	}
	var invalid *signals.DecisionError
	if errors.As(d.Validate(), &invalid) {
		return invalid
	}
	return nil
}

// decide hands an accepted decision to the main flow (awaitDecision). It checks again: between an
// update's validator and its handler, a signal may have decided first.
func (c *captureRun) decide(d signals.ReviewDecision) signals.Refusal {
	if r := c.check(d); r != nil {
		return r
	}
	d = d.Normalized()
	c.decision = &d
	return nil
}

// validateReviewUpdate refuses a decision before anything is written to history; the client gets
// the refusal's type and details.
func (c *captureRun) validateReviewUpdate(d signals.ReviewDecision) error {
	if r := c.check(d); r != nil {
		return r.ApplicationError()
	}
	return nil
}

// onReviewUpdate decides, then answers once the record is stored, so the reviewer's "done" means it
// is durable in Firestore.
func (c *captureRun) onReviewUpdate(ctx workflow.Context, d signals.ReviewDecision) (signals.ReviewResult, error) {
	c.takeSignals(ctx)
	if r := c.decide(d); r != nil {
		return signals.ReviewResult{}, r.ApplicationError()
	}
	if err := workflow.Await(ctx, func() bool { return c.state.Status.Final() }); err != nil {
		return signals.ReviewResult{}, err
	}
	return signals.ReviewResult{CaptureID: c.in.CaptureID, Plate: c.state.Plate, Status: string(c.state.Status), Decision: c.state.Decision}, nil
}

// onReviewSignal decides like the update. A refusal cannot answer the sender: it is logged and kept
// in the query's state, and the capture is unchanged.
func (c *captureRun) onReviewSignal(ctx workflow.Context, raw json.RawMessage) {
	var d signals.ReviewDecision
	var refusal signals.Refusal
	if err := decodeStrict(raw, &d); err != nil {
		refusal = &signals.DecisionError{Fields: map[string]string{signals.FieldInput: "not a review decision " +
			`(send {"plate":"7ABC123","reviewer_id":"alice"} or {"unreadable":true,"reviewer_id":"alice"}): ` + err.Error()}}
	} else {
		refusal = c.decide(d)
	}
	logger := workflow.GetLogger(ctx)
	if refusal == nil {
		logger.Info("review decided by signal", "capture_id", c.in.CaptureID, "reviewer", d.ReviewerID)
		return
	}
	logger.Warn("review-decision signal refused; the capture is unchanged", "capture_id", c.in.CaptureID,
		"reviewer", d.ReviewerID, "error_type", refusal.ErrorType(), "reason", refusal.Error())
	c.state.RefusedSignals = append(c.state.RefusedSignals, signals.RefusedSignal{
		Decision: d, ErrorType: refusal.ErrorType(), Reason: refusal.Error(), ReceivedAt: workflow.Now(ctx),
	})
	if n := len(c.state.RefusedSignals); n > signals.MaxRefusedSignals {
		c.state.RefusedSignals = c.state.RefusedSignals[n-signals.MaxRefusedSignals:]
	}
	c.showDetails(ctx)
}

// decodeStrict decodes a decision typed by hand: an unknown field (a typo such as "reviewer") is an
// error, not a silently empty reviewer id.
func decodeStrict(raw json.RawMessage, d *signals.ReviewDecision) error {
	if len(bytes.TrimSpace(raw)) == 0 || string(raw) == "null" {
		return errors.New("the signal has no input")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	// Decoding bytes into a struct is deterministic; workflowcheck flags encoding/json only because
	// it cannot see that no map is ranged over here.
	return dec.Decode(d) //workflowcheck:ignore
}
