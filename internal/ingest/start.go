package ingest

import (
	"context"
	"errors"
	"fmt"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/signals"
	"github.com/tollbooth/tollbooth/workflows"
)

// Starter starts capture workflows.
type Starter struct {
	Temporal             client.Client
	AutoAcceptConfidence float64
	// Review is recorded in each workflow's input: the review deadlines and the Web UI for links.
	Review workflows.ReviewPolicy
}

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
// server (reject-duplicate reuse policy) and reported as Existing with the first run's id.
func (s Starter) Start(ctx context.Context, bucket, object, source string) (Started, error) {
	id := capture.ID(bucket, object)
	wfID := signals.CaptureWorkflowID(id)
	run, err := s.Temporal.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:                       wfID,
		TaskQueue:                signals.CaptureTaskQueue,
		WorkflowIDReusePolicy:    enums.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
		WorkflowIDConflictPolicy: enums.WORKFLOW_ID_CONFLICT_POLICY_FAIL,
		// Without it the SDK returns the existing run as if it had started it.
		WorkflowExecutionErrorWhenAlreadyStarted: true,
	}, workflows.Capture, workflows.CaptureInput{
		CaptureID: id, Bucket: bucket, Object: object,
		AutoAcceptConfidence: s.AutoAcceptConfidence, Source: source, Review: s.Review,
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
