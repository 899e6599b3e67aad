package captureclient

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/mocks"
	"go.temporal.io/sdk/temporal"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/signals"
)

type memRecords map[string]capture.Record

func (m memRecords) Get(_ context.Context, id string) (*capture.Record, error) {
	if r, ok := m[id]; ok {
		return &r, nil
	}
	return nil, nil
}

// across is what a refusal looks like once it has crossed Temporal: decoded from its failure.
func across(err error) error {
	fc := temporal.GetDefaultFailureConverter()
	return fc.FailureToError(fc.ErrorToFailure(err))
}

func updateFails(t *testing.T, err error) *mocks.Client {
	t.Helper()
	tc := &mocks.Client{}
	h := &mocks.WorkflowUpdateHandle{}
	h.On("Get", mock.Anything, mock.Anything).Return(err)
	tc.On("UpdateWorkflow", mock.Anything, mock.Anything).Return(h, nil)
	return tc
}

func TestDecideReturnsTheWorkflowsRefusalsTyped(t *testing.T) {
	invalid := &signals.DecisionError{Fields: map[string]string{signals.FieldPlate: "any wording"}}
	c := New(updateFails(t, across(invalid.ApplicationError())), memRecords{}, Options{})
	_, err := c.Decide(context.Background(), "cap1", signals.ReviewDecision{Plate: "!!", ReviewerID: "alice"})
	var got *signals.DecisionError
	require.ErrorAs(t, err, &got)
	require.Equal(t, invalid.Fields, got.Fields)

	late := &signals.NotWaitingError{CaptureID: "cap1", Status: capture.StatusAccepted, Plate: "7ABC123", Decision: "reviewer:bob", ReviewerID: "bob"}
	c = New(updateFails(t, across(late.ApplicationError())), memRecords{}, Options{})
	_, err = c.Decide(context.Background(), "cap1", signals.ReviewDecision{Unreadable: true, ReviewerID: "alice"})
	var gotLate *signals.NotWaitingError
	require.ErrorAs(t, err, &gotLate)
	require.Equal(t, late, gotLate)
}

// A closed workflow cannot be decided; the record says who decided and what.
func TestDecideOnAClosedWorkflowSaysWhoDecided(t *testing.T) {
	tc := &mocks.Client{}
	tc.On("UpdateWorkflow", mock.Anything, mock.Anything).Return(nil, serviceerror.NewNotFound("workflow execution already completed"))
	recs := memRecords{"cap1": {CaptureID: "cap1", Status: capture.StatusAccepted, Plate: "7ABC123", Decision: capture.DecisionAuto}}
	_, err := New(tc, recs, Options{}).Decide(context.Background(), "cap1", signals.ReviewDecision{Plate: "7ABC123", ReviewerID: "alice"})
	var late *signals.NotWaitingError
	require.ErrorAs(t, err, &late)
	require.Equal(t, &signals.NotWaitingError{CaptureID: "cap1", Status: capture.StatusAccepted, Plate: "7ABC123", Decision: capture.DecisionAuto}, late)

	// Any other failure is passed on as it is.
	tc = &mocks.Client{}
	tc.On("UpdateWorkflow", mock.Anything, mock.Anything).Return(nil, serviceerror.NewUnavailable("frontend down"))
	_, err = New(tc, recs, Options{}).Decide(context.Background(), "cap1", signals.ReviewDecision{Plate: "7ABC123", ReviewerID: "alice"})
	var unavailable *serviceerror.Unavailable
	require.ErrorAs(t, err, &unavailable)
	_, isRefusal := signals.RefusalOf(err)
	require.False(t, isRefusal)
}

func TestShowFallsBackToTheRecordAndKnowsAnUnknownCapture(t *testing.T) {
	tc := &mocks.Client{}
	tc.On("QueryWorkflow", mock.Anything, signals.CaptureWorkflowID("old"), "", signals.CaptureStateQuery).
		Return(nil, serviceerror.NewNotFound("workflow not found"))
	tc.On("QueryWorkflow", mock.Anything, signals.CaptureWorkflowID("nobody"), "", signals.CaptureStateQuery).
		Return(nil, serviceerror.NewNotFound("workflow not found"))
	tc.On("QueryWorkflow", mock.Anything, signals.CaptureWorkflowID("stuck"), "", signals.CaptureStateQuery).
		Return(nil, serviceerror.NewUnavailable("no worker answered"))
	rec := capture.Record{CaptureID: "old", Status: capture.StatusAccepted, Plate: "ROCKY58", ReasonCode: capture.ReasonNoPlate}
	c := New(tc, memRecords{"old": rec}, Options{})

	st, err := c.Show(context.Background(), "old")
	require.NoError(t, err)
	require.Equal(t, rec, st.Record, "the whole record, no field copied by hand")

	_, err = c.Show(context.Background(), "nobody")
	require.ErrorIs(t, err, ErrNotFound)

	_, err = c.Show(context.Background(), "stuck")
	require.Error(t, err)
	require.False(t, errors.Is(err, ErrNotFound), "a capture that exists but cannot answer is not unknown")
}

// The record turns awaiting_review a moment before the workflow takes that status: a decision sent
// in between is refused as "recognizing", and Decide asks again rather than refuse it.
func TestDecideWaitsForAWorkflowBehindItsRecord(t *testing.T) {
	behind := &signals.NotWaitingError{CaptureID: "cap1", Status: capture.StatusRecognizing}
	tc := &mocks.Client{}
	refused := &mocks.WorkflowUpdateHandle{}
	refused.On("Get", mock.Anything, mock.Anything).Return(across(behind.ApplicationError()))
	decided := &mocks.WorkflowUpdateHandle{}
	decided.On("Get", mock.Anything, mock.Anything).Run(func(args mock.Arguments) {
		*(args.Get(1).(*signals.ReviewResult)) = signals.ReviewResult{CaptureID: "cap1", Plate: "7ABC123", Status: "accepted"}
	}).Return(nil)
	tc.On("UpdateWorkflow", mock.Anything, mock.Anything).Return(refused, nil).Twice()
	tc.On("UpdateWorkflow", mock.Anything, mock.Anything).Return(decided, nil).Once()
	recs := memRecords{"cap1": {CaptureID: "cap1", Status: capture.StatusAwaitingReview}}
	res, err := New(tc, recs, Options{}).Decide(context.Background(), "cap1", signals.ReviewDecision{Plate: "7ABC123", ReviewerID: "alice"})
	require.NoError(t, err)
	require.Equal(t, "7ABC123", res.Plate)
	tc.AssertNumberOfCalls(t, "UpdateWorkflow", 3)

	// A capture that is really still being recognized (its record does not wait for a person) is
	// refused at once.
	tc = &mocks.Client{}
	tc.On("UpdateWorkflow", mock.Anything, mock.Anything).Return(refused, nil)
	_, err = New(tc, memRecords{}, Options{}).Decide(context.Background(), "cap1", signals.ReviewDecision{Plate: "7ABC123", ReviewerID: "alice"})
	var late *signals.NotWaitingError
	require.ErrorAs(t, err, &late)
	require.Equal(t, capture.StatusRecognizing, late.Status)
	tc.AssertNumberOfCalls(t, "UpdateWorkflow", 1)
}
