package captureclient

import (
	"context"
	"errors"
	"fmt"
	"time"

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
		// What the Web UI shows of the run besides its opaque id; the workflow adds where it
		// stands (its current details, workflows/capture_details.go).
		StaticSummary: startSummary(object, source),
		StaticDetails: startDetails(bucket, object, id, source),
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

// startSummary is the run's one line in the Web UI: the booth, the capture time and who started
// it, read from the object name (the photo is checked only by the workflow). A name not laid out
// by capture.ObjectName still gets a summary, with the object, and fails in the workflow with the
// reason.
func startSummary(object, source string) string {
	info, err := capture.ParseObjectName(object)
	if err != nil {
		return fmt.Sprintf("photo %s · %s", object, source)
	}
	return fmt.Sprintf("booth %s · taken %s · %s", info.BoothID, info.CaptureTime.UTC().Format(time.DateTime+" UTC"), source)
}

// startDetails is the run's fixed details (markdown): the photo, who started it and the command that
// shows the capture.
func startDetails(bucket, object, captureID, source string) string {
	return fmt.Sprintf("- photo: `%s`\n- started by: %s\n- show it: `starter status %s`",
		capture.PhotoURI(bucket, object), source, captureID)
}
