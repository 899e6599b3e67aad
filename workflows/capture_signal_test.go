package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/signals"
)

// unreadableEnv is a capture the recognizer reads nothing on, so it waits for a person.
func unreadableEnv(t *testing.T) (*testsuite.TestWorkflowEnvironment, *[]capture.Record) {
	t.Helper()
	env, saved := newEnv(t)
	env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(testPhoto, nil)
	env.OnActivity(recognizer.ReadPlate, mock.Anything, mock.Anything).Return(unreadable, nil)
	env.OnActivity(alerting.SendAlert, mock.Anything, mock.Anything).Return(nil) // reminders while it waits
	return env, saved
}

func queryState(t *testing.T, env *testsuite.TestWorkflowEnvironment) signals.CaptureState {
	t.Helper()
	v, err := env.QueryWorkflow(signals.CaptureStateQuery)
	require.NoError(t, err)
	var st signals.CaptureState
	require.NoError(t, v.Get(&st))
	return st
}

// A valid signal decides the capture exactly like the update.
func TestAReviewSignalDecidesLikeTheUpdate(t *testing.T) {
	env, saved := unreadableEnv(t)
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow(signals.ReviewDecisionSignal, signals.ReviewDecision{Plate: "7abc 123", ReviewerID: "operator"})
	}, time.Hour)

	env.ExecuteWorkflow(Capture, testInput)

	st := result(t, env)
	require.Equal(t, capture.StatusAccepted, st.Status)
	require.Equal(t, "7ABC123", st.Plate, "normalized, like the update's")
	require.Equal(t, capture.DecisionByReviewer("operator"), st.Decision)
	require.False(t, st.DecidedAt.IsZero(), "the workflow's time when the signal carries none")
	require.Empty(t, st.RefusedSignals)
	last := (*saved)[len(*saved)-1]
	require.Equal(t, capture.StatusAccepted, last.Status)
	require.Equal(t, "operator", last.ReviewerID)
}

// Bad signals change nothing: each refusal is in the query's state with its type and reason, and a
// valid decision afterwards still decides.
func TestBadReviewSignalsAreRefusedVisiblyAndChangeNothing(t *testing.T) {
	env, saved := unreadableEnv(t)
	var waiting signals.CaptureState
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow(signals.ReviewDecisionSignal, signals.ReviewDecision{Plate: "!!", ReviewerID: "operator"})
		env.SignalWorkflow(signals.ReviewDecisionSignal, map[string]any{"plate": "7ABC123", "reviewer": "operator"}) // typo
		env.SignalWorkflow(signals.ReviewDecisionSignal, map[string]any{"plate": 7123, "reviewer_id": "operator"})   // not text
		env.SignalWorkflow(signals.ReviewDecisionSignal, nil)
	}, time.Hour)
	env.RegisterDelayedCallback(func() { waiting = queryState(t, env) }, 2*time.Hour)
	decideAt(t, env, 3*time.Hour, signals.ReviewDecision{Unreadable: true, ReviewerID: "alice"})

	env.ExecuteWorkflow(Capture, testInput)

	require.Equal(t, capture.StatusAwaitingReview, waiting.Status, "refused signals leave the capture waiting")
	require.Len(t, waiting.RefusedSignals, 4)
	for _, r := range waiting.RefusedSignals {
		require.Equal(t, signals.ErrTypeInvalidDecision, r.ErrorType, "%+v", r)
		require.False(t, r.ReceivedAt.IsZero())
	}
	require.Contains(t, waiting.RefusedSignals[0].Reason, "not a valid plate")
	require.Equal(t, "operator", waiting.RefusedSignals[0].Decision.ReviewerID)
	require.Contains(t, waiting.RefusedSignals[1].Reason, `unknown field "reviewer"`)
	require.Contains(t, waiting.RefusedSignals[2].Reason, "not a review decision")
	require.Contains(t, waiting.RefusedSignals[3].Reason, "no input")

	st := result(t, env)
	require.Equal(t, capture.StatusUnreadable, st.Status, "the update decided")
	require.Equal(t, "alice", st.ReviewerID)
	require.Len(t, st.RefusedSignals, 4, "the refusals stay in the state")
	require.Len(t, *saved, 2, "waiting, then decided: nothing stored for a refused signal")
}

// A signal after the decision is refused as too late; the outcome stands.
func TestALateReviewSignalIsRefused(t *testing.T) {
	env, saved := unreadableEnv(t)
	decideAt(t, env, time.Hour, signals.ReviewDecision{Plate: "ABC123", ReviewerID: "alice"})
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow(signals.ReviewDecisionSignal, signals.ReviewDecision{Unreadable: true, ReviewerID: "bob"})
	}, time.Hour)

	env.ExecuteWorkflow(Capture, testInput)

	st := result(t, env)
	require.Equal(t, capture.StatusAccepted, st.Status)
	require.Equal(t, "alice", st.ReviewerID)
	require.Len(t, st.RefusedSignals, 1)
	require.Equal(t, signals.ErrTypeNotWaiting, st.RefusedSignals[0].ErrorType)
	require.Contains(t, st.RefusedSignals[0].Reason, "alice decided it first")
	require.Len(t, *saved, 2)
}

// A signal and an update sent together, in either order: one decides, the other is refused, and the
// record says who decided.
func TestASignalRacingAnUpdateYieldsOneDecision(t *testing.T) {
	for _, signalFirst := range []bool{true, false} {
		t.Run(map[bool]string{true: "signal first", false: "update first"}[signalFirst], func(t *testing.T) {
			env, saved := unreadableEnv(t)
			var updateErr error
			updated := false
			env.RegisterDelayedCallback(func() {
				signal := func() {
					env.SignalWorkflow(signals.ReviewDecisionSignal, signals.ReviewDecision{Plate: "SIG123", ReviewerID: "by-signal"})
				}
				if signalFirst {
					signal()
				}
				env.UpdateWorkflow(signals.ReviewDecisionUpdate, "u1", &testsuite.TestUpdateCallback{
					OnReject:   func(err error) { updateErr = err },
					OnAccept:   func() {},
					OnComplete: func(_ any, err error) { updated, updateErr = err == nil, err },
				}, signals.ReviewDecision{Plate: "UPD123", ReviewerID: "by-update"})
				if !signalFirst {
					signal()
				}
			}, time.Hour)

			env.ExecuteWorkflow(Capture, testInput)

			st := result(t, env)
			final := (*saved)[len(*saved)-1]
			require.Len(t, *saved, 2, "one decision stored")
			require.Equal(t, st.Record, final)
			if updated {
				require.NoError(t, updateErr)
				require.Equal(t, "by-update", final.ReviewerID)
				require.Equal(t, "UPD123", final.Plate)
				require.Len(t, st.RefusedSignals, 1, "the signal was refused")
				require.Equal(t, signals.ErrTypeNotWaiting, st.RefusedSignals[0].ErrorType)
			} else {
				refusal, ok := signals.RefusalOf(updateErr)
				require.True(t, ok, "the update was refused by type: %v", updateErr)
				require.Equal(t, signals.ErrTypeNotWaiting, refusal.ErrorType())
				require.Equal(t, "by-signal", final.ReviewerID)
				require.Equal(t, "SIG123", final.Plate)
				require.Empty(t, st.RefusedSignals)
			}
			require.Equal(t, signalFirst, !updated, "the first to arrive decides")
		})
	}
}
