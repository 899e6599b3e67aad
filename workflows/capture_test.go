package workflows

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/signals"
)

var (
	testPhoto = activities.Photo{
		URI: "gs://photos/photos/north-01/2026/11/25/20261125T170501.000Z_0123456789abcdef.jpg", SHA256: "ab12",
		BoothID: "north-01", CaptureTime: time.Date(2026, 11, 25, 17, 5, 1, 0, time.UTC),
	}
	testInput = signals.CaptureInput{CaptureID: "cap1", Bucket: "photos", Object: "photos/north-01/2026/11/25/20261125T170501.000Z_0123456789abcdef.jpg", AutoAcceptConfidence: 0.8}
)

func reading(mode activities.DetectionMode, plate string, conf float64) activities.Recognition {
	r := activities.Recognition{Mode: mode, RawText: "CALIFORNIA\n" + plate}
	if plate != "" {
		r.Candidates = []capture.Candidate{{Plate: plate, Confidence: conf, Format: "generic-alnum"}}
	}
	return r
}

// newEnv returns a test environment with the activities registered and saves recorded in order.
func newEnv(t *testing.T) (*testsuite.TestWorkflowEnvironment, *[]capture.Record) {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(&activities.Photos{})
	env.RegisterActivity(&activities.Records{})
	env.RegisterActivity(&activities.Recognizer{})
	env.RegisterActivity(&activities.Alerting{})
	saved := &[]capture.Record{}
	env.OnActivity(records.SaveCapture, mock.Anything, mock.Anything).Return(
		func(_ context.Context, rec capture.Record) (capture.Record, error) {
			*saved = append(*saved, rec)
			return rec, nil
		})
	return env, saved
}

func result(t *testing.T, env *testsuite.TestWorkflowEnvironment) signals.CaptureState {
	t.Helper()
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var st signals.CaptureState
	require.NoError(t, env.GetWorkflowResult(&st))
	return st
}

func TestCaptureAutoAcceptsAConfidentWellFormedPlate(t *testing.T) {
	env, saved := newEnv(t)
	env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(testPhoto, nil)
	env.OnActivity(recognizer.RecognizeText, mock.Anything, mock.Anything).Return(reading(activities.ModeText, "7ABC123", 0.93), nil).Once()

	env.ExecuteWorkflow(Capture, testInput)

	st := result(t, env)
	require.Equal(t, capture.StatusAccepted, st.Status)
	require.Equal(t, "7ABC123", st.Plate)
	require.Equal(t, capture.DecisionAuto, st.Decision)
	require.Equal(t, 1, st.Attempts)
	require.Len(t, *saved, 1, "one write on the auto path")
	rec := (*saved)[0]
	require.Equal(t, capture.StatusAccepted, rec.Status)
	require.Equal(t, "north-01", rec.BoothID)
	require.Equal(t, "ab12", rec.PhotoSHA256)
	require.Equal(t, 0.93, rec.Confidence)
	env.AssertExpectations(t)
}

