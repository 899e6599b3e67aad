//go:build integration

package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/devstack"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/signals"
)

// TestACaptureWaitingOnBuildAIsDecidedOnBuildB is a deploy while a capture waits for its reviewer,
// with Worker Versioning, on the real dev server and two real worker processes: build A is current
// when the capture starts and waits; build B starts and is made current; the reviewer decides. The
// capture (AutoUpgrade) finishes on B with the reviewer's plate, one record; a new capture runs on
// B from its start.
func TestACaptureWaitingOnBuildAIsDecidedOnBuildB(t *testing.T) {
	ctx := context.Background()
	s := connectStack(t)
	deployment := "tollbooth-e2e-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	deployments := s.temporal.WorkerDeploymentClient().GetHandle(deployment)
	t.Cleanup(func() {
		// Give the capture queue back to unversioned workers, for the tests after this one, and
		// remove the schedules the worker processes created.
		_, err := deployments.SetCurrentVersion(ctx, client.WorkerDeploymentSetCurrentVersionOptions{IgnoreMissingTaskQueues: true})
		require.NoError(t, err, "make unversioned workers current again")
		for _, id := range signals.ScheduleIDs {
			_ = s.temporal.ScheduleClient().GetHandle(ctx, id).Delete(ctx)
		}
	})

	bin, logDir := buildWorker(t)
	startBuild := func(buildID string) {
		t.Helper()
		logPath := filepath.Join(logDir, "versioning-worker-"+buildID+".log")
		// The processes create the schedules; a day apart, no scheduled run starts (pinned to a
		// build that ends with the test) while it runs.
		startWorkerProcess(t, bin, logPath, config.EnvDeploymentName+"="+deployment, config.EnvBuildID+"="+buildID,
			config.EnvExportEvery+"=168h", config.EnvExportCheckEvery+"=24h", config.EnvMonitorEvery+"=24h")
		makeCurrent(t, deployments, buildID, logPath)
	}

	startBuild("a")
	waiting := s.startBlankCapture(t, "south-01")
	require.Equal(t, capture.StatusAwaitingReview, s.waitSettled(t, []string{waiting.id}, time.Minute)[waiting.id].Status)
	build, behavior := versionOf(t, s, waiting.workflowID)
	require.Equal(t, "a", build, "the capture started on the current build")
	require.Equal(t, enumspb.VERSIONING_BEHAVIOR_AUTO_UPGRADE, behavior)

	startBuild("b")
	res, err := s.captures.Decide(ctx, waiting.id, signals.ReviewDecision{Plate: "bcd 2345", ReviewerID: "erin"})
	require.NoError(t, err)
	require.Equal(t, "BCD2345", res.Plate)

	var final signals.CaptureState
	require.NoError(t, s.temporal.GetWorkflow(ctx, waiting.workflowID, "").Get(ctx, &final), "the run completes")
	require.Equal(t, capture.StatusAccepted, final.Status)
	rec, err := s.records.Get(ctx, waiting.id)
	require.NoError(t, err)
	require.Equal(t, capture.StatusAccepted, rec.Status)
	require.Equal(t, "BCD2345", rec.Plate)
	require.Equal(t, capture.DecisionByReviewer("erin"), rec.Decision)
	withPlate, _, err := s.records.Search(ctx, gcp.CaptureQuery{BoothID: "south-01", Plate: "BCD2345", Limit: 10})
	require.NoError(t, err)
	require.Len(t, withPlate, 1, "one record of that plate")
	require.Equal(t, waiting.id, withPlate[0].CaptureID)
	builds := workflowTaskBuilds(t, s, waiting.workflowID)
	require.Equal(t, "a", builds[0], "its first workflow task ran on A")
	require.Equal(t, "b", builds[len(builds)-1], "the decision was taken on B: %v", builds)
	build, _ = versionOf(t, s, waiting.workflowID)
	require.Equal(t, "b", build)

	next := s.startBlankCapture(t, "south-02")
	require.Equal(t, capture.StatusAwaitingReview, s.waitSettled(t, []string{next.id}, time.Minute)[next.id].Status)
	build, _ = versionOf(t, s, next.workflowID)
	require.Equal(t, "b", build, "a new capture runs on the current build")
	require.Equal(t, []string{"b"}, unique(workflowTaskBuilds(t, s, next.workflowID)))
	_, err = s.captures.Decide(ctx, next.id, signals.ReviewDecision{Unreadable: true, ReviewerID: "erin"})
	require.NoError(t, err)

	v, err := deployments.DescribeVersion(ctx, client.WorkerDeploymentDescribeVersionOptions{BuildID: "a"})
	require.NoError(t, err)
	t.Logf("build a after the deploy: drainage %+v", v.Info.DrainageInfo)
}

