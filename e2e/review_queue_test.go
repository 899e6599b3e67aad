//go:build integration

package e2e

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/signals"
)

// TestReviewQueueListsExactlyTheWaitingCaptures: after a mixed batch (read automatically, waiting,
// decided), the queue lists the waiting ones, oldest first, and a decided one leaves it within seconds.
// The decision is on the record with who, when and the recognizer's candidates.
func TestReviewQueueListsExactlyTheWaitingCaptures(t *testing.T) {
	s := startStack(t, true, nil)
	s.drainQueue(t)

	_, photos := synthPhotos(t, 4, 303, 0)
	blank := blankPhoto(t)
	base := time.Now().UTC().Add(-time.Hour).Truncate(time.Millisecond)
	var ids []string
	for i, p := range photos {
		ids = append(ids, s.upload(t, "north-02", base.Add(time.Duration(i)*time.Minute), p))
	}
	// Blank photos, uploaded newest first: the queue must order by capture time, not by start.
	for i := 3; i >= 0; i-- {
		b := append(slices.Clone(blank), byte(i)) // a distinct photo (trailing bytes after the JPEG end)
		ids = append(ids, s.upload(t, "south-02", base.Add(time.Duration(10+i)*time.Minute), b))
	}
	recs := s.waitSettled(t, ids, 3*time.Minute)

	var waiting []string
	auto := 0
	for _, id := range ids {
		switch recs[id].Status {
		case capture.StatusAwaitingReview:
			waiting = append(waiting, id)
		case capture.StatusAccepted:
			auto++
		}
	}
	require.Positive(t, auto, "some photos are read automatically")
	require.GreaterOrEqual(t, len(waiting), 4, "the blank photos wait")
	slices.SortFunc(waiting, func(a, b string) int {
		if c := recs[a].CaptureTime.Compare(recs[b].CaptureTime); c != 0 {
			return c
		}
		return compareStrings(a, b)
	})

	items := s.waitQueueOf(t, ids, waiting)
	first := items[0]
	require.Equal(t, recs[first.CaptureID].BoothID, first.BoothID)
	require.True(t, recs[first.CaptureID].CaptureTime.Equal(first.CaptureTime))
	require.Equal(t, recs[first.CaptureID].PhotoURI, first.PhotoURI)
	require.Equal(t, recs[first.CaptureID].RawText, first.RawText)
	require.Positive(t, first.Age)

	// Decide the oldest: it leaves the queue within seconds; the rest stay, in order.
	decidedAt := time.Now().UTC().Truncate(time.Millisecond)
	start := time.Now()
	res, err := s.captures.Decide(context.Background(), first.CaptureID, signals.ReviewDecision{Plate: "QUE1234", ReviewerID: "erin", DecidedAt: decidedAt})
	require.NoError(t, err)
	require.Equal(t, "QUE1234", res.Plate)
	s.waitQueueOf(t, ids, waiting[1:])
	t.Logf("%d captures (%d read automatically, %d waiting); the decided one left the queue in %s",
		len(ids), auto, len(waiting), time.Since(start).Round(10*time.Millisecond))

	rec, err := s.records.Get(context.Background(), first.CaptureID)
	require.NoError(t, err)
	require.Equal(t, capture.StatusAccepted, rec.Status)
	require.Equal(t, "erin", rec.ReviewerID, "who decided")
	require.True(t, rec.DecidedAt.Equal(decidedAt), "when")
	require.Equal(t, recs[first.CaptureID].Candidates, rec.Candidates, "the recognizer's candidates stay on the record")
	require.Equal(t, recs[first.CaptureID].RawText, rec.RawText)

	_, err = s.captures.Decide(context.Background(), first.CaptureID, signals.ReviewDecision{Unreadable: true, ReviewerID: "frank"})
	var late *signals.NotWaitingError
	require.ErrorAs(t, err, &late)
	require.Equal(t, "erin", late.ReviewerID, "who decided first")
	require.Equal(t, "QUE1234", late.Plate, "and what")
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
