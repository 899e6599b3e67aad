//go:build integration

package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/cost"
	"github.com/tollbooth/tollbooth/signals"
)

// TestCostIsMeasuredFromRealHistories: a capture a reviewer decides is counted from its history on
// the real server (the activities it ran, its billable actions, its size), and the namespace's
// measured profile prices a month of every service `starter cost` reports.
func TestCostIsMeasuredFromRealHistories(t *testing.T) {
	s := startStack(t, false, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	data := blankPhoto(t)
	object := capture.ObjectName("north-02", time.Now().UTC().Truncate(time.Millisecond), sha(data), "jpg")
	id := s.put(t, object, data)
	_, err := s.captures.Start(ctx, s.cfg.PhotoBucket, object, "starter")
	require.NoError(t, err)
	require.Equal(t, capture.StatusAwaitingReview, s.waitSettled(t, []string{id}, time.Minute)[id].Status)
	// The record is stored a moment before the workflow has taken in that it is stored and waits.
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		_, err := s.captures.Decide(ctx, id, signals.ReviewDecision{Plate: "ABC1234", ReviewerID: "carol"})
		assert.NoError(c, err)
	}, 30*time.Second, 300*time.Millisecond)

	run, err := cost.MeasureRun(ctx, s.temporal, signals.CaptureWorkflowID(id), "")
	require.NoError(t, err)
	require.True(t, run.Reviewed, "the decision (an update) is in the history")
	require.Equal(t, 1, run.Activities["InspectPhoto"], "%v", run.Activities)
	require.Equal(t, 1, run.Activities["ReadPlate"], "a photo with no text is read once: %v", run.Activities)
	require.Equal(t, 2, run.Activities["SaveCapture"], "saved waiting, then decided: %v", run.Activities)
	// start + inspect + read + save + the update + save, at least (retries and timers add more).
	require.GreaterOrEqual(t, run.Actions, 6)
	require.Positive(t, run.Bytes)

	p, err := cost.Measure(ctx, s.temporal, s.cfg.Temporal.Namespace, 20, nil)
	require.NoError(t, err)
	require.GreaterOrEqual(t, p.Reviewed.Runs, 1)
	u := cost.DefaultUsage()
	u.CapturesPerDay, u.ReviewShare = 100_000, 1 // only reviewed captures are sure to be measured here
	bill, err := cost.Estimate(p, u, cost.ListPrices)
	require.NoError(t, err)
	services := map[string]float64{}
	for _, l := range bill.Lines {
		services[l.Service] = l.USD
	}
	for _, want := range []string{"Temporal Cloud", "Cloud Vision", "Firestore", "Cloud Storage", "Pub/Sub"} {
		require.Contains(t, services, want)
	}
	require.Positive(t, services["Cloud Vision"])
	require.Greater(t, services["Temporal Cloud"], cost.ListPrices.TemporalPlanMinimum, "3M captures a month exceed the plan's allocation")
}
