//go:build integration

package e2e

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/workflowservice/v1"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/synth"
	"github.com/tollbooth/tollbooth/signals"
)

func synthPhotos(t *testing.T, n int, seed int64, hardShare float64) ([]synth.Sample, [][]byte) {
	t.Helper()
	samples, imgs, err := synth.Generate(synth.Options{Count: n, Seed: seed, HardShare: hardShare})
	require.NoError(t, err)
	out := make([][]byte, len(imgs))
	for i, img := range imgs {
		var buf bytes.Buffer
		require.NoError(t, synth.EncodeJPEG(&buf, img, 88))
		out[i] = buf.Bytes()
	}
	return samples, out
}

// TestUploadedPhotosBecomeRecords: bucket → notification → trigger → workflow → Vision → Firestore.
func TestUploadedPhotosBecomeRecords(t *testing.T) {
	s := startStack(t, true, nil)
	samples, photos := synthPhotos(t, 6, 101, 0)
	at := time.Now().UTC().Truncate(time.Millisecond)
	ids := make([]string, len(photos))
	truth := map[string]string{}
	for i, p := range photos {
		ids[i] = s.upload(t, "north-01", at.Add(time.Duration(i)*time.Second), p)
		truth[ids[i]] = samples[i].Plate
	}
	recs := s.waitSettled(t, ids, 2*time.Minute)

	accepted := 0
	for id, rec := range recs {
		require.Equal(t, "north-01", rec.BoothID)
		require.Len(t, rec.PhotoSHA256, 64)
		require.Contains(t, rec.PhotoURI, "gs://"+s.cfg.PhotoBucket+"/photos/north-01/")
		require.Equal(t, signals.CaptureWorkflowID(id), rec.WorkflowID)
		require.NotEmpty(t, rec.RawText, "the recognizer's raw text is kept")
		if rec.Status == capture.StatusAccepted {
			accepted++
			// Never bill on a doubtful read: whatever was accepted automatically must be the truth.
			require.Equal(t, truth[id], rec.Plate, "capture %s auto-accepted a wrong plate (raw %q)", id, rec.RawText)
			require.Equal(t, capture.DecisionAuto, rec.Decision)
			require.GreaterOrEqual(t, rec.Confidence, s.cfg.AutoAcceptConfidence)
		} else {
			require.Equal(t, capture.StatusAwaitingReview, rec.Status)
		}
	}
	t.Logf("%d of %d easy synthetic photos auto-accepted", accepted, len(ids))
	// The policy accepts only standard serials read alike twice with no doubtful character: about half
	// of the easy synthetic photos (ACCURACY.md); e2e/accuracy_test.go holds the shares on more photos.
	require.Positive(t, accepted, "standard plates are read automatically")
}

// TestDuplicateEventsAndStartsMakeOneRunAndOneRecord: a second notification and a direct start for the
// same photo find the first run; there is one workflow and one record.
func TestDuplicateEventsAndStartsMakeOneRunAndOneRecord(t *testing.T) {
	s := startStack(t, true, nil)
	_, photos := synthPhotos(t, 1, 202, 0)
	at := time.Now().UTC().Truncate(time.Millisecond)
	id := s.upload(t, "south-01", at, photos[0])
	again := s.upload(t, "south-01", at, photos[0]) // same file again: same object, no new event
	require.Equal(t, id, again)

	ctx := context.Background()
	object := capture.ObjectName("south-01", at, sha(photos[0]), "jpg")
	first, err := s.captures.Start(ctx, s.cfg.PhotoBucket, object, "starter")
	require.NoError(t, err)
	second, err := s.captures.Start(ctx, s.cfg.PhotoBucket, object, "starter")
	require.NoError(t, err)
	require.Equal(t, id, first.CaptureID)
	// Whether the upload event or the first start came first is a race; the second finds the run.
	require.True(t, second.Existing)
	require.Equal(t, first.RunID, second.RunID, "both find the one run")

	if rec := s.waitSettled(t, []string{id}, 2*time.Minute)[id]; rec.Status == capture.StatusAwaitingReview {
		_, err := s.captures.Decide(ctx, id, signals.ReviewDecision{Unreadable: true, ReviewerID: "e2e"})
		require.NoError(t, err)
	}
	require.NoError(t, s.temporal.GetWorkflow(ctx, signals.CaptureWorkflowID(id), "").Get(ctx, nil))
	third, err := s.captures.Start(ctx, s.cfg.PhotoBucket, object, "starter")
	require.NoError(t, err)
	require.True(t, third.Existing, "a start after completion is refused by the reuse policy")

	resp, err := s.temporal.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
		Query: fmt.Sprintf("WorkflowId = '%s'", signals.CaptureWorkflowID(id)),
	})
	require.NoError(t, err)
	require.Len(t, resp.Executions, 1, "exactly one run for the photo")
	require.Equal(t, enums.WORKFLOW_EXECUTION_STATUS_COMPLETED, resp.Executions[0].Status)
}

// TestBadInputFailsVisiblyAndSparesTheRestOfTheBatch: each bad photo ends as failed_input with its
// reason; the good photos in the same batch are processed as usual.
func TestBadInputFailsVisiblyAndSparesTheRestOfTheBatch(t *testing.T) {
	const maxBytes = 400_000
	s := startStack(t, true, func(c *config.Config) { c.MaxPhotoBytes = maxBytes })
	_, photos := synthPhotos(t, 2, 303, 0)
	at := time.Now().UTC().Truncate(time.Millisecond)
	oversized := append(append([]byte{}, photos[0]...), bytes.Repeat([]byte{0}, maxBytes)...)

	good1 := s.upload(t, "east-01", at, photos[0])
	bad := map[string]string{
		s.upload(t, "east-01", at.Add(time.Second), []byte("this is a text file, not a photo\n")):  "not a JPEG or PNG image",
		s.upload(t, "east-01", at.Add(2*time.Second), photos[1][:len(photos[1])/2]):                "damaged or truncated",
		s.upload(t, "east-01", at.Add(3*time.Second), oversized):                                   "over the 400000-byte limit",
		s.upload(t, "west-77", at.Add(4*time.Second), photos[1]):                                   "unknown",
		s.put(t, "photos/East 01/2026/11/25/20261125T080000.000Z_00112233aabbccdd.jpg", photos[1]): "malformed",
		s.put(t, "photos/east-01/2026/11/25/whenever.jpg", photos[1]):                              "no capture time",
	}
	good2 := s.upload(t, "east-01", at.Add(5*time.Second), photos[1])

	ids := []string{good1, good2}
	for id := range bad {
		ids = append(ids, id)
	}
	recs := s.waitSettled(t, ids, 2*time.Minute)
	for id, reason := range bad {
		require.Equal(t, capture.StatusFailedInput, recs[id].Status, "capture %s", id)
		require.Contains(t, recs[id].Reason, reason)
		require.Empty(t, recs[id].Plate)
	}
	for _, id := range []string{good1, good2} {
		require.Contains(t, []capture.Status{capture.StatusAccepted, capture.StatusAwaitingReview}, recs[id].Status)
		if recs[id].Status == capture.StatusAwaitingReview {
			require.NotEmpty(t, recs[id].Reason, "a waiting capture says why")
		}
	}
}
