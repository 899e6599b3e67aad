package workflows

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/alert"
)

var testSweeper *activities.Sweeper

// sweepEnv runs Sweep against the given progress reports, one per activity call, recording each
// request; alerts and the sweep_started metric are captured.
func sweepEnv(t *testing.T, steps []activities.SweepProgress) (*testsuite.TestWorkflowEnvironment, *[]alert.Alert, *[]activities.SweepRequest, countingHandler) {
	t.Helper()
	h := newCountingHandler()
	var s testsuite.WorkflowTestSuite
	s.SetMetricsHandler(h)
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflow(Sweep)
	env.RegisterActivity(&activities.Sweeper{})
	alerts := recordAlerts(env)
	reqs := &[]activities.SweepRequest{}
	env.OnActivity(testSweeper.SweepPhotos, mock.Anything, mock.Anything).Return(
		func(_ context.Context, r activities.SweepRequest) (activities.SweepProgress, error) {
			*reqs = append(*reqs, r)
			require.Less(t, len(*reqs)-1, len(steps), "more activity calls than steps")
			return steps[len(*reqs)-1], nil
		})
	return env, alerts, reqs, h
}

func page(booth, token string, counts activities.SweepCounts) activities.SweepProgress {
	counts.Pages = sweepPagesPerActivity
	return activities.SweepProgress{SweepCounts: counts, Cursor: activities.SweepCursor{Booth: booth, PageToken: token},
		Window: 24 * time.Hour, Grace: 15 * time.Minute}
}

func TestSweepStartsMissedPhotosCountsThemAndAlertsOnce(t *testing.T) {
	last := page("south-01", "", activities.SweepCounts{Listed: 3, Recorded: 2, Started: 1, StartedObjects: []string{"photos/south-01/b.jpg"}})
	last.Done = true
	env, alerts, reqs, metrics := sweepEnv(t, []activities.SweepProgress{
		page("north-01", "tok-1", activities.SweepCounts{Listed: 5, Recorded: 3, Running: 1, Started: 1, StartedObjects: []string{"photos/north-01/a.jpg"}}),
		last,
	})
	env.ExecuteWorkflow(Sweep, SweepInput{})
	require.NoError(t, env.GetWorkflowError())
	var res SweepResult
	require.NoError(t, env.GetWorkflowResult(&res))
	require.Equal(t, 8, res.Listed)
	require.Equal(t, 5, res.Recorded)
	require.Equal(t, 1, res.Running)
	require.Equal(t, 2, res.Started)
	require.Equal(t, []string{"photos/north-01/a.jpg", "photos/south-01/b.jpg"}, res.StartedObjects)
	require.True(t, res.Alert)

	// Each call continues where the last stopped, in the same window (one Now for the whole sweep).
	require.Len(t, *reqs, 2)
	require.Equal(t, activities.SweepCursor{}, (*reqs)[0].Cursor)
	require.Equal(t, activities.SweepCursor{Booth: "north-01", PageToken: "tok-1"}, (*reqs)[1].Cursor)
	require.Equal(t, (*reqs)[0].Now, (*reqs)[1].Now)
	require.Equal(t, sweepPagesPerActivity, (*reqs)[0].MaxPages)

	require.Equal(t, int64(2), metrics.counts[metricSweepStarted])
	require.Len(t, *alerts, 1)
	a := (*alerts)[0]
	require.Equal(t, alert.KindPhotosMissed, a.Kind)
	require.Equal(t, "upload-notifications", a.Key, "one key: a stream of lost notifications is one alert per window")
	require.Contains(t, a.Subject, "2 photos")
	require.Contains(t, a.Body, "photos/south-01/b.jpg")
	require.Contains(t, a.Body, "subscription")
}

func TestASweepThatFindsNothingMissedRaisesNothing(t *testing.T) {
	done := page("", "", activities.SweepCounts{Listed: 40, Recorded: 38, Running: 1, TooNew: 1})
	done.Done = true
	env, alerts, _, metrics := sweepEnv(t, []activities.SweepProgress{done})
	env.ExecuteWorkflow(Sweep, SweepInput{})
	require.NoError(t, env.GetWorkflowError())
	var res SweepResult
	require.NoError(t, env.GetWorkflowResult(&res))
	require.False(t, res.Alert)
	require.Zero(t, res.Started)
	require.Empty(t, *alerts)
	require.Zero(t, metrics.counts[metricSweepStarted])
}

// A large window continues as new after sweepPagesPerRun pages, carrying the cursor, the sweep's
// time and what it found; the next run goes on from there.
func TestALargeSweepContinuesAsNewWithItsCursor(t *testing.T) {
	calls := sweepPagesPerRun / sweepPagesPerActivity
	steps := make([]activities.SweepProgress, calls)
	for i := range steps {
		steps[i] = page("north-01", "tok", activities.SweepCounts{Listed: 1000, Recorded: 999, Started: 1})
	}
	env, alerts, reqs, _ := sweepEnv(t, steps)
	now := time.Date(2026, 12, 1, 17, 0, 0, 0, time.UTC)
	env.ExecuteWorkflow(Sweep, SweepInput{Now: now})
	var can *workflow.ContinueAsNewError
	require.ErrorAs(t, env.GetWorkflowError(), &can)
	require.Len(t, *reqs, calls)
	require.Empty(t, *alerts, "the alert comes once, at the end of the whole sweep")

	var next SweepInput
	require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(can.Input, &next))
	require.Equal(t, now, next.Now, "the window stays where the sweep began")
	require.Equal(t, activities.SweepCursor{Booth: "north-01", PageToken: "tok"}, next.Cursor)
	require.Equal(t, calls, next.Found.Started)
	require.Equal(t, sweepPagesPerRun, next.Found.Pages)

	// The next run starts from the cursor and reports the whole sweep.
	last := page("", "", activities.SweepCounts{Listed: 10, Recorded: 10})
	last.Done = true
	env, alerts, reqs, _ = sweepEnv(t, []activities.SweepProgress{last})
	env.ExecuteWorkflow(Sweep, next)
	require.NoError(t, env.GetWorkflowError())
	require.Equal(t, next.Cursor, (*reqs)[0].Cursor)
	require.Equal(t, now, (*reqs)[0].Now)
	var res SweepResult
	require.NoError(t, env.GetWorkflowResult(&res))
	require.Equal(t, calls, res.Started)
	require.Len(t, *alerts, 1)
}
