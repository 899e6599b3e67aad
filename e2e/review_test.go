//go:build integration

package e2e

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/signals"
)

// blankPhoto has no text at all, so the recognizer finds no plate and a person must decide.
func blankPhoto(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 640, 480))
	for y := range 480 {
		for x := range 640 {
			img.Set(x, y, color.RGBA{uint8(60 + y/8), uint8(70 + x/16), 90, 255})
		}
	}
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, img, nil))
	return buf.Bytes()
}

func (s *stack) decide(ctx context.Context, id string, d signals.ReviewDecision) (signals.ReviewResult, error) {
	h, err := s.temporal.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: signals.CaptureWorkflowID(id), UpdateName: signals.ReviewDecisionUpdate,
		Args: []any{d}, WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	if err != nil {
		return signals.ReviewResult{}, err
	}
	var res signals.ReviewResult
	return res, h.Get(ctx, &res)
}

// TestAReviewerDecidesAPhotoTheRecognizerCannotRead, on the real dev server: the capture waits, a
// malformed plate is refused by the validator, a good decision completes it, a second one is refused.
func TestAReviewerDecidesAPhotoTheRecognizerCannotRead(t *testing.T) {
	s := startStack(t, false, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	at := time.Now().UTC().Truncate(time.Millisecond)
	data := blankPhoto(t)
	object := capture.ObjectName("north-02", at, sha(data), "jpg")
	id := s.put(t, object, data)
	_, err := s.starter.Start(ctx, s.cfg.PhotoBucket, object, "starter")
	require.NoError(t, err)

	rec := s.waitSettled(t, []string{id}, time.Minute)[id]
	require.Equal(t, capture.StatusAwaitingReview, rec.Status)
	require.Equal(t, 2, rec.Attempts, "two recognition attempts before a person")

	_, err = s.decide(ctx, id, signals.ReviewDecision{Plate: "!!", ReviewerID: "carol"})
	require.ErrorContains(t, err, "not a valid plate")

	res, err := s.decide(ctx, id, signals.ReviewDecision{Plate: "abc 1234", ReviewerID: "carol"})
	require.NoError(t, err)
	require.Equal(t, "ABC1234", res.Plate)
	require.Equal(t, string(capture.StatusAccepted), res.Status)

	_, err = s.decide(ctx, id, signals.ReviewDecision{Unreadable: true, ReviewerID: "dave"})
	require.Error(t, err, "a second decision is refused")

	stored, err := s.records.Get(ctx, id)
	require.NoError(t, err)
	require.Equal(t, capture.StatusAccepted, stored.Status)
	require.Equal(t, "ABC1234", stored.Plate)
	require.Equal(t, capture.DecisionByReviewer("carol"), stored.Decision)
	require.Equal(t, "carol", stored.ReviewerID)
}
