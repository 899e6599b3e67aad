//go:build integration

package e2e

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/devstack"
	"github.com/tollbooth/tollbooth/internal/ftpserver"
	"github.com/tollbooth/tollbooth/signals"
	"github.com/tollbooth/tollbooth/workflows"
)

// pausedSchedules creates the worker's schedules afresh, as a worker start does, and pauses them so
// no tick of theirs runs during the test (a trigger still does: `starter export now`, the early
// export). They are deleted when the test ends.
func pausedSchedules(t *testing.T, s *stack) {
	t.Helper()
	ctx := context.Background()
	sc := s.temporal.ScheduleClient()
	deleteAll := func() {
		for _, id := range signals.ScheduleIDs {
			_ = sc.GetHandle(ctx, id).Delete(ctx)
		}
	}
	deleteAll() // a schedule an earlier test left keeps its old actions and settings
	t.Cleanup(deleteAll)
	require.NoError(t, app.EnsureSchedules(ctx, s.temporal, s.cfg))
	for _, id := range signals.ScheduleIDs {
		require.NoError(t, sc.GetHandle(ctx, id).Pause(ctx, client.SchedulePauseOptions{Note: "e2e: runs only when triggered"}))
	}
}

// exportActions is how many runs the export schedule has started (its recent actions).
func exportActions(t *testing.T, s *stack) int {
	t.Helper()
	ctx := context.Background()
	d, err := s.temporal.ScheduleClient().GetHandle(ctx, signals.ExportScheduleID).Describe(ctx)
	require.NoError(t, err)
	return len(d.Info.RecentActions)
}

// triggerExport runs the export schedule's action now, as `starter export now` does, and returns
// the result of the run it started.
func triggerExport(t *testing.T, s *stack) workflows.ExportResult {
	t.Helper()
	before := exportActions(t, s)
	require.NoError(t, app.TriggerExport(context.Background(), s.temporal))
	return scheduledExport(t, s, before)
}

// scheduledExport waits for the export schedule's run after the first `before` ones, and for its
// result.
func scheduledExport(t *testing.T, s *stack, before int) workflows.ExportResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	h := s.temporal.ScheduleClient().GetHandle(ctx, signals.ExportScheduleID)
	var run *client.ScheduleWorkflowExecution
	waitUntil(t, time.Minute, "the export schedule starts a run", func() (bool, string) {
		d, err := h.Describe(ctx)
		if err != nil {
			return false, err.Error()
		}
		if len(d.Info.RecentActions) > before {
			run = d.Info.RecentActions[before].StartWorkflowResult
			return true, ""
		}
		return false, fmt.Sprintf("%d runs started", len(d.Info.RecentActions))
	})
	var res workflows.ExportResult
	require.NoError(t, s.temporal.GetWorkflow(ctx, run.WorkflowID, run.FirstExecutionRunID).Get(ctx, &res),
		"the scheduled export %s", run.WorkflowID)
	return res
}

// runOnce runs a scheduled workflow once, the way its schedule does (the capture task queue, an
// id after the schedule's), on the stack's worker, and returns its result.
func runOnce[R any](t *testing.T, s *stack, idPrefix string, workflow any, args ...any) R {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	run, err := s.temporal.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID: fmt.Sprintf("%s-e2e-%d", idPrefix, time.Now().UnixNano()), TaskQueue: signals.CaptureTaskQueue,
	}, workflow, args...)
	require.NoError(t, err)
	var res R
	require.NoError(t, run.Get(ctx, &res))
	return res
}

// ftpUploads is what the local FTP server's transfer log says was uploaded, per file name (the
// staged .part names included): a retry that stages a file again shows as 2.
func ftpUploads(t *testing.T) map[string]int {
	t.Helper()
	return ftpserver.Uploads(ftpTransfers(t))
}

// ftpTransfers reads the local FTP server's transfer log.
func ftpTransfers(t *testing.T) []ftpserver.Transfer {
	t.Helper()
	path := os.Getenv(devstack.EnvFTPTransferLog)
	require.NotEmpty(t, path, "%s is not set: run through devstack exec", devstack.EnvFTPTransferLog)
	transfers, err := ftpserver.ReadTransfers(path)
	require.NoError(t, err)
	return transfers
}
