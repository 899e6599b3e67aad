package workflows

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/autoaccept"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/recognition"
	"github.com/tollbooth/tollbooth/signals"
)

// withSecondOpinion is a photo's read made by a worker that has a second recognizer.
func withSecondOpinion(r recognition.Result) recognition.Result {
	r.SecondOpinion = true
	return r
}

// agreeingReads mocks the photo's read (from a worker with a second recognizer, or not) and its
// crop's, both reading 7ABC123 acceptably.
func agreeingReads(env *testsuite.TestWorkflowEnvironment, secondConfigured bool) recognition.Result {
	env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(testPhoto, nil)
	first := read("7ABC123", 0.93, "")
	first.SecondOpinion = secondConfigured
	env.OnActivity(recognizer.ReadPlate, mock.Anything, mock.Anything).Return(first, nil).Once()
	crop := read("7ABC123", 0.97, "")
	crop.Verdict.Confidence = 0.93
	env.OnActivity(recognizer.ReadPlateCrop, mock.Anything, mock.Anything).Return(crop, nil).Once()
	return first
}

// decideLater has a reviewer decide at the given workflow time, after the capture went to a person.
func decideLater(t *testing.T, env *testsuite.TestWorkflowEnvironment, after time.Duration, d signals.ReviewDecision) {
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(signals.ReviewDecisionUpdate, "u1", &testsuite.TestUpdateCallback{
			OnReject: func(err error) { t.Errorf("rejected: %v", err) }, OnAccept: func() {}, OnComplete: func(any, error) {},
		}, d)
	}, after)
}

func TestCaptureAutoAcceptsOnlyWhatTheSecondRecognizerReadsAlike(t *testing.T) {
	env, saved := newEnv(t)
	first := agreeingReads(env, true)
	var queue string
	env.SetOnActivityStartedListener(func(info *activity.Info, _ context.Context, _ converter.EncodedValues) {
		if info.ActivityType.Name == "ReadSecondOpinion" {
			queue = info.TaskQueue
		}
	})
	second := read("7ABC123", 0.95, "")
	second.Verdict.Confidence = 0.93
	env.OnActivity(secondOpinion.ReadSecondOpinion, mock.Anything, mock.MatchedBy(func(r activities.CropRequest) bool {
		// The second recognizer reads the same crop, and agrees with what both reads agreed on.
		return r.Box == *first.PlateBox && r.First.Plate == "7ABC123" && r.First.Acceptable() && r.BoothID == "north-01" && r.MinConfidence == 0.8
	})).Return(second, nil).Once()

	env.ExecuteWorkflow(Capture, testInput)

	st := result(t, env)
	require.Equal(t, capture.StatusAccepted, st.Status)
	require.Equal(t, capture.DecisionAuto, st.Decision)
	require.Equal(t, "7ABC123", st.Plate)
	require.Equal(t, 3, st.Attempts, "the photo, its crop and the second recognizer")
	require.Equal(t, signals.SecondOpinionTaskQueue, queue, "its own task queue, with its own rate cap")
	require.Len(t, *saved, 1)
	require.Equal(t, []capture.Read{
		{Source: capture.ReadPhoto, Plate: "7ABC123", Confidence: 0.93},
		{Source: capture.ReadPlateCrop, Plate: "7ABC123", Confidence: 0.97},
		{Source: capture.ReadSecondOpinion, Plate: "7ABC123", Confidence: 0.95},
	}, (*saved)[0].Reads)
	env.AssertExpectations(t)
}

func TestCaptureASecondRecognizerThatDisagreesSendsThePlateToAPerson(t *testing.T) {
	env, saved := newEnv(t)
	agreeingReads(env, true)
	second := read("7ABC128", 0.96, "")
	second.Verdict = autoaccept.Agree(read("7ABC123", 0.93, "").Verdict, second.Own, recognition.SecondOpinionName)
	env.OnActivity(secondOpinion.ReadSecondOpinion, mock.Anything, mock.Anything).Return(second, nil).Once()
	decideLater(t, env, time.Hour, signals.ReviewDecision{Plate: "7ABC123", ReviewerID: "carol"})

	env.ExecuteWorkflow(Capture, testInput)

	st := result(t, env)
	require.Equal(t, "7ABC123", st.Plate, "the reviewer's plate")
	require.Equal(t, capture.DecisionByReviewer("carol"), st.Decision)
	waiting := (*saved)[0]
	require.Equal(t, capture.StatusAwaitingReview, waiting.Status)
	require.Equal(t, capture.ReasonReadsDisagree, waiting.ReasonCode)
	require.Equal(t, "the photo reads 7ABC123 but the second recognizer reads 7ABC128", waiting.Reason)
	require.Empty(t, waiting.Plate, "nothing is billable until a person decides")
	require.Equal(t, []capture.Read{
		{Source: capture.ReadPhoto, Plate: "7ABC123", Confidence: 0.93},
		{Source: capture.ReadPlateCrop, Plate: "7ABC123", Confidence: 0.97},
		{Source: capture.ReadSecondOpinion, Plate: "7ABC128", Confidence: 0.96},
	}, waiting.Reads, "the reviewer sees both recognizers' reads")
}

