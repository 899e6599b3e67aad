package activities

import (
	"context"
	"fmt"
	"time"

	"go.temporal.io/sdk/activity"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// Records holds the activity that stores capture records; it runs on the capture task queue.
type Records struct {
	Store RecordStore
	// RawRetention is how long a final record keeps its raw OCR text and candidates (0: for ever):
	// SaveCapture sets its ExpireRawAt, and the retention job clears them then.
	RawRetention time.Duration
}

// SaveCapture stores the capture's record. It is idempotent: a retry writes the same document, and a
// final record stored by another run of the same capture is kept, not overwritten. (Its name is the
// activity type in recorded histories.)
func (r *Records) SaveCapture(ctx context.Context, rec capture.Record) (capture.Record, error) {
	// Only a decided capture's raw text expires: a reviewer still needs it while the capture waits.
	if rec.Status.Final() && r.RawRetention > 0 && rec.ExpireRawAt.IsZero() {
		rec.ExpireRawAt = time.Now().UTC().Add(r.RawRetention)
	}
	stored, err := r.Store.Save(ctx, rec)
	if err != nil {
		return capture.Record{}, fmt.Errorf("save record %s: %w", rec.CaptureID, err)
	}
	activity.GetLogger(ctx).Info("capture saved", "capture_id", rec.CaptureID, "status", stored.Status, "plate", stored.Plate)
	return stored, nil
}
