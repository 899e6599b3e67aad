package gcp

import (
	"context"
	"errors"
	"time"

	"google.golang.org/api/iterator"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// The monitoring's questions about capture records (activities.Monitoring).

// CountStatus counts capture records in a status (awaiting_review: the review backlog).
func (c Captures) CountStatus(ctx context.Context, s capture.Status) (int64, error) {
	return count(ctx, c.Client.Collection(capture.Collection).Where(fieldStatus, "==", string(s)))
}

// RecentRecognition counts the captures recorded since the given time and, among them, those
// the recognizer failed on (Vision errors after every retry: capture.ReasonRecognizerFailed), for
// the recognition-spike check. Records stored before reason codes are judged by their reason.
func (c Captures) RecentRecognition(ctx context.Context, since time.Time) (total, failed int, err error) {
	it := c.Client.Collection(capture.Collection).Where(fieldCreatedAt, ">=", since).
		Select(fieldStatus, fieldReason, fieldReasonCode).Documents(ctx)
	defer it.Stop()
	for {
		s, err := it.Next()
		if errors.Is(err, iterator.Done) {
			return total, failed, nil
		}
		if err != nil {
			return 0, 0, err
		}
		rec, err := decodeRecord(s)
		if err != nil {
			return 0, 0, err
		}
		total++
		if rec.ReasonCode == capture.ReasonRecognizerFailed {
			failed++
		}
	}
}
