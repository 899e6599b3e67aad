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
	"github.com/tollbooth/tollbooth/internal/autoaccept"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/plate"
	"github.com/tollbooth/tollbooth/internal/recognition"
	"github.com/tollbooth/tollbooth/signals"
)

var (
	testPhoto = activities.Photo{
		URI: "gs://photos/photos/north-01/2026/11/25/20261125T170501.000Z_0123456789abcdef.jpg", SHA256: "ab12",
		BoothID: "north-01", CaptureTime: time.Date(2026, 11, 25, 17, 5, 1, 0, time.UTC),
	}
	testInput = signals.CaptureInput{CaptureID: "cap1", Bucket: "photos", Object: "photos/north-01/2026/11/25/20261125T170501.000Z_0123456789abcdef.jpg", AutoAcceptConfidence: 0.8}
)

// read is a recognizer's read as the read activities return it: the plate the policy saw and its
// verdict, acceptable when code is empty. A read with a plate found its plate's box.
func read(p string, conf float64, code capture.ReasonCode) recognition.Result {
	v := autoaccept.Verdict{Plate: p, Confidence: conf, Code: code}
	if code == "" {
		v.Jurisdiction, v.Format = "us-ca", "us-ca-1980"
	} else {
		v.Reason = "refused: " + string(code)
	}
	r := recognition.Result{RawText: "CALIFORNIA\n" + p, Own: v, Verdict: v}
	if p != "" {
		r.Candidates = []plate.Candidate{{Plate: p, Confidence: conf, Format: "us-ca-standard"}}
		r.PlateBox = &plate.Box{Left: 0.4, Top: 0.6, Width: 0.2, Height: 0.1}
	}
	return r
}

// unreadable is a read with nothing on it: the capture waits for a person.
var unreadable = read("", 0, capture.ReasonNoText)

// newEnv returns a test environment with the activities registered and saves recorded in order.
func newEnv(t *testing.T) (*testsuite.TestWorkflowEnvironment, *[]capture.Record) {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(&activities.Photos{})
	env.RegisterActivity(&activities.Records{})
	env.RegisterActivity(&activities.Recognizer{})
	env.RegisterActivity(&activities.SecondOpinion{})
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

func TestCaptureAutoAcceptsAPlateBothReadsAgreeOn(t *testing.T) {
	env, saved := newEnv(t)
	env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(testPhoto, nil)
	first := read("7ABC123", 0.93, "")
	env.OnActivity(recognizer.ReadPlate, mock.Anything, mock.MatchedBy(func(r activities.ReadRequest) bool {
		return r.BoothID == "north-01" && r.MinConfidence == 0.8 && r.Bucket == testInput.Bucket
	})).Return(first, nil).Once()
	crop := read("7ABC123", 0.97, "")
	crop.Verdict.Confidence = 0.93 // both reads together: the lower confidence
	env.OnActivity(recognizer.ReadPlateCrop, mock.Anything, mock.MatchedBy(func(r activities.CropRequest) bool {
		return r.Box == *first.PlateBox && r.First == first.Verdict
	})).Return(crop, nil).Once()

	env.ExecuteWorkflow(Capture, testInput)

	st := result(t, env)
	require.Equal(t, capture.StatusAccepted, st.Status)
	require.Equal(t, "7ABC123", st.Plate)
	require.Equal(t, capture.DecisionAuto, st.Decision)
	require.Equal(t, 2, st.Attempts, "the photo and the plate's crop")
	require.Len(t, *saved, 1, "one write on the auto path")
	rec := (*saved)[0]
	require.Equal(t, capture.StatusAccepted, rec.Status)
	require.Equal(t, "north-01", rec.BoothID)
	require.Equal(t, "ab12", rec.PhotoSHA256)
	require.Equal(t, 0.93, rec.Confidence)
	require.Equal(t, "us-ca", rec.Jurisdiction)
	require.Equal(t, "us-ca-1980", rec.PlateFormat)
	require.Equal(t, &capture.PlateBox{Left: 0.4, Top: 0.6, Width: 0.2, Height: 0.1}, rec.PlateBox)
	require.Equal(t, []capture.Read{
		{Source: capture.ReadPhoto, Plate: "7ABC123", Confidence: 0.93},
		{Source: capture.ReadPlateCrop, Plate: "7ABC123", Confidence: 0.97},
	}, rec.Reads)
	env.AssertExpectations(t)
}

func TestCaptureReadsThatDisagreeGoToAReviewer(t *testing.T) {
	env, saved := newEnv(t)
	env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(testPhoto, nil)
	env.OnActivity(recognizer.ReadPlate, mock.Anything, mock.Anything).Return(read("7ABC123", 0.93, ""), nil).Once()
	crop := read("7ABC128", 0.96, "")
	crop.Verdict = autoaccept.Verdict{Plate: "7ABC123", Confidence: 0.93, Code: capture.ReasonReadsDisagree, Reason: "the photo reads 7ABC123 but the crop reads 7ABC128"}
	env.OnActivity(recognizer.ReadPlateCrop, mock.Anything, mock.Anything).Return(crop, nil).Once()
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(signals.ReviewDecisionUpdate, "u1", &testsuite.TestUpdateCallback{
			OnReject: func(err error) { t.Errorf("rejected: %v", err) }, OnAccept: func() {}, OnComplete: func(any, error) {},
		}, signals.ReviewDecision{Plate: "7ABC128", ReviewerID: "bob"})
	}, time.Hour)

	env.ExecuteWorkflow(Capture, testInput)

	st := result(t, env)
	require.Equal(t, capture.StatusAccepted, st.Status)
	require.Equal(t, "7ABC128", st.Plate, "the reviewer's plate")
	waiting := (*saved)[0]
	require.Equal(t, capture.StatusAwaitingReview, waiting.Status)
	require.Equal(t, capture.ReasonReadsDisagree, waiting.ReasonCode)
	require.Contains(t, waiting.Reason, "7ABC128")
	require.Empty(t, waiting.Plate, "nothing is billable until a person decides")
	require.Equal(t, []capture.Read{
		{Source: capture.ReadPhoto, Plate: "7ABC123", Confidence: 0.93},
		{Source: capture.ReadPlateCrop, Plate: "7ABC128", Confidence: 0.96},
	}, waiting.Reads, "the reviewer sees both reads")
}