func TestCaptureASecondRecognizerThatIsDownSendsThePlateToAPerson(t *testing.T) {
	for name, fail := range map[string]struct {
		err   error
		calls int
		why   string // the end of the reason's sentence
	}{
		"failing after its retries":       {errors.New("rpc error: code = Unavailable desc = connection refused"), secondOpinionAttempts, "so a person checks it: rpc error: code = Unavailable desc = connection refused"},
		"no worker took the task in time": {temporal.NewTimeoutError(enumspb.TIMEOUT_TYPE_SCHEDULE_TO_START, nil), 1, "so a person checks it: no answer within its ScheduleToStart timeout"},
		"refusing the image it was sent":  {temporal.NewNonRetryableApplicationError("the recognizer rejected it", activities.ErrPhotoRejected, nil), 1, "so a person checks it: the recognizer rejected it"},
	} {
		t.Run(name, func(t *testing.T) {
			env, saved := newEnv(t)
			agreeingReads(env, true)
			env.OnActivity(secondOpinion.ReadSecondOpinion, mock.Anything, mock.Anything).Return(recognition.Result{}, fail.err)
			var waiting signals.CaptureState
			env.RegisterDelayedCallback(func() {
				v, err := env.QueryWorkflow(signals.CaptureStateQuery)
				require.NoError(t, err)
				require.NoError(t, v.Get(&waiting))
			}, secondOpinionQueueWait+5*time.Minute) // past every bound of the second recognizer's wait
			decideLater(t, env, time.Hour, signals.ReviewDecision{Plate: "7ABC123", ReviewerID: "dave"})

			env.ExecuteWorkflow(Capture, testInput)

			require.Equal(t, capture.StatusAwaitingReview, waiting.Status, "the capture waits for a person, not for the second recognizer")
			require.Equal(t, capture.ReasonSecondOpinionUnavailable, waiting.ReasonCode)
			require.True(t, strings.HasPrefix(waiting.Reason, "the reads agree on 7ABC123, but the second recognizer did not answer"), waiting.Reason)
			require.True(t, strings.HasSuffix(waiting.Reason, fail.why), waiting.Reason)
			require.Empty(t, waiting.Plate, "never accepted without the second opinion")
			require.Len(t, waiting.Reads, 2, "the reads that were made")
			env.AssertNumberOfCalls(t, "ReadSecondOpinion", fail.calls)
			st := result(t, env)
			require.Equal(t, capture.DecisionByReviewer("dave"), st.Decision)
			require.Equal(t, capture.ReasonSecondOpinionUnavailable, (*saved)[0].ReasonCode)
		})
	}
}

func TestCaptureWithoutASecondRecognizerIsUnchanged(t *testing.T) {
	env, saved := newEnv(t)
	agreeingReads(env, false)

	env.ExecuteWorkflow(Capture, testInput)

	st := result(t, env)
	require.Equal(t, capture.StatusAccepted, st.Status)
	require.Equal(t, 2, st.Attempts)
	require.Len(t, (*saved)[0].Reads, 2)
	env.AssertNotCalled(t, "ReadSecondOpinion", mock.Anything, mock.Anything)
}

func TestCaptureAReadThePolicyRefusesIsNotSentToTheSecondRecognizer(t *testing.T) {
	env, saved := newEnv(t)
	env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(testPhoto, nil)
	env.OnActivity(recognizer.ReadPlate, mock.Anything, mock.Anything).
		Return(withSecondOpinion(read("TWAWSI", 0.95, capture.ReasonNotStandardFormat)), nil).Once()
	decideLater(t, env, time.Hour, signals.ReviewDecision{Plate: "TWAWSI", ReviewerID: "erin"})

	env.ExecuteWorkflow(Capture, testInput)

	result(t, env)
	require.Equal(t, capture.ReasonNotStandardFormat, (*saved)[0].ReasonCode, "a person reads it anyway: no second call is spent")
	env.AssertNotCalled(t, "ReadSecondOpinion", mock.Anything, mock.Anything)
}
