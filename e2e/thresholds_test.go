//go:build integration

package e2e

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/devstack"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/signals"
	"github.com/tollbooth/tollbooth/workflows"
)

// The thresholds of the periodic check (the early export) and of the Monitor (recognition spike,
// review backlog), judged on the real worker against records in the Firestore emulator.

// TestThresholdEarlyExport: with one record short of a full batch the check triggers nothing and
// no file appears; with a full batch it triggers the export schedule, whose run exports it. The
// records are the pipeline's own (photos uploaded, read, reviewed where they wait).
func TestThresholdEarlyExport(t *testing.T) {
	const batch = 3
	s := startStack(t, true, func(c *config.Config) { c.Export.BatchSize = batch })
	resetExportState(t, s.cfg, s.cloud.Storage)
	pausedSchedules(t, s)

	at := time.Now().UTC().Truncate(time.Millisecond)
	ids, _ := acceptCaptures(t, s, batch-1, 909, at)
	before := exportActions(t, s)
	check := runOnce[workflows.ExportCheckResult](t, s, signals.ExportCheckWorkflowID, workflows.ExportCheck)
	require.Equal(t, workflows.ExportCheckResult{Waiting: batch - 1}, check, "one short of a full batch")
	time.Sleep(3 * time.Second) // an export it had started would have claimed its batch by now
	require.Equal(t, before, exportActions(t, s), "the export schedule was not triggered")
	batches, err := gcp.Exports{Client: s.cloud.Firestore}.ListBatches(context.Background(), 0)
	require.NoError(t, err)
	require.Empty(t, batches)
	require.Empty(t, ftpFiles(t, os.Getenv(devstack.EnvFTPRoot)), "no file appears")

	last, _ := acceptCaptures(t, s, 1, 910, at.Add(time.Minute))
	ids = append(ids, last...)
	check = runOnce[workflows.ExportCheckResult](t, s, signals.ExportCheckWorkflowID, workflows.ExportCheck)
	require.Equal(t, workflows.ExportCheckResult{Waiting: batch, ExportTriggered: true}, check, "a full batch waits")
	res := scheduledExport(t, s, before)
	require.Len(t, res.Batches, 1)
	checkExported(t, s, ids, []int{batch})
}

// putRecords writes capture records to Firestore as they are (the monitoring's inputs).
func putRecords(t *testing.T, s *stack, recs ...capture.Record) {
	t.Helper()
	for _, r := range recs {
		_, err := s.cloud.Firestore.Collection(capture.Collection).Doc(r.CaptureID).Set(context.Background(), r)
		require.NoError(t, err)
	}
}

// records makes n records in a status, created at created, with ids after prefix.
func records(prefix string, n int, st capture.Status, code capture.ReasonCode, created time.Time) []capture.Record {
	out := make([]capture.Record, n)
	for i := range out {
		id := fmt.Sprintf("%s-%03d", prefix, i)
		out[i] = capture.Record{CaptureID: id, BoothID: "north-01", CaptureTime: created, Status: st, ReasonCode: code,
			WorkflowID: signals.CaptureWorkflowID(id), CreatedAt: created, UpdatedAt: created}
	}
	return out
}

// runMonitor runs the Monitor workflow once, as its schedule does.
func runMonitor(t *testing.T, s *stack) workflows.MonitorResult {
	t.Helper()
	return runOnce[workflows.MonitorResult](t, s, signals.MonitorWorkflowID, workflows.Monitor)
}

// TestThresholdRecognitionSpike: recent captures the recognizer failed on raise the spike alert
// only from the configured number of captures on and at the configured share, and captures older
// than the window do not count.
func TestThresholdRecognitionSpike(t *testing.T) {
	const subject = "Recognition failing"
	s := startStack(t, false, func(c *config.Config) {
		c.Monitor.SpikeRate, c.Monitor.SpikeMin, c.Monitor.SpikeWindow = 0.5, 6, 10*time.Minute
		c.Monitor.ReviewBacklog = 0 // this test is about the spike alone
	})
	resetExportState(t, s.cfg, s.cloud.Storage) // the alerts' de-duplication marks go too
	now := time.Now().UTC()
	failed, ok := capture.StatusAwaitingReview, capture.StatusAccepted

	// Outside the window: failures that no longer count.
	putRecords(t, s, records("spike-old", 10, failed, capture.ReasonRecognizerFailed, now.Add(-20*time.Minute))...)
	// 3 of 5 failed: 60%, but fewer captures than the minimum.
	putRecords(t, s, records("spike-fail-a", 3, failed, capture.ReasonRecognizerFailed, now)...)
	putRecords(t, s, records("spike-ok-a", 2, ok, "", now)...)
	require.Equal(t, workflows.MonitorResult{RecentCaptures: 5, RecentFailures: 3, AwaitingReview: 13}, runMonitor(t, s))
	// 3 of 7: enough captures, 43% is below the rate.
	putRecords(t, s, records("spike-ok-b", 2, ok, "", now)...)
	require.Equal(t, workflows.MonitorResult{RecentCaptures: 7, RecentFailures: 3, AwaitingReview: 13}, runMonitor(t, s))
	require.Empty(t, mails(t, s.cfg, subject), "no alert below the threshold")

	// 4 of 8: at the rate.
	putRecords(t, s, records("spike-fail-b", 1, failed, capture.ReasonRecognizerFailed, now)...)
	require.Equal(t, workflows.MonitorResult{RecentCaptures: 8, RecentFailures: 4, AwaitingReview: 14, SpikeAlert: true}, runMonitor(t, s))
	got := waitMails(t, s.cfg, subject, 1, 30*time.Second)
	require.Len(t, got, 1)
	require.Contains(t, got[0].Subject, "4 of the last 8 captures")

	// Still spiking at the next run: de-duplicated, no second mail.
	require.True(t, runMonitor(t, s).SpikeAlert)
	time.Sleep(time.Second)
	require.Len(t, mails(t, s.cfg, subject), 1, "the alert is not repeated within its window")
}

// TestThresholdReviewBacklog: captures waiting for a reviewer raise the backlog alert at the
// configured limit, not one below it; other statuses do not count.
func TestThresholdReviewBacklog(t *testing.T) {
	const limit, subject = 5, "wait for a reviewer"
	s := startStack(t, false, func(c *config.Config) {
		c.Monitor.ReviewBacklog = limit
		c.Monitor.SpikeRate = 0 // this test is about the backlog alone
	})
	resetExportState(t, s.cfg, s.cloud.Storage)
	now := time.Now().UTC()
	putRecords(t, s, records("backlog-accepted", 4, capture.StatusAccepted, "", now)...)
	putRecords(t, s, records("backlog-unreadable", 3, capture.StatusUnreadable, "", now)...)
	putRecords(t, s, records("backlog-wait-a", limit-1, capture.StatusAwaitingReview, capture.ReasonNoPlate, now)...)
	require.Equal(t, workflows.MonitorResult{AwaitingReview: limit - 1}, runMonitor(t, s))
	require.Empty(t, mails(t, s.cfg, subject), "no alert below the limit")

	putRecords(t, s, records("backlog-wait-b", 1, capture.StatusAwaitingReview, capture.ReasonNoPlate, now)...)
	require.Equal(t, workflows.MonitorResult{AwaitingReview: limit, BacklogAlert: true}, runMonitor(t, s))
	got := waitMails(t, s.cfg, subject, 1, 30*time.Second)
	require.Len(t, got, 1)
	require.Contains(t, got[0].Subject, fmt.Sprintf("%d captures wait for a reviewer", limit))
}
