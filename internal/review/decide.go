package review

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/tollbooth/tollbooth/signals"
	"github.com/tollbooth/tollbooth/workflows"
)

// ErrNotWaiting says the capture has no review to decide: another reviewer decided it first, or it
// never needed one.
var ErrNotWaiting = errors.New("this capture is no longer waiting for a review: someone else decided it first")

// FieldError is a decision the workflow's validator refused, by field ("plate", "reviewer").
type FieldError struct {
	Fields map[string]string
}

func (e *FieldError) Error() string {
	var parts []string
	for f, m := range e.Fields {
		parts = append(parts, f+": "+m)
	}
	return strings.Join(parts, "; ")
}

// Submit sends a reviewer's decision to the capture's workflow and waits until the record is
// stored. Refusals come back as *FieldError (malformed input) or ErrNotWaiting (too late).
func Submit(ctx context.Context, c client.Client, captureID string, d signals.ReviewDecision) (signals.ReviewResult, error) {
	if err := d.Validate(); err != nil {
		return signals.ReviewResult{}, fieldError(err)
	}
	h, err := c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: signals.CaptureWorkflowID(captureID), UpdateName: signals.ReviewDecisionUpdate,
		Args: []any{d}, WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	var res signals.ReviewResult
	if err == nil {
		err = h.Get(ctx, &res)
	}
	return res, refusal(err)
}

// refusal turns the update's error into what a reviewer can act on.
func refusal(err error) error {
	if err == nil {
		return nil
	}
	var notFound *serviceerror.NotFound
	var app *temporal.ApplicationError
	switch {
	case errors.As(err, &notFound):
		// The workflow has completed (or never existed): nothing is waiting.
		return ErrNotWaiting
	case strings.Contains(err.Error(), "not waiting for a review"):
		return ErrNotWaiting
	case errors.As(err, &app):
		return fieldError(errors.New(app.Message()))
	}
	return err
}

// fieldError splits "plate: ..." and "reviewer: ..." lines of signals.ReviewDecision.Validate.
func fieldError(err error) *FieldError {
	fe := &FieldError{Fields: map[string]string{}}
	for line := range strings.SplitSeq(err.Error(), "\n") {
		field, msg, ok := strings.Cut(line, ": ")
		if !ok || (field != "plate" && field != "reviewer") {
			field, msg = "plate", line
		}
		if prev := fe.Fields[field]; prev != "" {
			msg = prev + "; " + msg
		}
		fe.Fields[field] = msg
	}
	return fe
}

// Show returns a capture's state from its workflow (the query), for a review page or `review show`.
func Show(ctx context.Context, c client.Client, captureID string) (workflows.CaptureState, error) {
	var st workflows.CaptureState
	v, err := c.QueryWorkflow(ctx, signals.CaptureWorkflowID(captureID), "", signals.CaptureStateQuery)
	if err != nil {
		return st, fmt.Errorf("capture %s: %w", captureID, err)
	}
	return st, v.Get(&st)
}
