//go:build integration

package e2e

import (
	"context"
	"errors"
	"net"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/alert"
	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/devstack"
	"github.com/tollbooth/tollbooth/internal/export"
	"github.com/tollbooth/tollbooth/internal/ftpserver"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/internal/notify"
	"github.com/tollbooth/tollbooth/signals"
	"github.com/tollbooth/tollbooth/workflows"
)

// checkExported asserts that the FTP server and the bucket hold the same files with the wanted
// row counts, that every id is in exactly one row, oldest first, and every record is marked.
func checkExported(t *testing.T, s *stack, ids []string, wantRows []int) map[string][]string {
	t.Helper()
	onFTP := ftpFiles(t, os.Getenv(devstack.EnvFTPRoot))
	inBucket := bucketFiles(t, s.cfg, s.cloud.Storage)
	require.Equal(t, onFTP, inBucket, "the FTP server and the bucket hold the same files")
	names := make([]string, 0, len(onFTP))
	once := map[string]int{}
	for n := range onFTP {
		names = append(names, n)
		once[n] = 1
	}
	require.Equal(t, once, ftpPublished(t), "the FTP server's own log: each file renamed into place exactly once")
	slices.Sort(names)
	var rows []int
	var all []string
	for _, n := range names {
		rows = append(rows, len(onFTP[n]))
		all = append(all, onFTP[n]...)
	}
	require.Equal(t, wantRows, rows, "rows per file, in file order: %v", names)
	require.Equal(t, ids, all, "every record in exactly one row, oldest first")

	ctx := context.Background()
	exports := gcp.Exports{Client: s.cloud.Firestore}
	batches, err := exports.ListBatches(ctx, 0)
	require.NoError(t, err)
	require.Len(t, batches, len(wantRows))
	for _, b := range batches {
		require.Equal(t, export.StatusDone, b.Status, "batch %s", b.BatchID)
		require.Equal(t, len(onFTP[b.FileName]), b.Count, "batch %s count", b.BatchID)
		require.Equal(t, "gs://"+s.cfg.ExportBucket+"/exports/"+b.FileName, b.GCSURI)
		require.Contains(t, b.FTPURI, "/"+b.FileName)
		marked, err := exports.ClaimedIDs(ctx, b.BatchID)
		require.NoError(t, err)
		require.Len(t, marked, b.Count, "records marked with batch %s", b.BatchID)
	}
	// Every record carries exported_at; the ones that are not billable carry no batch.
	snaps, err := s.cloud.Firestore.Collection("captures").Documents(ctx).GetAll()
	require.NoError(t, err)
	for _, snap := range snaps {
		batch, _ := snap.DataAt(export.FieldBatch)
		exportedAt, _ := snap.DataAt(export.FieldExportedAt)
		if st, _ := snap.DataAt("status"); st == "accepted" {
			require.NotEmpty(t, batch, "%s has no batch", snap.Ref.ID)
			require.NotNil(t, exportedAt, "%s is not marked exported", snap.Ref.ID)
		} else {
			require.Empty(t, batch, "%s (%v) must never be exported", snap.Ref.ID, st)
		}
	}
	return onFTP
}

