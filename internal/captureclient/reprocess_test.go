package captureclient

import (
	"context"
	"testing"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/api/serviceerror"
	workflowpb "go.temporal.io/api/workflow/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/mocks"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/signals"
)

const (
	testBucket = "photos-bucket"
	testObject = "photos/north-01/2026/11/25/20261125T170500.000Z_0123456789abcdef.jpg"
)

// lastRun makes a Temporal client whose capture workflow's last run has the given status and
// started with the photo's input.
func lastRun(t *testing.T, status enums.WorkflowExecutionStatus) (*mocks.Client, string) {
	t.Helper()
	id := capture.ID(testBucket, testObject)
	tc := &mocks.Client{}
	tc.On("DescribeWorkflowExecution", mock.Anything, signals.CaptureWorkflowID(id), "").Return(&workflowservice.DescribeWorkflowExecutionResponse{
		WorkflowExecutionInfo: &workflowpb.WorkflowExecutionInfo{
			Execution: &commonpb.WorkflowExecution{WorkflowId: signals.CaptureWorkflowID(id), RunId: "run-1"},
			Status:    status,
		},
	}, nil)
	input, err := converter.GetDefaultDataConverter().ToPayloads(signals.CaptureInput{CaptureID: id, Bucket: testBucket, Object: testObject, Source: "upload-event"})
	require.NoError(t, err)
	it := &mocks.HistoryEventIterator{}
	it.On("HasNext").Return(true)
	it.On("Next").Return(&historypb.HistoryEvent{
		EventType: enums.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
		Attributes: &historypb.HistoryEvent_WorkflowExecutionStartedEventAttributes{
			WorkflowExecutionStartedEventAttributes: &historypb.WorkflowExecutionStartedEventAttributes{Input: input},
		},
	}, nil)
	tc.On("GetWorkflowHistory", mock.Anything, signals.CaptureWorkflowID(id), "run-1", false, enums.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT).Return(it)
	return tc, id
}

func TestReprocessStartsARunAfterOneThatEndedUnfinished(t *testing.T) {
	for _, st := range []enums.WorkflowExecutionStatus{
		enums.WORKFLOW_EXECUTION_STATUS_TERMINATED, enums.WORKFLOW_EXECUTION_STATUS_FAILED,
		enums.WORKFLOW_EXECUTION_STATUS_TIMED_OUT, enums.WORKFLOW_EXECUTION_STATUS_CANCELED,
	} {
		t.Run(st.String(), func(t *testing.T) {
			tc, id := lastRun(t, st)
			run := &mocks.WorkflowRun{}
			run.On("GetRunID").Return("run-2")
			var opts client.StartWorkflowOptions
			var in signals.CaptureInput
			tc.On("ExecuteWorkflow", mock.Anything, mock.Anything, signals.CaptureWorkflow, mock.Anything).Run(func(a mock.Arguments) {
				opts, in = a.Get(1).(client.StartWorkflowOptions), a.Get(3).(signals.CaptureInput)
			}).Return(run, nil)
			// A record that waits for a reviewer is not final: its run was terminated while waiting.
			recs := memRecords{id: {CaptureID: id, Status: capture.StatusAwaitingReview}}
			c := New(tc, recs, Options{AutoAcceptConfidence: 0.9})
			require.NoError(t, c.CheckReprocess(context.Background(), id))
			s, err := c.Reprocess(context.Background(), id)
			require.NoError(t, err)
			require.Equal(t, Started{CaptureID: id, WorkflowID: signals.CaptureWorkflowID(id), RunID: "run-2"}, s)
			require.Equal(t, signals.CaptureWorkflowID(id), opts.ID, "the same workflow id: one per capture")
			require.Equal(t, enums.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY, opts.WorkflowIDReusePolicy)
			require.Equal(t, enums.WORKFLOW_ID_CONFLICT_POLICY_FAIL, opts.WorkflowIDConflictPolicy)
			require.Equal(t, signals.CaptureInput{CaptureID: id, Bucket: testBucket, Object: testObject, Source: SourceReprocess, AutoAcceptConfidence: 0.9}, in)
		})
	}
}

func TestReprocessRefusesWhatItMustNotRun(t *testing.T) {
	refusal := func(t *testing.T, c *Client, id string, want RefusalReason) *ReprocessRefusedError {
		t.Helper()
		_, err := c.Reprocess(context.Background(), id)
		var r *ReprocessRefusedError
		require.ErrorAs(t, err, &r)
		require.Equal(t, want, r.Reason, err.Error())
		require.ErrorAs(t, c.CheckReprocess(context.Background(), id), &r)
		return r
	}

	// A final record: refused before Temporal is asked, even with a run that ended terminated.
	tc, id := lastRun(t, enums.WORKFLOW_EXECUTION_STATUS_TERMINATED)
	final := memRecords{id: {CaptureID: id, Status: capture.StatusAccepted, Plate: "7ABC123", Decision: capture.DecisionAuto}}
	r := refusal(t, New(tc, final, Options{}), id, RefusedFinal)
	require.Contains(t, r.Error(), "7ABC123")
	tc.AssertNotCalled(t, "DescribeWorkflowExecution", mock.Anything, mock.Anything, mock.Anything)
	tc.AssertNotCalled(t, "ExecuteWorkflow", mock.Anything, mock.Anything, mock.Anything, mock.Anything)

	tc, id = lastRun(t, enums.WORKFLOW_EXECUTION_STATUS_RUNNING)
	r = refusal(t, New(tc, memRecords{id: {CaptureID: id, Status: capture.StatusAwaitingReview}}, Options{}), id, RefusedRunning)
	require.Contains(t, r.Error(), "review submit")
	require.Equal(t, "Running", r.RunStatus)

	tc, id = lastRun(t, enums.WORKFLOW_EXECUTION_STATUS_COMPLETED)
	refusal(t, New(tc, memRecords{}, Options{}), id, RefusedCompleted)
	tc.AssertNotCalled(t, "ExecuteWorkflow", mock.Anything, mock.Anything, mock.Anything, mock.Anything)

	tc = &mocks.Client{}
	tc.On("DescribeWorkflowExecution", mock.Anything, mock.Anything, "").Return(nil, serviceerror.NewNotFound("workflow not found"))
	r = refusal(t, New(tc, memRecords{}, Options{}), "nobody", RefusedNoRun)
	require.Contains(t, r.Error(), "backfill")
}

// Two reprocesses at once: the server starts one run; the other start finds it and is refused.
func TestASecondReprocessThatLosesTheRaceIsRefused(t *testing.T) {
	tc, id := lastRun(t, enums.WORKFLOW_EXECUTION_STATUS_TERMINATED)
	tc.On("ExecuteWorkflow", mock.Anything, mock.Anything, signals.CaptureWorkflow, mock.Anything).
		Return(nil, serviceerror.NewWorkflowExecutionAlreadyStarted("already started", "", "run-2"))
	_, err := New(tc, memRecords{}, Options{}).Reprocess(context.Background(), id)
	var r *ReprocessRefusedError
	require.ErrorAs(t, err, &r)
	require.Equal(t, RefusedRunning, r.Reason)
}