func TestCaptureLowConfidenceTriesAgainThenWaitsForAReviewer(t *testing.T) {
	env, saved := newEnv(t)
	env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(testPhoto, nil)
	env.OnActivity(recognizer.RecognizeText, mock.Anything, mock.MatchedBy(func(r activities.RecognizeRequest) bool { return r.Mode == activities.ModeText })).
		Return(reading(activities.ModeText, "7ABC12", 0.41), nil).Once()
	env.OnActivity(recognizer.RecognizeText, mock.Anything, mock.MatchedBy(func(r activities.RecognizeRequest) bool { return r.Mode == activities.ModeDocument })).
		Return(reading(activities.ModeDocument, "7ABC123", 0.62), nil).Once()

	var waiting signals.CaptureState
	var answer signals.ReviewResult
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow(signals.CaptureStateQuery)
		require.NoError(t, err)
		require.NoError(t, v.Get(&waiting))
		env.UpdateWorkflow(signals.ReviewDecisionUpdate, "u1", &testsuite.TestUpdateCallback{
			OnReject:   func(err error) { t.Errorf("decision rejected: %v", err) },
			OnAccept:   func() {},
			OnComplete: func(v any, err error) { require.NoError(t, err); answer = v.(signals.ReviewResult) },
		}, signals.ReviewDecision{Plate: "7abc-123", ReviewerID: "alice"})
	}, 10*time.Minute)

	env.ExecuteWorkflow(Capture, testInput)

	require.Equal(t, capture.StatusAwaitingReview, waiting.Status)
	require.Equal(t, 2, waiting.Attempts, "a second, stronger attempt before asking a person")
	require.Equal(t, "7ABC123", waiting.Candidates[0].Plate, "the better of the two reads is kept for the reviewer")
	require.Contains(t, waiting.Reason, "below 0.80")
	require.Equal(t, capture.ReasonBelowThreshold, waiting.ReasonCode)

	st := result(t, env)
	require.Equal(t, capture.StatusAccepted, st.Status)
	require.Equal(t, "7ABC123", st.Plate, "the reviewer's plate, normalized")
	require.Equal(t, capture.DecisionByReviewer("alice"), st.Decision)
	require.Equal(t, "accepted", answer.Status)
	require.Len(t, *saved, 2)
	require.Equal(t, capture.StatusAwaitingReview, (*saved)[0].Status, "the waiting capture is visible in Firestore")
	require.Equal(t, capture.StatusAccepted, (*saved)[1].Status)
	require.Equal(t, "alice", (*saved)[1].ReviewerID)
	require.Equal(t, capture.ReasonBelowThreshold, (*saved)[0].ReasonCode, "stored next to the reason")
	require.Empty(t, (*saved)[1].ReasonCode, "a decided capture has no doubt left")
	require.False(t, (*saved)[1].DecidedAt.IsZero())
}

func TestCaptureReviewValidatorRejectsMalformedPlatesAndSecondDecisions(t *testing.T) {
	env, saved := newEnv(t)
	env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(testPhoto, nil)
	env.OnActivity(recognizer.RecognizeText, mock.Anything, mock.Anything).Return(reading(activities.ModeText, "", 0), nil)

	var rejections []error
	send := func(id string, d signals.ReviewDecision) {
		env.UpdateWorkflow(signals.ReviewDecisionUpdate, id, &testsuite.TestUpdateCallback{
			OnReject:   func(err error) { rejections = append(rejections, err) },
			OnAccept:   func() {},
			OnComplete: func(any, error) {},
		}, d)
	}
	env.RegisterDelayedCallback(func() {
		send("malformed", signals.ReviewDecision{Plate: "ABC$1234567", ReviewerID: "alice"})
		send("both", signals.ReviewDecision{Plate: "ABC123", Unreadable: true, ReviewerID: "alice"})
		send("no-reviewer", signals.ReviewDecision{Plate: "ABC123"})
		send("first", signals.ReviewDecision{Unreadable: true, ReviewerID: "alice"})
		send("second", signals.ReviewDecision{Plate: "ABC123", ReviewerID: "bob"})
	}, time.Hour)

	env.ExecuteWorkflow(Capture, testInput)

	st := result(t, env)
	require.Equal(t, capture.StatusUnreadable, st.Status, "the first valid decision wins")
	require.Empty(t, st.Plate)
	require.Equal(t, capture.DecisionByReviewer("alice"), st.Decision)
	require.Len(t, rejections, 4)
	fields := func(err error) map[string]string {
		r, ok := signals.RefusalOf(err)
		require.True(t, ok, "a typed refusal: %v", err)
		var invalid *signals.DecisionError
		require.ErrorAs(t, r, &invalid)
		return invalid.Fields
	}
	require.Contains(t, fields(rejections[0])[signals.FieldPlate], "not a valid plate")
	require.Contains(t, fields(rejections[1])[signals.FieldPlate], "not both")
	require.Contains(t, fields(rejections[2]), signals.FieldReviewer)
	late, ok := signals.RefusalOf(rejections[3])
	require.True(t, ok)
	require.Equal(t, &signals.NotWaitingError{CaptureID: "cap1", Status: capture.StatusAwaitingReview,
		Decision: capture.DecisionByReviewer("alice"), ReviewerID: "alice"}, late, "decided by alice, the record being stored")
	require.Equal(t, capture.StatusUnreadable, (*saved)[len(*saved)-1].Status)
	require.Equal(t, capture.ReasonNoPlate, (*saved)[0].ReasonCode)
}