// TestExport2500RecordsMakeThreeFiles: 2,500 accepted records become 1,000 + 1,000 + 500 rows on
// the FTP server and in the bucket, every record once, all marked.
func TestExport2500RecordsMakeThreeFiles(t *testing.T) {
	s := startStack(t, false, nil)
	resetExportState(t, s.cfg, s.cloud.Storage)
	ids := seedAccepted(t, s.cloud.Firestore, "exp", 2500, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
	start := time.Now()
	res, err := runExport(t, s.temporal, time.Hour)
	require.NoError(t, err)
	t.Logf("2,500 records exported in %s", time.Since(start).Round(time.Millisecond))
	require.Len(t, res.Batches, 3)
	checkExported(t, s, ids, []int{1000, 1000, 500})

	// A second run finds nothing more and exports nothing twice.
	res, err = runExport(t, s.temporal, time.Hour)
	require.NoError(t, err)
	require.Empty(t, res.Batches)
	checkExported(t, s, ids, []int{1000, 1000, 500})
}

// crashingStore blocks the first MarkExported for ever, as a killed worker would: the activity
// never reports back, and the server retries it on another worker after its heartbeat timeout.
type crashingStore struct {
	activities.ExportStore
	once    sync.Once
	reached chan struct{}
	release chan struct{}
}

func (c *crashingStore) MarkExported(ctx context.Context, batchID string, at time.Time) (int, error) {
	first := false
	c.once.Do(func() { first = true })
	if first {
		close(c.reached)
		<-c.release
		return 0, context.Canceled
	}
	return c.ExportStore.MarkExported(ctx, batchID, at)
}

// exportWorker runs a worker with only the export workflows, with store in place of Firestore's.
func exportWorker(t *testing.T, s *stack, store activities.ExportStore) worker.Worker {
	t.Helper()
	return exportWorkerWith(t, s, func(e *activities.Exporter) { e.Store = store })
}

// exportWorkerWith runs a worker with only the export workflows, their exporter changed by rig.
func exportWorkerWith(t *testing.T, s *stack, rig func(*activities.Exporter)) worker.Worker {
	t.Helper()
	w := worker.New(s.temporal, signals.CaptureTaskQueue, worker.Options{WorkerStopTimeout: time.Second})
	w.RegisterWorkflow(workflows.Export)
	w.RegisterWorkflow(workflows.ExportBatch)
	e := app.NewExporter(s.temporal, s.cfg, s.cloud)
	rig(e)
	w.RegisterActivity(e)
	w.RegisterActivity(&activities.Alerting{Notifier: app.NewNotifier(s.cfg.Alerts, s.cloud.Firestore)})
	require.NoError(t, w.Start())
	return w
}

// TestExportWorkerCrashBetweenUploadAndMarking: the worker dies after the first file is on the
// FTP server and before its records are marked; another worker finishes: no duplicate row, no
// missed record, the same file names.
func TestExportWorkerCrashBetweenUploadAndMarking(t *testing.T) {
	s := connectStack(t) // no startStack: its worker would take the activities this test must control
	resetExportState(t, s.cfg, s.cloud.Storage)
	ids := seedAccepted(t, s.cloud.Firestore, "crash", 1500, time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))

	store := &crashingStore{ExportStore: gcp.Exports{Client: s.cloud.Firestore}, reached: make(chan struct{}), release: make(chan struct{})}
	t.Cleanup(func() { close(store.release) })
	w1 := exportWorker(t, s, store)

	type outcome struct {
		res workflows.ExportResult
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		res, err := runExport(t, s.temporal, time.Hour)
		done <- outcome{res, err}
	}()
	select {
	case <-store.reached:
	case <-time.After(2 * time.Minute):
		t.Fatal("the export never reached the marking step")
	}
	before := ftpFiles(t, os.Getenv(devstack.EnvFTPRoot))
	require.Len(t, before, 1, "the first file is uploaded when the worker dies")
	go w1.Stop() // the blocked activity never reports back: as after SIGKILL

	crashAt := time.Now()
	w2 := exportWorker(t, s, gcp.Exports{Client: s.cloud.Firestore})
	defer w2.Stop()
	var out outcome
	select {
	case out = <-done:
	case <-time.After(3 * time.Minute):
		t.Fatal("the export did not finish on the second worker")
	}
	require.NoError(t, out.err)
	t.Logf("finished %s after the crash", time.Since(crashAt).Round(time.Millisecond))
	after := checkExported(t, s, ids, []int{1000, 500})
	for name, rows := range before {
		require.Equal(t, rows, after[name], "file %s keeps its name and rows", name)
	}
}

// freeAddr returns a loopback address nothing listens on (yet).
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	l.Close()
	return addr
}

// TestExportWaitsForTheFTPServer: the FTP server is down for the first attempts, then comes back:
// the export completes without an alert.
func TestExportWaitsForTheFTPServer(t *testing.T) {
	ftpAddr := freeAddr(t)
	root := t.TempDir()
	s := startStack(t, false, func(c *config.Config) { c.Export.FTPAddr = ftpAddr })
	resetExportState(t, s.cfg, s.cloud.Storage)
	ids := seedAccepted(t, s.cloud.Firestore, "late", 20, time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC))

	go func() {
		time.Sleep(4 * time.Second) // the first two upload attempts find nobody
		srv, err := ftpserver.Start(ftpserver.Options{Addr: ftpAddr, Root: root, User: s.cfg.Export.FTPUser, Password: s.cfg.Export.FTPPassword})
		if err != nil {
			t.Error(err)
			return
		}
		t.Cleanup(func() { _ = srv.Stop() })
	}()
	res, err := runExport(t, s.temporal, time.Hour)
	require.NoError(t, err)
	require.Len(t, res.Batches, 1)
	files := ftpFiles(t, root)
	require.Len(t, files, 1)
	require.Equal(t, ids, files[res.Batches[0].FileName])
	require.Empty(t, mails(t, s.cfg, "Export failed"))
}

// TestExportFailureAlert: the FTP server stays down: the run fails after its retries and the
// failure alert, with the reason, is in mailpit.
func TestExportFailureAlert(t *testing.T) {
	s := startStack(t, false, func(c *config.Config) { c.Export.FTPAddr = freeAddr(t) })
	resetExportState(t, s.cfg, s.cloud.Storage)
	seedAccepted(t, s.cloud.Firestore, "down", 5, time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC))
	_, err := runExport(t, s.temporal, time.Hour)
	require.Error(t, err)
	got := waitMails(t, s.cfg, "Export failed", 1, 30*time.Second)
	require.Len(t, got, 1)
	text := mailText(t, s.cfg, got[0].ID)
	require.Contains(t, text, "connection refused")
	require.Contains(t, text, "Where to look: "+s.cfg.Temporal.UIBaseURL+"/namespaces/")
	require.Contains(t, text, "batch-000001")
}

