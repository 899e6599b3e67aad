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
	_, err := s.captures.Start(ctx, s.cfg.PhotoBucket, object, "starter")
	require.NoError(t, err)

	rec := s.waitSettled(t, []string{id}, time.Minute)[id]
	require.Equal(t, capture.StatusAwaitingReview, rec.Status)
	require.Equal(t, 1, rec.Attempts, "one read: a read the policy refuses is not read again")
	require.Contains(t, []capture.ReasonCode{capture.ReasonNoText, capture.ReasonNoPlateFound}, rec.ReasonCode, rec.Reason)

	_, err = s.captures.Decide(ctx, id, signals.ReviewDecision{Plate: "!!", ReviewerID: "carol"})
	var invalid *signals.DecisionError
	require.ErrorAs(t, err, &invalid, "the workflow's validator refuses it, typed across the wire")
	require.Contains(t, invalid.Fields[signals.FieldPlate], "not a valid plate")

	res, err := s.captures.Decide(ctx, id, signals.ReviewDecision{Plate: "abc 1234", ReviewerID: "carol"})
	require.NoError(t, err)
	require.Equal(t, "ABC1234", res.Plate)
	require.Equal(t, string(capture.StatusAccepted), res.Status)

	_, err = s.captures.Decide(ctx, id, signals.ReviewDecision{Unreadable: true, ReviewerID: "dave"})
	var late *signals.NotWaitingError
	require.ErrorAs(t, err, &late, "a second decision is refused")
	require.Equal(t, "carol", late.ReviewerID)

	stored, err := s.records.Get(ctx, id)
	require.NoError(t, err)
	require.Equal(t, capture.StatusAccepted, stored.Status)
	require.Equal(t, "ABC1234", stored.Plate)
	require.Equal(t, capture.DecisionByReviewer("carol"), stored.Decision)
	require.Equal(t, "carol", stored.ReviewerID)
}