func TestCaptureRetriesTransientVisionErrors(t *testing.T) {
	env, _ := newEnv(t)
	env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(testPhoto, nil)
	env.OnActivity(recognizer.RecognizeText, mock.Anything, mock.Anything).Return(activities.Recognition{}, errors.New("rpc error: code = Unavailable")).Twice()
	env.OnActivity(recognizer.RecognizeText, mock.Anything, mock.Anything).Return(reading(activities.ModeText, "BUG2145", 0.9), nil).Once()

	env.ExecuteWorkflow(Capture, testInput)

	st := result(t, env)
	require.Equal(t, capture.StatusAccepted, st.Status)
	require.Equal(t, "BUG2145", st.Plate)
	env.AssertNumberOfCalls(t, "RecognizeText", 3)
}

func TestCaptureSendsAPhotoVisionRejectsToAReviewer(t *testing.T) {
	env, saved := newEnv(t)
	env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(testPhoto, nil)
	env.OnActivity(recognizer.RecognizeText, mock.Anything, mock.Anything).Return(activities.Recognition{},
		temporal.NewNonRetryableApplicationError("Bad image data.", activities.ErrPhotoRejected, nil)).Once()
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(signals.ReviewDecisionUpdate, "u1", &testsuite.TestUpdateCallback{
			OnReject: func(err error) { t.Errorf("rejected: %v", err) }, OnAccept: func() {}, OnComplete: func(any, error) {},
		}, signals.ReviewDecision{Plate: "THECAR", ReviewerID: "bob"})
	}, time.Hour)

	env.ExecuteWorkflow(Capture, testInput)

	st := result(t, env)
	require.Equal(t, capture.StatusAccepted, st.Status)
	require.Equal(t, "THECAR", st.Plate)
	require.Equal(t, 1, (*saved)[0].Attempts, "no retry and no second attempt on a rejected image")
	require.Contains(t, (*saved)[0].Reason, "Bad image data.")
	require.Equal(t, capture.ReasonPhotoRejected, (*saved)[0].ReasonCode)
	env.AssertNumberOfCalls(t, "RecognizeText", 1)
}

func TestCaptureRecordsAnUnusablePhotoAsFailedInput(t *testing.T) {
	env, saved := newEnv(t)
	env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(activities.Photo{},
		temporal.NewNonRetryableApplicationError("not a JPEG or PNG image", activities.ErrInvalidPhoto, nil))

	env.ExecuteWorkflow(Capture, testInput)

	st := result(t, env)
	require.Equal(t, capture.StatusFailedInput, st.Status)
	require.Len(t, *saved, 1)
	require.Equal(t, capture.StatusFailedInput, (*saved)[0].Status)
	require.Contains(t, (*saved)[0].Reason, "not a JPEG or PNG image")
	require.Equal(t, capture.ReasonInvalidPhoto, (*saved)[0].ReasonCode)
	env.AssertNotCalled(t, "RecognizeText", mock.Anything, mock.Anything)
}

func TestCaptureOfAPhotoAlreadyRecordedDoesNothing(t *testing.T) {
	env, saved := newEnv(t)
	done := capture.Record{CaptureID: "cap1", Status: capture.StatusAccepted, Plate: "ROCKY58", Decision: capture.DecisionAuto, WorkflowRunID: "earlier-run"}
	env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(activities.Photo{Existing: &done}, nil)

	env.ExecuteWorkflow(Capture, testInput)

	st := result(t, env)
	require.Equal(t, capture.StatusAccepted, st.Status)
	require.Equal(t, "ROCKY58", st.Plate)
	require.Empty(t, *saved, "no second record")
	env.AssertNotCalled(t, "RecognizeText", mock.Anything, mock.Anything)
}