// TestExportEmptyIntervalSendsOneMail: two runs in one interval with nothing to export send exactly
// one "no data" mail.
func TestExportEmptyIntervalSendsOneMail(t *testing.T) {
	s := startStack(t, false, nil)
	resetExportState(t, s.cfg, s.cloud.Storage)
	for range 3 {
		res, err := runExport(t, s.temporal, 24*time.Hour)
		require.NoError(t, err)
		require.True(t, res.Empty)
	}
	time.Sleep(time.Second) // a late duplicate would show up now
	got := waitMails(t, s.cfg, "No records to export", 1, 10*time.Second)
	require.Len(t, got, 1, "exactly one mail for the interval")
	text := mailText(t, s.cfg, got[0].ID)
	require.Contains(t, text, "Since: ")
	require.Contains(t, text, "Where to look: ")
}

// TestExportScheduleIntervalChanges: the schedule is created idempotently, its interval changes at
// run time and the next runs follow it; pause and resume work.
func TestExportScheduleIntervalChanges(t *testing.T) {
	s := startStack(t, false, nil)
	ctx := context.Background()
	require.NoError(t, app.EnsureSchedules(ctx, s.temporal, s.cfg))
	require.NoError(t, app.EnsureSchedules(ctx, s.temporal, s.cfg), "a second worker start changes nothing")
	sc := s.temporal.ScheduleClient()
	t.Cleanup(func() {
		for _, id := range signals.ScheduleIDs {
			_ = sc.GetHandle(ctx, id).Delete(ctx)
		}
	})
	h := sc.GetHandle(ctx, signals.ExportScheduleID)
	d, err := h.Describe(ctx)
	require.NoError(t, err)
	require.Equal(t, s.cfg.Export.Every, d.Schedule.Spec.Intervals[0].Every)

	require.NoError(t, app.SetExportEvery(ctx, s.temporal, 7*time.Minute))
	d, err = h.Describe(ctx)
	require.NoError(t, err)
	require.Equal(t, 7*time.Minute, d.Schedule.Spec.Intervals[0].Every)
	next := d.Info.NextActionTimes
	require.GreaterOrEqual(t, len(next), 2)
	require.Equal(t, 7*time.Minute, next[1].Sub(next[0]), "the next runs follow the new interval")
	require.LessOrEqual(t, time.Until(next[0]), 7*time.Minute)

	// A short interval: the schedule starts runs at it right away.
	changed := time.Now()
	require.NoError(t, app.SetExportEvery(ctx, s.temporal, 2*time.Second))
	deadline := time.Now().Add(30 * time.Second)
	for {
		d, err = h.Describe(ctx)
		require.NoError(t, err)
		// Only the runs scheduled since the change: earlier tests may have triggered the schedule.
		var since []client.ScheduleActionResult
		for _, a := range d.Info.RecentActions {
			if !a.ScheduleTime.Before(changed) {
				since = append(since, a)
			}
		}
		if n := len(since); n >= 2 {
			a, b := since[n-2], since[n-1]
			// On the 2s grid; a tick may be skipped while a run is still going (overlap: buffer one).
			gap := b.ScheduleTime.Sub(a.ScheduleTime)
			require.True(t, gap > 0 && gap%(2*time.Second) == 0 && gap <= 6*time.Second, "runs follow the new interval: %s apart", gap)
			break
		}
		require.False(t, time.Now().After(deadline), "no two runs within 30s of setting a 2s interval: %+v", d.Info.RecentActions)
		time.Sleep(500 * time.Millisecond)
	}

	require.NoError(t, h.Pause(ctx, client.SchedulePauseOptions{}))
	d, err = h.Describe(ctx)
	require.NoError(t, err)
	require.True(t, d.Schedule.State.Paused)
	require.NoError(t, h.Unpause(ctx, client.ScheduleUnpauseOptions{}))
	d, err = h.Describe(ctx)
	require.NoError(t, err)
	require.False(t, d.Schedule.State.Paused)
}

// TestExportAlertsDeduplicatedAcrossWorkers: several workers raising the same alert at the same
// moment send one mail; the marks live in Firestore.
func TestExportAlertsDeduplicatedAcrossWorkers(t *testing.T) {
	s := startStack(t, false, nil)
	resetExportState(t, s.cfg, s.cloud.Storage)
	a := alert.Alert{Kind: alert.KindReviewBacklog, Key: "dedup-test", Subject: "Dedup test: 300 captures wait",
		Body: "test", Since: time.Now(), Link: "/namespaces/default/workflows"}
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for range 6 {
		n := app.NewNotifier(s.cfg.Alerts, s.cloud.Firestore) // one notifier per "worker"
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				_, err := n.Notify(context.Background(), a)
				if errors.Is(err, notify.ErrInProgress) { // the activity would retry
					time.Sleep(200 * time.Millisecond)
					continue
				}
				errs <- err
				return
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	time.Sleep(500 * time.Millisecond)
	got := mails(t, s.cfg, "Dedup test")
	require.Len(t, got, 1)
	require.Contains(t, mailText(t, s.cfg, got[0].ID), "Where to look: "+s.cfg.Temporal.UIBaseURL+"/namespaces/default/workflows")
}
