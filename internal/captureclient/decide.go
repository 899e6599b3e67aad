package captureclient

import (
	"context"
	"errors"
	"fmt"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/signals"
)

// Decide sends a reviewer's decision to the capture's workflow (the review-decision update) and
// waits until the record is stored. The workflow's validator is the judge: a refusal comes back as
// *signals.DecisionError (malformed, by field) or *signals.NotWaitingError (decided already, with
// who and what; also when the workflow has closed).
func (c *Client) Decide(ctx context.Context, captureID string, d signals.ReviewDecision) (signals.ReviewResult, error) {
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
