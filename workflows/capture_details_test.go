package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	sdkpb "go.temporal.io/api/sdk/v1"

	"github.com/tollbooth/tollbooth/signals"
)

func TestTheRunsCurrentDetailsFollowTheCapture(t *testing.T) {
	env, _, _ := waitingEnv(t)
	// What the Web UI reads: the built-in metadata query's current details.
	details := func() string {
		v, err := env.QueryWorkflow("__temporal_workflow_metadata")
		require.NoError(t, err)
		var md sdkpb.WorkflowMetadata
		require.NoError(t, v.Get(&md))
		return md.GetCurrentDetails()
	}
	var waiting string
	env.RegisterDelayedCallback(func() { waiting = details() }, 10*time.Minute)
	decideAt(t, env, 20*time.Minute, signals.ReviewDecision{Plate: "7abc 123", ReviewerID: "carol", DecidedAt: time.Date(2026, 11, 25, 18, 20, 0, 0, time.UTC)})
	env.ExecuteWorkflow(Capture, testInput)
	result(t, env)

	require.Contains(t, waiting, "**awaiting_review**")
	require.Contains(t, waiting, "booth `north-01`")
	require.Contains(t, waiting, "best read: `7ABC12`")
	require.Contains(t, waiting, "why a person: `not-standard-format`")
	require.NotContains(t, waiting, "decided")

	done := details()
	require.Contains(t, done, "**accepted**")
	require.Contains(t, done, "best read: `7ABC123` (confidence 1.00)")
	require.Contains(t, done, "decided by carol at 2026-11-25 18:20:00 UTC")
	require.NotContains(t, done, "why a person", "the reason is cleared once a person decided")
}
