package activities

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"github.com/tollbooth/tollbooth/internal/capture"
)

type countedCaptures struct {
	waiting         int64
	recent, failing int
	since           time.Time
}

func (c *countedCaptures) CountStatus(_ context.Context, s capture.Status) (int64, error) {
	if s != capture.StatusAwaitingReview {
		return 0, nil
	}
	return c.waiting, nil
}

func (c *countedCaptures) RecentRecognition(_ context.Context, since time.Time) (int, int, error) {
	c.since = since
	return c.recent, c.failing, nil
}

func measure(t *testing.T, m *Monitoring) PipelineHealth {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	env.RegisterActivity(m)
	v, err := env.ExecuteActivity(m.MeasurePipeline)
	require.NoError(t, err)
	var h PipelineHealth
	require.NoError(t, v.Get(&h))
	return h
}

func TestMeasurePipelineJudgesTheSpikeAndTheBacklog(t *testing.T) {
	store := &countedCaptures{waiting: 250, recent: 40, failing: 20}
	m := &Monitoring{Store: store, ReviewBacklog: 200, SpikeRate: 0.5, SpikeWindow: 15 * time.Minute, SpikeMin: 10}
	h := measure(t, m)
	require.True(t, h.Spike, "20 of 40 is the 50% limit")
	require.True(t, h.Backlogged())
	require.WithinDuration(t, time.Now().Add(-15*time.Minute), store.since, time.Minute)

	store.failing = 19
	require.False(t, measure(t, m).Spike, "just under the limit")
	store.recent, store.failing = 9, 9
	require.False(t, measure(t, m).Spike, "too few captures to judge")
	store.waiting = 199
	require.False(t, measure(t, m).Backlogged())
	m.ReviewBacklog, m.SpikeRate = 0, 0
	store.waiting, store.recent, store.failing = 1e6, 100, 100
	h = measure(t, m)
	require.False(t, h.Backlogged(), "0: never")
	require.False(t, h.Spike, "0: never")
}
