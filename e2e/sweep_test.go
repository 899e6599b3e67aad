//go:build integration

package e2e

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"google.golang.org/api/iterator"

	"github.com/tollbooth/tollbooth/internal/alert"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/notify"
	"github.com/tollbooth/tollbooth/signals"
	"github.com/tollbooth/tollbooth/workflows"
)

// sweepGrace is the e2e sweep's grace period: photos older than this since upload are swept.
const sweepGrace = 2 * time.Second

// TestTheSweepStartsAPhotoWhoseNotificationWasLost: photos written to a bucket that sends no
// notification (as if the message was lost) are started by the sweep, exactly once each, counted
// in tollbooth_sweep_started_total and alerted on once per de-duplication window; a photo that
// already has its workflow and record is left alone, and a second sweep starts nothing.
func TestTheSweepStartsAPhotoWhoseNotificationWasLost(t *testing.T) {
	ctx := context.Background()
	// Its own bucket: fake-gcs-server notifies only for the photo bucket, so nothing here is ever
	// announced, and the sweep sees no other test's photos.
	bucket := fmt.Sprintf("tollbooth-sweep-e2e-%d", time.Now().UnixNano())
	s := startStack(t, false, func(c *config.Config) {
		c.PhotoBucket = bucket
		c.Sweep.Grace = sweepGrace
	})
	require.NoError(t, s.cloud.Storage.Bucket(bucket).Create(ctx, s.cfg.Project, nil))
	forgetPhotosMissedAlerts(t, s)
	const subject = "had no workflow"
	mailsBefore := len(mails(t, s.cfg, subject))
	metricsURL := serveMetrics(t, s)

	_, photos := synthPhotos(t, 3, 505, 0)
	at := time.Now().UTC().Truncate(time.Millisecond)
	missed := s.upload(t, "north-01", at, photos[0])
	notified := s.upload(t, "north-01", at.Add(time.Second), photos[1])
	_, err := s.captures.Start(ctx, bucket, capture.ObjectName("north-01", at.Add(time.Second), sha(photos[1]), "jpg"), "upload-event")
	require.NoError(t, err)
	s.waitSettled(t, []string{notified}, 2*time.Minute)
	time.Sleep(sweepGrace + time.Second)

	res := runSweep(t, s)
	require.Equal(t, 1, res.Started, "%+v", res)
	require.Equal(t, 1, res.Recorded, "the notified photo has its record")
	require.Equal(t, 2, res.Listed)
	require.Equal(t, []string{capture.ObjectName("north-01", at, sha(photos[0]), "jpg")}, res.StartedObjects)
	require.True(t, res.Alert)
	rec := s.waitSettled(t, []string{missed}, 2*time.Minute)[missed]
	require.Equal(t, signals.CaptureWorkflowID(missed), rec.WorkflowID)
	require.Len(t, waitMails(t, s.cfg, subject, mailsBefore+1, 30*time.Second), mailsBefore+1, "the alert is mailed")

	again := runSweep(t, s)
	require.Zero(t, again.Started, "a second sweep starts nothing: %+v", again)
	require.False(t, again.Alert)
	require.Equal(t, 2, again.Recorded+again.Running)

	// Another lost notification: started and counted; the alert is raised again but de-duplicated.
	late := s.upload(t, "north-01", at.Add(2*time.Second), photos[2])
	time.Sleep(sweepGrace + time.Second)
	third := runSweep(t, s)
	require.Equal(t, 1, third.Started)
	require.True(t, third.Alert)
	s.waitSettled(t, []string{late}, 2*time.Minute)
	time.Sleep(2 * time.Second) // a second mail would have arrived by now
	require.Len(t, mails(t, s.cfg, subject), mailsBefore+1, "one alert per de-duplication window")

	for _, id := range []string{missed, late} {
		runs, err := s.temporal.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
			Query: fmt.Sprintf("WorkflowId = '%s'", signals.CaptureWorkflowID(id))})
		require.NoError(t, err)
		require.Len(t, runs.Executions, 1, "exactly one workflow for capture %s", id)
	}
	require.Eventually(t, func() bool { return sweepStarted(t, metricsURL) == 2 }, 10*time.Second, 200*time.Millisecond,
		"tollbooth_sweep_started_total counts the two started photos")
}

// runSweep runs the sweep workflow the way its schedule does, on the stack's worker, and returns
// its result.
func runSweep(t *testing.T, s *stack) workflows.SweepResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	run, err := s.temporal.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID: fmt.Sprintf("%s-e2e-%d", signals.SweepWorkflowID, time.Now().UnixNano()), TaskQueue: signals.CaptureTaskQueue,
	}, workflows.Sweep, workflows.SweepInput{})
	require.NoError(t, err)
	var res workflows.SweepResult
	require.NoError(t, run.Get(ctx, &res))
	return res
}

// forgetPhotosMissedAlerts deletes the de-duplication marks of photos-missed alerts raised
// earlier on this stack, so this test's first alert is mailed.
func forgetPhotosMissedAlerts(t *testing.T, s *stack) {
	t.Helper()
	ctx := context.Background()
	it := s.cloud.Firestore.Collection(notify.Collection).Documents(ctx)
	for {
		doc, err := it.Next()
		if err == iterator.Done {
			return
		}
		require.NoError(t, err)
		if strings.HasPrefix(doc.Ref.ID, string(alert.KindPhotosMissed)+"-") {
			_, err := doc.Ref.Delete(ctx)
			require.NoError(t, err)
		}
	}
}

// serveMetrics serves the stack worker's metrics on a free port and returns their URL.
func serveMetrics(t *testing.T, s *stack) string {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := lis.Addr().String()
	require.NoError(t, lis.Close())
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	require.NoError(t, s.metrics.Serve(ctx, addr, false, slog.New(slog.NewTextHandler(io.Discard, nil))))
	return "http://" + addr + "/metrics"
}

var sweepStartedLine = regexp.MustCompile(`(?m)^tollbooth_sweep_started_total(?:\{[^}]*\})? (\d+)`)

// sweepStarted reads tollbooth_sweep_started_total (0 before the first increment).
func sweepStarted(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	n := 0
	for _, m := range sweepStartedLine.FindAllStringSubmatch(string(body), -1) {
		v, _ := strconv.Atoi(m[1])
		n += v
	}
	return n
}
