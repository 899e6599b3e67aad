//go:build integration

package e2e

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/signals"
	"github.com/tollbooth/tollbooth/workflows"
)

// TestRetentionRemovesAnExportedPhotoAndExpiredRawTextAndKeepsTheBillingRecord, with the
// retention shortened (photos: 0 days after export; raw text: 2 s after the decision): the
// export marks the exported capture's photo, and the retention job (the schedule's workflow)
// deletes that photo and clears its raw text and candidates, while its billing fields stay; a
// capture that waits for review, never exported, keeps its photo and its raw text. (The job
// deletes every photo exported before it runs, other tests' too: they are done with them.)
func TestRetentionRemovesAnExportedPhotoAndExpiredRawTextAndKeepsTheBillingRecord(t *testing.T) {
	s := startStack(t, false, func(c *config.Config) {
		c.Retention = config.Retention{PhotoDays: 0, RawAfter: 2 * time.Second, Every: time.Hour, DeletePhotos: true}
	})
	resetExportState(t, s.cfg, s.cloud.Storage)
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Millisecond)
	candidates := []capture.Candidate{{Plate: "7ABC123", Confidence: 0.97, Format: "us-ca"}, {Plate: "7ABC128", Confidence: 0.41}}

	newCapture := func(booth string, status capture.Status, expire time.Time) (string, string) {
		data := append(slices.Clone(blankPhoto(t)), []byte(booth)...) // a photo of its own
		object := capture.ObjectName(booth, now, sha(data), "jpg")
		id := s.put(t, object, data)
		rec := capture.Record{CaptureID: id, BoothID: booth, CaptureTime: now, PhotoURI: capture.PhotoURI(s.cfg.PhotoBucket, object),
			PhotoSHA256: sha(data), Status: status, RawText: "CALIFORNIA\n7ABC123\nDMV.CA.GOV", Candidates: candidates,
			WorkflowID: signals.CaptureWorkflowID(id), CreatedAt: now, ExpireRawAt: expire}
		if status == capture.StatusAccepted {
			rec.Plate, rec.Confidence, rec.Decision = "7ABC123", 0.97, capture.DecisionAuto
		}
		_, err := s.records.Save(ctx, rec)
		require.NoError(t, err)
		return id, object
	}
	// SaveCapture sets expire_raw_at on a final record only (its unit test); here, as it would.
	exported, exportedPhoto := newCapture("north-01", capture.StatusAccepted, time.Now().UTC().Add(s.cfg.Retention.RawAfter))
	waiting, waitingPhoto := newCapture("north-02", capture.StatusAwaitingReview, time.Time{})
	before, err := s.records.Get(ctx, exported)
	require.NoError(t, err)

	res, err := runExport(t, s.temporal, time.Hour)
	require.NoError(t, err)
	require.Len(t, res.Batches, 1)
	attrs, err := s.cloud.Storage.Bucket(s.cfg.PhotoBucket).Object(exportedPhoto).Attrs(ctx)
	require.NoError(t, err)
	require.False(t, attrs.CustomTime.IsZero(), "the export marked the photo: its retention counts from now")
	attrs, err = s.cloud.Storage.Bucket(s.cfg.PhotoBucket).Object(waitingPhoto).Attrs(ctx)
	require.NoError(t, err)
	require.True(t, attrs.CustomTime.IsZero(), "an unexported photo is not marked")

	time.Sleep(time.Until(before.ExpireRawAt) + time.Second)
	run, err := s.temporal.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID: fmt.Sprintf("%s-test-%d", signals.RetentionWorkflowID, time.Now().UnixNano()), TaskQueue: signals.CaptureTaskQueue,
	}, workflows.Retention)
	require.NoError(t, err)
	var out workflows.RetentionResult
	require.NoError(t, run.Get(ctx, &out))
	require.GreaterOrEqual(t, out.RawCleared, 1)
	require.GreaterOrEqual(t, out.PhotosDeleted, 1)

	_, err = s.bucket.Size(ctx, s.cfg.PhotoBucket, exportedPhoto)
	require.ErrorIs(t, err, activities.ErrObjectNotFound, "the exported photo is deleted")
	after, err := s.records.Get(ctx, exported)
	require.NoError(t, err)
	require.Empty(t, after.RawText, "raw OCR text cleared")
	require.Empty(t, after.Candidates, "candidates cleared")
	require.True(t, after.ExpireRawAt.IsZero())
	// The billing record stays: every field the CSV and the API bill by.
	require.Equal(t, before.Plate, after.Plate)
	require.Equal(t, before.Confidence, after.Confidence)
	require.Equal(t, before.Decision, after.Decision)
	require.Equal(t, before.BoothID, after.BoothID)
	require.True(t, before.CaptureTime.Equal(after.CaptureTime))
	require.Equal(t, before.PhotoURI, after.PhotoURI)
	require.Equal(t, capture.StatusAccepted, after.Status)
	require.NotEmpty(t, after.ExportBatch, "still exported, by its batch")
	snap, err := s.cloud.Firestore.Collection(capture.Collection).Doc(exported).Get(ctx)
	require.NoError(t, err)
	require.NotNil(t, snap.Data()["exported_at"])

	size, err := s.bucket.Size(ctx, s.cfg.PhotoBucket, waitingPhoto)
	require.NoError(t, err, "an unexported capture's photo stays")
	require.Positive(t, size)
	kept, err := s.records.Get(ctx, waiting)
	require.NoError(t, err)
	require.Equal(t, "CALIFORNIA\n7ABC123\nDMV.CA.GOV", kept.RawText, "a waiting capture keeps its raw text for the reviewer")
	require.Equal(t, candidates, kept.Candidates)
}
