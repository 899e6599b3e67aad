package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/alert"
)

var testMonitoring *activities.Monitoring

func monitorEnv(t *testing.T, h activities.PipelineHealth) (*testsuite.TestWorkflowEnvironment, *[]alert.Alert) {
	t.Helper()
	env, alerts := newExportEnv(t)
	env.RegisterWorkflow(Monitor)
	env.RegisterActivity(&activities.Monitoring{})
	env.OnActivity(testMonitoring.MeasurePipeline, mock.Anything).Return(h, nil)
	return env, alerts
}

func TestMonitorBacklogAlert(t *testing.T) {
	env, alerts := monitorEnv(t, activities.PipelineHealth{AwaitingReview: 250, BacklogLimit: 200})
	env.ExecuteWorkflow(Monitor)
	require.NoError(t, env.GetWorkflowError())
	var res MonitorResult
	require.NoError(t, env.GetWorkflowResult(&res))
	require.True(t, res.BacklogAlert)
	require.False(t, res.SpikeAlert)
	require.Len(t, *alerts, 1)
	require.Equal(t, alert.KindReviewBacklog, (*alerts)[0].Kind)
	require.Contains(t, (*alerts)[0].Subject, "250")
}

func TestMonitorRecognitionSpikeAlert(t *testing.T) {
	env, alerts := monitorEnv(t, activities.PipelineHealth{RecentCaptures: 40, RecentFailures: 31,
		SpikeWindow: 15 * time.Minute, SpikeRate: 0.5, Spike: true, AwaitingReview: 31, BacklogLimit: 200})
	env.ExecuteWorkflow(Monitor)
	require.NoError(t, env.GetWorkflowError())
	require.Len(t, *alerts, 1)
	a := (*alerts)[0]
	require.Equal(t, alert.KindRecognitionSpike, a.Kind)
	require.Contains(t, a.Subject, "31 of the last 40")
	require.Contains(t, a.Body, "Vision")
}

func TestAHealthyPipelineRaisesNothing(t *testing.T) {
	env, alerts := monitorEnv(t, activities.PipelineHealth{AwaitingReview: 3, BacklogLimit: 200, RecentCaptures: 40, RecentFailures: 1})
	env.ExecuteWorkflow(Monitor)
	require.NoError(t, env.GetWorkflowError())
	require.Empty(t, *alerts)
}
