package captureclient

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/signals"
)

// catchUpWait bounds how long Decide waits for a workflow whose stored record already says
// awaiting_review while its own state does not yet: the record is written by the save activity, and
// the workflow takes the new status when it processes that activity's result, a moment later.
const catchUpWait = 5 * time.Second

// Decide sends a reviewer's decision to the capture's workflow (the review-decision update) and
// waits until the record is stored. The workflow's validator is the judge: a refusal comes back as
// *signals.DecisionError (malformed, by field) or *signals.NotWaitingError (decided already, with
// who and what; also when the workflow has closed).
//
// A reviewer acts on what the record says. Right after the record turns awaiting_review, the
// workflow may still say it is recognizing (it has not yet processed its save's result): Decide
// then asks again for up to catchUpWait instead of refusing a decision that is about to be wanted.
func (c *Client) Decide(ctx context.Context, captureID string, d signals.ReviewDecision) (signals.ReviewResult, error) {
	deadline := time.Now().Add(catchUpWait)
	for {
		res, err := c.decideOnce(ctx, captureID, d)
		var late *signals.NotWaitingError
		if !errors.As(err, &late) || late.Status != capture.StatusRecognizing || time.Now().After(deadline) {
			return res, err
		}
		if rec, rerr := c.record(ctx, captureID); rerr != nil || rec == nil || rec.Status != capture.StatusAwaitingReview {
			return res, err // the record does not wait for a person either: the refusal stands
		}
		select {
		case <-ctx.Done():
			return res, err
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func (c *Client) decideOnce(ctx context.Context, captureID string, d signals.ReviewDecision) (signals.ReviewResult, error) {
	var res signals.ReviewResult
	h, err := c.temporal.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: signals.CaptureWorkflowID(captureID), UpdateName: signals.ReviewDecisionUpdate,
		Args: []any{d}, WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	if err == nil {
		err = h.Get(ctx, &res)
	}
	if err == nil {
		return res, nil
	}
	if refusal, ok := signals.RefusalOf(err); ok {
		return res, refusal
	}
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		// The workflow has closed (or never existed): nothing waits. Its record says who decided.
		late := &signals.NotWaitingError{CaptureID: captureID}
		if rec, rerr := c.record(ctx, captureID); rerr == nil && rec != nil {
			late.Status, late.Plate, late.Decision, late.ReviewerID = rec.Status, rec.Plate, rec.Decision, rec.ReviewerID
		}
		return res, late
	}
	return res, fmt.Errorf("capture %s: %w", captureID, err)
}
