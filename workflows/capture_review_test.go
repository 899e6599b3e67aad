package workflows

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/tollbooth/tollbooth/internal/alert"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/signals"
)

// sentAlert is an alert as the mocked activity saw it, with the workflow time it was sent at.
type sentAlert struct {
	alert.Alert
	at time.Duration // since the workflow started
}

// waitingEnv is a capture the recognizer cannot read, with alerts and search attribute upserts
// recorded.
func waitingEnv(t *testing.T) (env *testsuite.TestWorkflowEnvironment, alerts *[]sentAlert, upserts *[]temporal.SearchAttributes) {
	t.Helper()
	env, _ = newEnv(t)
	start := time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC)
	env.SetStartTime(start)
	env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(testPhoto, nil)
	env.OnActivity(recognizer.ReadPlate, mock.Anything, mock.Anything).Return(read("7ABC12", 0.3, capture.ReasonNotStandardFormat), nil)
	alerts, upserts = &[]sentAlert{}, &[]temporal.SearchAttributes{}
	env.OnActivity(alerting.SendAlert, mock.Anything, mock.Anything).Return(func(_ context.Context, a alert.Alert) error {
		*alerts = append(*alerts, sentAlert{Alert: a, at: env.Now().Sub(start)})
		return nil
	})
	env.OnUpsertTypedSearchAttributes(mock.Anything).Run(func(args mock.Arguments) {
		*upserts = append(*upserts, args.Get(0).(temporal.SearchAttributes))
	}).Return(nil)
	return env, alerts, upserts
}

func decideAt(t *testing.T, env *testsuite.TestWorkflowEnvironment, after time.Duration, d signals.ReviewDecision) {
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(signals.ReviewDecisionUpdate, "decision", &testsuite.TestUpdateCallback{
			OnReject: func(err error) { t.Errorf("decision rejected: %v", err) }, OnAccept: func() {},
			OnComplete: func(_ any, err error) { require.NoError(t, err) },
		}, d)
	}, after)
}

func kinds(alerts []sentAlert) []alert.Kind {
	var out []alert.Kind
	for _, a := range alerts {
		out = append(out, a.Kind)
	}
	return out
}

func TestReviewReminderAndEscalationFireAtTheConfiguredAgesAndNotBefore(t *testing.T) {
	env, alerts, _ := waitingEnv(t)
	in := testInput
	in.Review = signals.ReviewPolicy{ReminderAfter: 20 * time.Minute, EscalateAfter: 90 * time.Minute, WebUI: "http://ui.example"}
	var atReminderMinus, atEscalationMinus []alert.Kind
	env.RegisterDelayedCallback(func() { atReminderMinus = kinds(*alerts) }, 20*time.Minute-time.Second)
	env.RegisterDelayedCallback(func() { atEscalationMinus = kinds(*alerts) }, 90*time.Minute-time.Second)
	decideAt(t, env, 10*time.Hour, signals.ReviewDecision{Plate: "7ABC123", ReviewerID: "alice"})

	env.ExecuteWorkflow(Capture, in)

	st := result(t, env)
	require.Equal(t, capture.StatusAccepted, st.Status, "waiting ends only with the decision, ten hours later")
	require.Empty(t, atReminderMinus, "no alert before the reminder age")
	require.Equal(t, []alert.Kind{alert.KindReviewReminder}, atEscalationMinus, "only the reminder before the escalation age")
	require.Equal(t, []alert.Kind{alert.KindReviewReminder, alert.KindReviewEscalation}, kinds(*alerts), "one of each, no repeats")
	// The recognition activities take no workflow time, so the wait starts when the workflow does.
	require.Equal(t, 20*time.Minute, (*alerts)[0].at)
	require.Equal(t, 90*time.Minute, (*alerts)[1].at)
	for _, a := range *alerts {
		require.Equal(t, "cap1", a.Key)
		require.Contains(t, a.Link, "http://ui.example/namespaces/")
		require.Contains(t, a.Link, "/workflows/"+"default-test-workflow-id")
		require.Contains(t, a.Body, "starter review show cap1")
	}
}

func TestReviewDeadlinesDefaultTo30MinutesAnd4Hours(t *testing.T) {
	env, alerts, _ := waitingEnv(t)
	decideAt(t, env, 5*time.Hour, signals.ReviewDecision{Unreadable: true, ReviewerID: "bob"})

	env.ExecuteWorkflow(Capture, testInput)

	require.Equal(t, capture.StatusUnreadable, result(t, env).Status)
	require.Len(t, *alerts, 2)
	require.Equal(t, 30*time.Minute, (*alerts)[0].at)
	require.Equal(t, 4*time.Hour, (*alerts)[1].at)
}

func TestADecisionAfterTheReminderCompletesNormally(t *testing.T) {
	env, alerts, upserts := waitingEnv(t)
	in := testInput
	in.Review = signals.ReviewPolicy{ReminderAfter: 15 * time.Minute, EscalateAfter: time.Hour}
	decideAt(t, env, 40*time.Minute, signals.ReviewDecision{Plate: "7abc 123", ReviewerID: "carol", DecidedAt: time.Date(2026, 11, 25, 18, 40, 0, 0, time.UTC)})

	env.ExecuteWorkflow(Capture, in)

	st := result(t, env)
	require.Equal(t, capture.StatusAccepted, st.Status)
	require.Equal(t, "7ABC123", st.Plate)
	require.Equal(t, "carol", st.ReviewerID)
	require.Equal(t, "7ABC12", st.Candidates[0].Plate, "the recognizer's candidates stay on the record for the audit")
	require.Equal(t, []alert.Kind{alert.KindReviewReminder}, kinds(*alerts), "no escalation once decided")

	require.Len(t, *upserts, 2, "into the queue while waiting, out of it once decided")
	waiting, decided := (*upserts)[0], (*upserts)[1]
	status, _ := waiting.GetKeyword(statusKey)
	booth, _ := waiting.GetKeyword(boothKey)
	taken, _ := waiting.GetTime(captureTimeKey)
	require.Equal(t, string(capture.StatusAwaitingReview), status)
	require.Equal(t, "north-01", booth)
	require.Equal(t, testPhoto.CaptureTime, taken)
	status, _ = decided.GetKeyword(statusKey)
	require.Equal(t, string(capture.StatusAccepted), status)
}

func TestAnAutoAcceptedCaptureNeverEntersTheReviewQueue(t *testing.T) {
	env, _ := newEnv(t)
	env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(testPhoto, nil)
	env.OnActivity(recognizer.ReadPlate, mock.Anything, mock.Anything).Return(read("7ABC123", 0.95, ""), nil)
	env.OnActivity(recognizer.ReadPlateCrop, mock.Anything, mock.Anything).Return(read("7ABC123", 0.95, ""), nil)
	var upserts int
	env.OnUpsertTypedSearchAttributes(mock.Anything).Run(func(mock.Arguments) { upserts++ }).Return(nil)

	env.ExecuteWorkflow(Capture, testInput)

	require.Equal(t, capture.StatusAccepted, result(t, env).Status)
	require.Zero(t, upserts, "no search attributes, no timers, no alerts on the automatic path")
	env.AssertNotCalled(t, "SendAlert", mock.Anything, mock.Anything)
}
