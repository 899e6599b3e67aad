package captureclient

import (
	"context"
	"errors"
	"fmt"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/signals"
)

// Started reports one start.
type Started struct {
	CaptureID  string
	WorkflowID string
	RunID      string
	// Existing is true when the photo's workflow already existed (running or closed): nothing new ran.
	Existing bool
}

// Start starts the capture workflow of the photo at bucket/object, or finds the one that exists:
// a second start for the same photo, while its workflow runs or after it closed, is refused by the
// server (reject-duplicate reuse policy) and reported as Existing with the first run's id. source
// says who started it ("upload-event", "starter", "api", "sweep").
func (c *Client) Start(ctx context.Context, bucket, object, source string) (Started, error) {
	return c.start(ctx, bucket, object, source, enums.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
}

// start starts a capture's workflow under its one workflow id with the given reuse policy: every
// start reject-duplicate, but a reprocess (reprocess.go), which may follow a run that ended
// without finishing.
func (c *Client) start(ctx context.Context, bucket, object, source string, reuse enums.WorkflowIdReusePolicy) (Started, error) {
	id := capture.ID(bucket, object)
	wfID := signals.CaptureWorkflowID(id)
	run, err := c.temporal.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:                       wfID,
		TaskQueue:                signals.CaptureTaskQueue,
		WorkflowIDReusePolicy:    reuse,
		WorkflowIDConflictPolicy: enums.WORKFLOW_ID_CONFLICT_POLICY_FAIL,
		// Without it the SDK returns the existing run as if it had started it.
		WorkflowExecutionErrorWhenAlreadyStarted: true,
	}, signals.CaptureWorkflow, signals.CaptureInput{
		CaptureID: id, Bucket: bucket, Object: object,
		AutoAcceptConfidence: c.opts.AutoAcceptConfidence, Source: source, Review: c.opts.Review,
	})
	var already *serviceerror.WorkflowExecutionAlreadyStarted
	if errors.As(err, &already) {
		return Started{CaptureID: id, WorkflowID: wfID, RunID: already.RunId, Existing: true}, nil
	}
	if err != nil {
		return Started{}, fmt.Errorf("start capture %s (%s): %w", id, object, err)
	}
	return Started{CaptureID: id, WorkflowID: wfID, RunID: run.GetRunID()}, nil
}
