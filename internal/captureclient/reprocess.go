package captureclient

import (
	"context"
	"errors"
	"fmt"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/converter"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/signals"
)

// Who started a capture, recorded in its input (signals.CaptureInput.Source) beside "upload-event",
// "starter" and "api".
const (
	SourceReprocess = "reprocess" // Reprocess: a new run after one that ended without finishing
	SourceSweep     = "sweep"     // the reconciliation sweep: a photo whose notification never came
)

// RefusalReason says why a capture is not reprocessed.
type RefusalReason string

const (
	RefusedFinal     RefusalReason = "final"     // a final record is stored: it is never processed again
	RefusedRunning   RefusalReason = "running"   // its workflow runs (or a reprocess just started one)
	RefusedCompleted RefusalReason = "completed" // its last run completed
	RefusedNoRun     RefusalReason = "no-run"    // no workflow history: never started, or past retention
)

// ReprocessRefusedError is a capture that Reprocess leaves alone, and why. It is a refusal, not a
// failure: the capture is as it should be, or needs another command.
type ReprocessRefusedError struct {
	CaptureID string
	Reason    RefusalReason
	// RunStatus is the last run's status as Temporal names it ("Running", "Completed"), if any.
	RunStatus string
	// Record is the capture's stored record, if any.
	Record *capture.Record
}

func (e *ReprocessRefusedError) Error() string {
	switch e.Reason {
	case RefusedFinal:
		return fmt.Sprintf("capture %s is final (%s): never processed again", e.CaptureID, describeRecord(e.Record))
	case RefusedRunning:
		msg := fmt.Sprintf("capture %s is running: nothing to reprocess", e.CaptureID)
		if e.Record != nil && e.Record.Status == capture.StatusAwaitingReview {
			msg += " (it waits for a reviewer: starter review submit)"
		}
		return msg
	case RefusedCompleted:
		if e.Record == nil {
			return fmt.Sprintf("capture %s: its last run completed without a record it could store; see the run in the Web UI", e.CaptureID)
		}
		return fmt.Sprintf("capture %s: its last run completed (%s): nothing to reprocess", e.CaptureID, describeRecord(e.Record))
	case RefusedNoRun:
		return fmt.Sprintf("capture %s has no workflow history (never started, or past the namespace's retention): "+
			"start its photo with starter backfill", e.CaptureID)
	}
	return fmt.Sprintf("capture %s is not reprocessed (%s)", e.CaptureID, e.Reason)
}

func describeRecord(r *capture.Record) string {
	if r == nil {
		return "no record"
	}
	s := "status " + string(r.Status)
	if r.Plate != "" {
		s += ", plate " + r.Plate
	}
	if r.Decision != "" {
		s += ", decided by " + r.Decision
	}
	return s
}

// unfinished are the ways a run can end without finishing its capture. A new run may follow them,
// and only them: they are the statuses the ALLOW_DUPLICATE_FAILED_ONLY reuse policy lets a start
// follow, so the server enforces what CheckReprocess reports.
var unfinished = map[enums.WorkflowExecutionStatus]bool{
	enums.WORKFLOW_EXECUTION_STATUS_TERMINATED: true,
	enums.WORKFLOW_EXECUTION_STATUS_FAILED:     true,
	enums.WORKFLOW_EXECUTION_STATUS_TIMED_OUT:  true,
	enums.WORKFLOW_EXECUTION_STATUS_CANCELED:   true,
}

// CheckReprocess says whether Reprocess would start a new run of the capture: nil when its last run
// ended terminated, failed, timed out or canceled and no final record is stored, else a
// *ReprocessRefusedError that says why not.
func (c *Client) CheckReprocess(ctx context.Context, captureID string) error {
	_, err := c.checkReprocess(ctx, captureID)
	return err
}

// checkReprocess returns the run id of the capture's last run when it may be reprocessed.
func (c *Client) checkReprocess(ctx context.Context, captureID string) (string, error) {
	refused := &ReprocessRefusedError{CaptureID: captureID}
	rec, err := c.record(ctx, captureID)
	if err != nil {
		return "", fmt.Errorf("capture %s: read its record: %w", captureID, err)
	}
	refused.Record = rec
	// The record first: a final record is never processed again, whatever its workflow says.
	if rec != nil && rec.Status.Final() {
		refused.Reason = RefusedFinal
		return "", refused
	}
	desc, err := c.temporal.DescribeWorkflowExecution(ctx, signals.CaptureWorkflowID(captureID), "")
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		refused.Reason = RefusedNoRun
		return "", refused
	}
	if err != nil {
		return "", fmt.Errorf("capture %s: describe its workflow: %w", captureID, err)
	}
	info := desc.GetWorkflowExecutionInfo()
	status := info.GetStatus()
	refused.RunStatus = status.String()
	switch {
	case unfinished[status]:
		return info.GetExecution().GetRunId(), nil
	case status == enums.WORKFLOW_EXECUTION_STATUS_RUNNING:
		refused.Reason = RefusedRunning
	default:
		refused.Reason = RefusedCompleted
	}
	return "", refused
}

// Reprocess starts a new run of a capture whose last run ended terminated, failed, timed out or
// canceled and that has no final record: the same workflow id (one per capture), the photo of the
// last run's input, this client's settings. Anything else is refused with a
// *ReprocessRefusedError.
//
// It can never bill twice: the start itself is refused by the server unless the last run ended
// unfinished (reuse policy ALLOW_DUPLICATE_FAILED_ONLY, conflict policy FAIL), so two reprocesses
// at once start one run; and a run that finds a final record stored stops without writing
// (InspectPhoto), while the record's save never overwrites another run's final record.
func (c *Client) Reprocess(ctx context.Context, captureID string) (Started, error) {
	runID, err := c.checkReprocess(ctx, captureID)
	if err != nil {
		return Started{}, err
	}
	in, err := c.startInput(ctx, captureID, runID)
	if err != nil {
		return Started{}, err
	}
	if got := capture.ID(in.Bucket, in.Object); got != captureID {
		return Started{}, fmt.Errorf("capture %s: its workflow's input names a photo of capture %s", captureID, got)
	}
	s, err := c.start(ctx, in.Bucket, in.Object, SourceReprocess, enums.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
	if err != nil {
		return Started{}, err
	}
	if s.Existing { // another reprocess got there first, or its run is no longer one that ended unfinished
		return Started{}, &ReprocessRefusedError{CaptureID: captureID, Reason: RefusedRunning}
	}
	return s, nil
}

// startInput reads the input a capture's run started with (its history's first event): the photo.
func (c *Client) startInput(ctx context.Context, captureID, runID string) (signals.CaptureInput, error) {
	var in signals.CaptureInput
	it := c.temporal.GetWorkflowHistory(ctx, signals.CaptureWorkflowID(captureID), runID, false, enums.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	if !it.HasNext() {
		return in, fmt.Errorf("capture %s: run %s has an empty history", captureID, runID)
	}
	ev, err := it.Next()
	if err != nil {
		return in, fmt.Errorf("capture %s: read the history of run %s: %w", captureID, runID, err)
	}
	started := ev.GetWorkflowExecutionStartedEventAttributes()
	if started == nil {
		return in, fmt.Errorf("capture %s: run %s's history does not begin with its start", captureID, runID)
	}
	if err := converter.GetDefaultDataConverter().FromPayloads(started.GetInput(), &in); err != nil {
		return in, fmt.Errorf("capture %s: decode the input of run %s: %w", captureID, runID, err)
	}
	return in, nil
}