func TestCaptureARefusedReadWaitsForAReviewerWithoutASecondRead(t *testing.T) {
	env, saved := newEnv(t)
	env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(testPhoto, nil)
	env.OnActivity(recognizer.ReadPlate, mock.Anything, mock.Anything).Return(read("7ABC12", 0.91, capture.ReasonNotStandardFormat), nil).Once()

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
	require.Equal(t, 1, waiting.Attempts, "a read the policy refuses is not read again: it cannot become billable")
	require.Equal(t, "7ABC12", waiting.Candidates[0].Plate, "the read is kept for the reviewer")
	require.Equal(t, "refused: not-standard-format", waiting.Reason)
	require.Equal(t, capture.ReasonNotStandardFormat, waiting.ReasonCode)

	st := result(t, env)
	require.Equal(t, capture.StatusAccepted, st.Status)
	require.Equal(t, "7ABC123", st.Plate, "the reviewer's plate, normalized")
	require.Equal(t, capture.DecisionByReviewer("alice"), st.Decision)
	require.Equal(t, "accepted", answer.Status)
	require.Len(t, *saved, 2)
	require.Equal(t, capture.StatusAwaitingReview, (*saved)[0].Status, "the waiting capture is visible in Firestore")
	require.Equal(t, capture.StatusAccepted, (*saved)[1].Status)
	require.Equal(t, "alice", (*saved)[1].ReviewerID)
	require.Equal(t, capture.ReasonNotStandardFormat, (*saved)[0].ReasonCode, "stored next to the reason")
	require.Empty(t, (*saved)[1].ReasonCode, "a decided capture has no doubt left")
	require.False(t, (*saved)[1].DecidedAt.IsZero())
}

func TestCaptureReviewValidatorRejectsMalformedPlatesAndSecondDecisions(t *testing.T) {
	env, saved := newEnv(t)
	env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(testPhoto, nil)
	env.OnActivity(recognizer.ReadPlate, mock.Anything, mock.Anything).Return(unreadable, nil)

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
	require.Equal(t, capture.ReasonNoText, (*saved)[0].ReasonCode)
}

func TestCaptureRetriesTransientVisionErrors(t *testing.T) {
	env, _ := newEnv(t)
	env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(testPhoto, nil)
	env.OnActivity(recognizer.ReadPlate, mock.Anything, mock.Anything).Return(recognition.Result{}, errors.New("rpc error: code = Unavailable")).Twice()
	env.OnActivity(recognizer.ReadPlate, mock.Anything, mock.Anything).Return(read("BUG2145", 0.9, ""), nil).Once()
	env.OnActivity(recognizer.ReadPlateCrop, mock.Anything, mock.Anything).Return(recognition.Result{}, errors.New("rpc error: code = Unavailable")).Once()
	env.OnActivity(recognizer.ReadPlateCrop, mock.Anything, mock.Anything).Return(read("BUG2145", 0.9, ""), nil).Once()

	env.ExecuteWorkflow(Capture, testInput)

	st := result(t, env)
	require.Equal(t, capture.StatusAccepted, st.Status)
	require.Equal(t, "BUG2145", st.Plate)
	require.Equal(t, 2, st.Attempts, "retries are one attempt each")
	env.AssertNumberOfCalls(t, "ReadPlate", 3)
	env.AssertNumberOfCalls(t, "ReadPlateCrop", 2)
}

func TestCaptureSendsAPhotoVisionRejectsToAReviewer(t *testing.T) {
	env, saved := newEnv(t)
	env.OnActivity(photos.InspectPhoto, mock.Anything, mock.Anything).Return(testPhoto, nil)
	env.OnActivity(recognizer.ReadPlate, mock.Anything, mock.Anything).Return(recognition.Result{},
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
	env.AssertNumberOfCalls(t, "ReadPlate", 1)
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
	env.AssertNotCalled(t, "ReadPlate", mock.Anything, mock.Anything)
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
	env.AssertNotCalled(t, "ReadPlate", mock.Anything, mock.Anything)
}
