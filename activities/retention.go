package activities

import (
	"context"
	"fmt"
	"time"

	"go.temporal.io/sdk/activity"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// RawStore clears the raw OCR text and candidates of records whose expire_raw_at has passed.
type RawStore interface {
	ClearExpiredRaw(ctx context.Context, now time.Time, limit int) (int, error)
}

// PhotoSweeper deletes the photos whose custom time (set when their record was exported) is not
// after before: the photo bucket's lifecycle rule, for storage that has none.
type PhotoSweeper interface {
	DeleteMarkedBefore(ctx context.Context, bucket, prefix string, before time.Time, progress func(deleted int)) (int, error)
}

// Retention holds the retention job's activities (README, "Data retention").
type Retention struct {
	Records RawStore
	Photos  PhotoSweeper
	// PhotoBucket holds the photos; PhotoDays is the days after export a photo is kept.
	PhotoBucket string
	PhotoDays   int
	// DeletePhotos applies the photo rule here: the local stack's storage emulator has no
	// lifecycle rules. In the cloud the bucket's own rule deletes them and this stays false.
	DeletePhotos bool
}

// rawClearChunk is how many records one transaction clears (Firestore's limit is 500 writes).
const rawClearChunk = 500

// ClearExpiredRaw clears the raw text and candidates of every record whose time has come, a
// transaction of at most 500 at a time, and returns how many. The billing fields stay.
func (r *Retention) ClearExpiredRaw(ctx context.Context) (int, error) {
	now := time.Now().UTC()
	total := 0
	for {
		n, err := r.Records.ClearExpiredRaw(ctx, now, rawClearChunk)
		total += n
		if err != nil {
			return total, err
		}
		activity.RecordHeartbeat(ctx, total)
		if n < rawClearChunk {
			break
		}
	}
	if total > 0 {
		activity.GetLogger(ctx).Info("raw OCR text expired", "records", total)
	}
	return total, nil
}

// DeleteExpiredPhotos deletes the photos exported at least PhotoDays days ago, when DeletePhotos
// is set, and returns how many.
func (r *Retention) DeleteExpiredPhotos(ctx context.Context) (int, error) {
	if !r.DeletePhotos {
		return 0, nil
	}
	before := PhotoDeadline(time.Now(), r.PhotoDays)
	n, err := r.Photos.DeleteMarkedBefore(ctx, r.PhotoBucket, capture.PhotoPrefix, before,
		func(deleted int) { activity.RecordHeartbeat(ctx, deleted) })
	if err != nil {
		return n, fmt.Errorf("delete photos exported before %s: %w", before.Format(time.RFC3339), err)
	}
	if n > 0 {
		activity.GetLogger(ctx).Info("exported photos deleted", "photos", n, "exported_before", before)
	}
	return n, nil
}

// PhotoDeadline is the latest custom time (export time) of a photo that is due for deletion at
// now, under a rule of days days: Cloud Storage's daysSinceCustomTime, counted in whole days of
// 24 hours.
func PhotoDeadline(now time.Time, days int) time.Time {
	return now.UTC().Add(-time.Duration(days) * 24 * time.Hour)
}
