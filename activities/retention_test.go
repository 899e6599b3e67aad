package activities

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"github.com/tollbooth/tollbooth/internal/capture"
)

func activityEnv(act any) *testsuite.TestActivityEnvironment {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	env.RegisterActivity(act)
	return env
}

// Only a decided capture's raw text gets an expiry: a reviewer needs it while the capture waits.
func TestSaveCaptureSetsTheRawTextExpiryOnlyOnAFinalRecord(t *testing.T) {
	store := memRecords{}
	r := &Records{Store: store, RawRetention: 48 * time.Hour}
	env := activityEnv(r)
	before := time.Now().UTC()

	_, err := env.ExecuteActivity(r.SaveCapture, capture.Record{CaptureID: "wait", Status: capture.StatusAwaitingReview, RawText: "7ABC123"})
	require.NoError(t, err)
	require.True(t, store["wait"].ExpireRawAt.IsZero(), "a waiting capture keeps its raw text")

	v, err := env.ExecuteActivity(r.SaveCapture, capture.Record{CaptureID: "done", Status: capture.StatusAccepted, RawText: "7ABC123"})
	require.NoError(t, err)
	var saved capture.Record
	require.NoError(t, v.Get(&saved))
	require.WithinRange(t, saved.ExpireRawAt, before.Add(48*time.Hour), time.Now().UTC().Add(48*time.Hour))
	require.Equal(t, saved.ExpireRawAt, store["done"].ExpireRawAt)

	r.RawRetention = 0
	_, err = env.ExecuteActivity(r.SaveCapture, capture.Record{CaptureID: "kept", Status: capture.StatusUnreadable})
	require.NoError(t, err)
	require.True(t, store["kept"].ExpireRawAt.IsZero(), "no retention set: kept")
}

// fakeRaw clears expired records chunk by chunk, as Firestore's transactions of 500 do.
type fakeRaw struct {
	expired int
	calls   int
	limits  []int
}

func (f *fakeRaw) ClearExpiredRaw(_ context.Context, _ time.Time, limit int) (int, error) {
	f.calls++
	f.limits = append(f.limits, limit)
	n := min(f.expired, limit)
	f.expired -= n
	return n, nil
}

func TestClearExpiredRawGoesOnUntilNoneIsLeft(t *testing.T) {
	raw := &fakeRaw{expired: 1234}
	r := &Retention{Records: raw}
	v, err := activityEnv(r).ExecuteActivity(r.ClearExpiredRaw)
	require.NoError(t, err)
	var n int
	require.NoError(t, v.Get(&n))
	require.Equal(t, 1234, n)
	require.Equal(t, 0, raw.expired)
	require.Equal(t, 3, raw.calls, "500 + 500 + 234: the short chunk says none is left")
	require.Equal(t, []int{500, 500, 500}, raw.limits)
}

// fakeSweeper records what it was asked to delete.
type fakeSweeper struct {
	bucket, prefix string
	before         time.Time
	calls          int
	err            error
}

func (f *fakeSweeper) DeleteMarkedBefore(_ context.Context, bucket, prefix string, before time.Time, _ func(int)) (int, error) {
	f.calls++
	f.bucket, f.prefix, f.before = bucket, prefix, before
	return 7, f.err
}

// The photo rule is Cloud Storage's daysSinceCustomTime: photos exported at least PhotoDays ago.
func TestDeleteExpiredPhotosAppliesTheLifecycleRule(t *testing.T) {
	sw := &fakeSweeper{}
	r := &Retention{Photos: sw, PhotoBucket: "photos", PhotoDays: 30, DeletePhotos: true}
	start := time.Now()
	v, err := activityEnv(r).ExecuteActivity(r.DeleteExpiredPhotos)
	require.NoError(t, err)
	var n int
	require.NoError(t, v.Get(&n))
	require.Equal(t, 7, n)
	require.Equal(t, "photos", sw.bucket)
	require.Equal(t, capture.PhotoPrefix, sw.prefix, "only photos, never anything else in the bucket")
	require.WithinRange(t, sw.before, start.Add(-30*24*time.Hour), time.Now().Add(-30*24*time.Hour))

	sw.err = errors.New("storage down")
	_, err = activityEnv(r).ExecuteActivity(r.DeleteExpiredPhotos)
	require.ErrorContains(t, err, "storage down")
}

// In the cloud the bucket's lifecycle rule deletes photos; the job leaves them alone.
func TestDeleteExpiredPhotosDoesNothingWhereTheBucketHasItsRule(t *testing.T) {
	sw := &fakeSweeper{}
	r := &Retention{Photos: sw, PhotoBucket: "photos", PhotoDays: 30}
	v, err := activityEnv(r).ExecuteActivity(r.DeleteExpiredPhotos)
	require.NoError(t, err)
	var n int
	require.NoError(t, v.Get(&n))
	require.Zero(t, n)
	require.Zero(t, sw.calls)
}

func TestPhotoDeadlineCountsWholeDays(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	require.Equal(t, time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC), PhotoDeadline(now, 30))
	require.Equal(t, now, PhotoDeadline(now, 0), "0 days: due once exported")
}

// fakeMarker records the photos marked exported.
type fakeMarker struct {
	ch chan string
}

func (f *fakeMarker) MarkExported(_ context.Context, bucket, object string, at time.Time) error {
	f.ch <- "gs://" + bucket + "/" + object
	return nil
}

// Marking a batch exported marks every record's photo, from when its retention counts.
func TestMarkBatchExportedMarksEveryPhoto(t *testing.T) {
	store := newMemStore(3)
	for id, r := range store.recs {
		r.PhotoURI = capture.PhotoURI("photos", "photos/north-01/"+id+".jpg")
	}
	marker := &fakeMarker{ch: make(chan string, 10)}
	e := &Exporter{Store: store, Files: &memFiles{objects: map[string][]byte{}}, FTP: newFakeFTP(), Photos: marker, Bucket: "exports", BatchSize: 10}
	b := nextBatch(t, e)
	_, err := activityEnv(e).ExecuteActivity(e.MarkBatchExported, b)
	require.NoError(t, err)
	close(marker.ch)
	var got []string
	for uri := range marker.ch {
		got = append(got, uri)
	}
	require.ElementsMatch(t, []string{"gs://photos/photos/north-01/aa.jpg", "gs://photos/photos/north-01/ab.jpg", "gs://photos/photos/north-01/ac.jpg"}, got)
}
