//go:build integration

package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/visionserver"
)

// secondOpinionRead is the record's read by the second recognizer, if it made one.
func secondOpinionRead(rec capture.Record) (capture.Read, bool) {
	for _, r := range rec.Reads {
		if r.Source == capture.ReadSecondOpinion {
			return r, true
		}
	}
	return capture.Read{}, false
}

// uploadEasyPhotos uploads the easy synthetic photos TestUploadedPhotosBecomeRecords shows the
// stack's recognizer accepting some of, and waits until each is accepted or waits for a person.
func uploadEasyPhotos(t *testing.T, s *stack) map[string]capture.Record {
	t.Helper()
	_, photos := synthPhotos(t, 6, 101, 0)
	at := time.Now().UTC().Truncate(time.Millisecond)
	ids := make([]string, len(photos))
	for i, p := range photos {
		ids[i] = s.upload(t, "north-01", at.Add(time.Duration(i)*time.Second), p)
	}
	return s.waitSettled(t, ids, 2*time.Minute)
}

// TestASecondRecognizerThatDisagreesSendsCapturesToAPerson: the worker's second recognizer (a
// Vision-compatible server whose every read is 7WXY347, acceptable on its own) never reads what
// the stack's recognizer reads, so no capture is accepted: those the recognizer's two reads
// accepted wait for a person, reads-disagree, with all three reads on the record.
func TestASecondRecognizerThatDisagreesSendsCapturesToAPerson(t *testing.T) {
	engine := visionserver.NewFixtureEngine(&visionserver.Manifest{Default: visionserver.FixtureEntry{Text: "7WXY347", Confidence: 0.97}})
	server := visionserver.NewServer(engine, nil, nil)
	second, err := server.Start("127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { second.Stop(context.Background()) })
	s := startStack(t, true, func(c *config.Config) {
		c.SecondOpinion = config.SecondOpinion{Endpoint: second.Addr, RPS: 20}
	})

	asked := 0
	for id, rec := range uploadEasyPhotos(t, s) {
		require.Equal(t, capture.StatusAwaitingReview, rec.Status, "capture %s: nothing is accepted against the second recognizer", id)
		require.Empty(t, rec.Plate)
		read, ok := secondOpinionRead(rec)
		if !ok {
			require.NotEqual(t, capture.ReasonSecondOpinionUnavailable, rec.ReasonCode, "capture %s", id)
			continue // the recognizer's own reads sent it to a person: no second call is spent
		}
		asked++
		require.Equal(t, capture.ReasonReadsDisagree, rec.ReasonCode, "capture %s: %s", id, rec.Reason)
		require.Contains(t, rec.Reason, "the second recognizer reads 7WXY347")
		require.Len(t, rec.Reads, 3, "the photo, its crop and the second recognizer")
		require.Equal(t, capture.ReadPhoto, rec.Reads[0].Source)
		require.Equal(t, rec.Reads[0].Plate, rec.Reads[1].Plate, "the recognizer's reads agreed")
		require.Equal(t, "7WXY347", read.Plate)
		require.Empty(t, read.ReasonCode, "acceptable alone: only the disagreement sends it to a person")
	}
	require.Positive(t, asked, "the plates the recognizer accepted were put to the second recognizer")
	require.Positive(t, server.Stats().Requests, "the second recognizer was called")
}

// TestASecondRecognizerThatIsDownSendsCapturesToAPerson: a second recognizer that refuses
// connections neither blocks captures nor lets one through: after its few retries, those the
// recognizer accepted wait for a person, second-opinion-unavailable.
func TestASecondRecognizerThatIsDownSendsCapturesToAPerson(t *testing.T) {
	s := startStack(t, true, func(c *config.Config) {
		c.SecondOpinion = config.SecondOpinion{Endpoint: "127.0.0.1:1", RPS: 20} // nothing listens there
	})

	unavailable := 0
	for id, rec := range uploadEasyPhotos(t, s) {
		require.Equal(t, capture.StatusAwaitingReview, rec.Status, "capture %s: never accepted without the second opinion", id)
		_, ok := secondOpinionRead(rec)
		require.False(t, ok)
		if rec.ReasonCode == capture.ReasonSecondOpinionUnavailable {
			unavailable++
			require.Contains(t, rec.Reason, "the second recognizer did not answer")
			require.Len(t, rec.Reads, 2)
		}
	}
	require.Positive(t, unavailable, "the plates the recognizer accepted went to a person")
}
