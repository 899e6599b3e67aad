//go:build integration

package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/workflowservice/v1"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/captureclient"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/signals"
)

// TestATerminatedCaptureIsReprocessedOnceAndNeverTwice: a capture whose workflow was terminated
// before it stored a record is reported by `starter backfill`, runs again with `starter reprocess`
// under the same workflow id and ends with one final record; reprocessing it again, or any capture
// with a final record, is refused.
func TestATerminatedCaptureIsReprocessedOnceAndNeverTwice(t *testing.T) {
	ctx := context.Background()
	_, photos := synthPhotos(t, 1, 404, 0)
	at := time.Now().UTC().Truncate(time.Millisecond)
	object := capture.ObjectName("north-02", at, sha(photos[0]), "jpg")
	id := capture.ID(config.DefaultPhotoBucket, object)
	wfID := signals.CaptureWorkflowID(id)

	// No worker yet: the capture starts and is terminated before it can store anything.
	terminated := startAndTerminate(t, object, photos[0])

	s := startStack(t, false, nil)
	require.Equal(t, config.DefaultPhotoBucket, s.cfg.PhotoBucket)
	rec, err := s.records.Get(ctx, id)
	require.NoError(t, err)
	require.Nil(t, rec, "terminated before it stored a record")
	starter := buildStarter(t)

	// Backfill does not count it as done: it names it and the command that fixes it.
	out, errOut, code := starter(t, "backfill", "--prefix", object)
	require.Equal(t, 0, code, errOut)
	require.Equal(t, id+"\n", out)
	require.Contains(t, errOut, "0 started, 0 already had a workflow, 1 need reprocessing")
	require.Contains(t, errOut, "starter reprocess "+id)

	out, errOut, code = starter(t, "reprocess", id)
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, id+"\treprocessing: run ")
	// A second reprocess finds the new run (running, or already final): refused, nothing started.
	_, err = s.captures.Reprocess(ctx, id)
	var refused *captureclient.ReprocessRefusedError
	require.ErrorAs(t, err, &refused)
	require.Contains(t, []captureclient.RefusalReason{captureclient.RefusedRunning, captureclient.RefusedFinal}, refused.Reason)

	rec2 := s.waitSettled(t, []string{id}, 2*time.Minute)[id]
	if rec2.Status == capture.StatusAwaitingReview {
		_, err := s.captures.Decide(ctx, id, signals.ReviewDecision{Plate: "7ABC123", ReviewerID: "e2e"})
		require.NoError(t, err)
	}
	require.NoError(t, s.temporal.GetWorkflow(ctx, wfID, "").Get(ctx, nil))
	final, err := s.records.Get(ctx, id)
	require.NoError(t, err)
	require.True(t, final.Status.Final(), "status %s", final.Status)
	require.Equal(t, wfID, final.WorkflowID, "the same workflow id: one per capture")
	require.NotEqual(t, terminated, final.WorkflowRunID, "stored by the new run")

	// Final now: the command refuses it by id, with the reason, and fails.
	_, errOut, code = starter(t, "reprocess", id)
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "refused: capture "+id+" is final")
	require.Contains(t, errOut, "0 reprocessing, 1 refused")
	// A capture that completed normally, with its record, is refused too; so is an unknown one.
	otherObject := capture.ObjectName("north-02", at.Add(time.Second), sha(photos[0]), "jpg")
	other := s.put(t, otherObject, photos[0])
	_, err = s.captures.Start(ctx, s.cfg.PhotoBucket, otherObject, "starter")
	require.NoError(t, err)
	if r := s.waitSettled(t, []string{other}, 2*time.Minute)[other]; r.Status == capture.StatusAwaitingReview {
		_, err := s.captures.Decide(ctx, other, signals.ReviewDecision{Unreadable: true, ReviewerID: "e2e"})
		require.NoError(t, err)
	}
	_, errOut, code = starter(t, "reprocess", other, "ffffffffffffffffffffffff")
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "refused: capture "+other+" is final")
	require.Contains(t, errOut, "refused: capture ffffffffffffffffffffffff has no workflow history")

	// Exactly two runs of the one workflow id: the terminated one and the reprocess.
	runs, err := s.temporal.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{Query: fmt.Sprintf("WorkflowId = '%s'", wfID)})
	require.NoError(t, err)
	statuses := map[string]enums.WorkflowExecutionStatus{}
	for _, e := range runs.Executions {
		statuses[e.GetExecution().GetRunId()] = e.GetStatus()
	}
	require.Len(t, statuses, 2, "one terminated run and one reprocessed run: %v", statuses)
	require.Equal(t, enums.WORKFLOW_EXECUTION_STATUS_TERMINATED, statuses[terminated])
	require.Equal(t, enums.WORKFLOW_EXECUTION_STATUS_COMPLETED, statuses[final.WorkflowRunID])
}

// startAndTerminate stores the photo, starts its capture the way the trigger does and terminates
// the run at once, with no worker polling: it never stores a record. It returns the run id.
func startAndTerminate(t *testing.T, object string, photo []byte) string {
	t.Helper()
	ctx := context.Background()
	cfg, err := config.Load()
	require.NoError(t, err)
	c, err := app.DialTemporal(cfg, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	require.NoError(t, err)
	defer c.Close()
	cloud, err := app.OpenCloud(ctx, cfg, app.NeedStorage|app.NeedFirestore)
	require.NoError(t, err)
	defer cloud.Close()
	_, err = gcp.Bucket{Client: cloud.Storage}.PutIfAbsent(ctx, cfg.PhotoBucket, object, "image/jpeg", bytes.NewReader(photo))
	require.NoError(t, err)
	st, err := app.NewCaptureClient(cfg, c, cloud).Start(ctx, cfg.PhotoBucket, object, "upload-event")
	require.NoError(t, err)
	require.False(t, st.Existing)
	require.NoError(t, c.TerminateWorkflow(ctx, st.WorkflowID, st.RunID, "e2e: terminated before it stored a record"))
	return st.RunID
}

// buildStarter builds the starter command and returns a function that runs it with the stack's
// environment: its standard output, standard error and exit code.
func buildStarter(t *testing.T) func(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "starter")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/tollbooth/tollbooth/starter").CombinedOutput()
	require.NoError(t, err, string(out))
	return func(t *testing.T, args ...string) (string, string, int) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return stdout.String(), stderr.String(), exit.ExitCode()
		}
		require.NoError(t, err)
		return stdout.String(), stderr.String(), 0
	}
}