// buildWorker builds the worker program once for the test; its logs go to the stack's log folder.
func buildWorker(t *testing.T) (bin, logDir string) {
	t.Helper()
	dir := t.TempDir()
	bin = filepath.Join(dir, "worker")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/tollbooth/tollbooth/worker").CombinedOutput()
	require.NoError(t, err, "go build ./worker: %s", out)
	logDir = dir
	if d := os.Getenv(devstack.EnvDevstackDir); d != "" {
		logDir = filepath.Join(d, "logs")
	}
	return bin, logDir
}

// makeCurrent waits until the build's workers poll the capture queue for both workflow and
// activity tasks as that version, then makes it the deployment's current version, as `temporal
// worker deployment set-current-version` does. The server refuses a version that does not (yet)
// poll every queue the current one does: that refusal is retried until the deadline.
func makeCurrent(t *testing.T, h client.WorkerDeploymentHandle, buildID, logPath string) {
	t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(time.Minute)
	var err error
	for {
		if pollsCaptureQueue(ctx, h, buildID) {
			if _, err = h.SetCurrentVersion(ctx, client.WorkerDeploymentSetCurrentVersionOptions{BuildID: buildID}); err == nil {
				return
			}
		}
		require.False(t, time.Now().After(deadline), "build %s not made current (%v); worker log: %s", buildID, err, logPath)
		time.Sleep(300 * time.Millisecond)
	}
}

func pollsCaptureQueue(ctx context.Context, h client.WorkerDeploymentHandle, buildID string) bool {
	v, err := h.DescribeVersion(ctx, client.WorkerDeploymentDescribeVersionOptions{BuildID: buildID})
	if err != nil {
		return false
	}
	types := map[client.TaskQueueType]bool{}
	for _, q := range v.Info.TaskQueuesInfos {
		if q.Name == signals.CaptureTaskQueue {
			types[q.Type] = true
		}
	}
	return types[client.TaskQueueTypeWorkflow] && types[client.TaskQueueTypeActivity]
}

type startedCapture struct{ id, workflowID string }

// startBlankCapture starts the capture of a photo without text, which waits for a reviewer.
func (s *stack) startBlankCapture(t *testing.T, booth string) startedCapture {
	t.Helper()
	data := blankPhoto(t)
	object := capture.ObjectName(booth, time.Now().UTC().Truncate(time.Millisecond), sha(data), "jpg")
	s.put(t, object, data)
	started, err := s.captures.Start(context.Background(), s.cfg.PhotoBucket, object, "e2e")
	require.NoError(t, err)
	return startedCapture{id: started.CaptureID, workflowID: started.WorkflowID}
}

// versionOf is the build a workflow runs on and its versioning behaviour, as the server describes
// it (`temporal workflow describe`, "Versioning Info").
func versionOf(t *testing.T, s *stack, workflowID string) (string, enumspb.VersioningBehavior) {
	t.Helper()
	d, err := s.temporal.DescribeWorkflow(context.Background(), workflowID, "")
	require.NoError(t, err)
	info := d.RawResponse.GetWorkflowExecutionInfo().GetVersioningInfo()
	return info.GetDeploymentVersion().GetBuildId(), info.GetBehavior()
}

// workflowTaskBuilds lists the build of every completed workflow task in the run's history.
func workflowTaskBuilds(t *testing.T, s *stack, workflowID string) []string {
	t.Helper()
	var builds []string
	for _, e := range s.history(t, workflowID) {
		if a := e.GetWorkflowTaskCompletedEventAttributes(); a != nil {
			builds = append(builds, a.GetDeploymentVersion().GetBuildId())
		}
	}
	require.NotEmpty(t, builds)
	return builds
}

// history is the latest run's whole history.
func (s *stack) history(t *testing.T, workflowID string) []*historypb.HistoryEvent {
	t.Helper()
	var events []*historypb.HistoryEvent
	it := s.temporal.GetWorkflowHistory(context.Background(), workflowID, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for it.HasNext() {
		e, err := it.Next()
		require.NoError(t, err)
		events = append(events, e)
	}
	return events
}

func unique(xs []string) []string {
	var out []string
	for _, x := range xs {
		if len(out) == 0 || out[len(out)-1] != x {
			out = append(out, x)
		}
	}
	return out
}
