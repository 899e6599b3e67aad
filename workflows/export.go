package workflows

import (
	"errors"
	"fmt"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/alert"
	"github.com/tollbooth/tollbooth/internal/export"
	"github.com/tollbooth/tollbooth/internal/telemetry"
	"github.com/tollbooth/tollbooth/signals"
)

// maxBatchesPerRun bounds one run's history; a run with more to do continues as new.
const maxBatchesPerRun = 25

// exportHeartbeat is how soon a dead worker's export step is retried elsewhere.
const exportHeartbeat = 20 * time.Second

// defaultExportEvery is used when the input names no interval.
const defaultExportEvery = time.Hour

// Export is the export schedule's workflow. It exports batch after batch, each through an
// ExportBatch child, until no accepted record waits. Batches come from Firestore (the source of
// truth): the oldest unfinished batch first, so a batch cut short by a crash or a failure is
// finished with the same records and file name. A run that finds nothing to export raises the
// "no data" alert, once per interval; a batch that still fails after its retries raises the
// "export failed" alert with the reason, and the run fails (the next run retries the batch).
func Export(ctx workflow.Context, in ExportInput) (ExportResult, error) {
	every := in.Every
	if every <= 0 {
		every = defaultExportEvery
	}
	started := workflow.Now(ctx).UTC()
	countBatchesFromZero(ctx)
	// The interval this run reports on is the one that just ended: a run at 11:00 (or a manual one
	// at 11:20) speaks for 10:00–11:00.
	res := ExportResult{Interval: started.Truncate(every).Add(-every)}
	actx := workflow.WithActivityOptions(ctx, exportActivityOptions)
	var e *activities.Exporter
	for range maxBatchesPerRun {
		var b export.Batch
		if err := workflow.ExecuteActivity(actx, e.NextBatch).Get(ctx, &b); err != nil {
			return res, raiseExportFailed(ctx, "", fmt.Errorf("choosing the next batch: %w", err), started)
		}
		if b.BatchID == "" {
			if len(res.Batches) > 0 {
				return res, nil
			}
			var n int64
			if err := workflow.ExecuteActivity(actx, e.ExportedSince, res.Interval).Get(ctx, &n); err != nil {
				return res, err
			}
			if n > 0 { // an earlier run exported in this interval
				return res, nil
			}
			res.Empty = true
			return res, sendAlert(ctx, emptyIntervalAlert(ctx, res.Interval, every))
		}
		cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			WorkflowID:            signals.ExportBatchWorkflowID(b.BatchID),
			WorkflowIDReusePolicy: enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE,
		})
		var done export.Batch
		if err := workflow.ExecuteChildWorkflow(cctx, ExportBatch, b).Get(ctx, &done); err != nil {
			countBatch(ctx, telemetry.OutcomeFailed, 0)
			return res, raiseExportFailed(ctx, b.BatchID, err, b.CreatedAt)
		}
		countBatch(ctx, telemetry.OutcomeDone, done.Count)
		res.Batches = append(res.Batches, done)
	}
	// More waits than one run should hold in its history: go on in a fresh run.
	return res, workflow.NewContinueAsNewError(ctx, Export, in)
}

// countBatch counts an export batch by outcome, and the rows of a finished one
// (tollbooth_export_batches_total, tollbooth_export_rows_total). The parent counts, not the batch's
// own activities: a workflow's metrics are emitted once, never again on replay or retry.
func countBatch(ctx workflow.Context, outcome string, rows int) {
	m := workflow.GetMetricsHandler(ctx)
	m.WithTags(map[string]string{telemetry.LabelOutcome: outcome}).Counter(telemetry.ExportBatches).Inc(1)
	if rows > 0 {
		m.Counter(telemetry.ExportRows).Inc(int64(rows))
	}
}

// countBatchesFromZero makes the export counters' series exist at 0 before a batch counts: a
// series born with its first increment hides that increment from rate() and increase(), and a
// worker sees only a few batches an hour. (A batch that ends before the next scrape is still
// unseen: the 0 was never scraped.)
func countBatchesFromZero(ctx workflow.Context) {
	m := workflow.GetMetricsHandler(ctx)
	for _, outcome := range []string{telemetry.OutcomeDone, telemetry.OutcomeFailed} {
		m.WithTags(map[string]string{telemetry.LabelOutcome: outcome}).Counter(telemetry.ExportBatches).Inc(0)
	}
	m.Counter(telemetry.ExportRows).Inc(0)
}

// ExportBatch exports one claimed batch: CSV to the bucket, upload to FTP (temporary name, then
// rename), mark every record exported, record the batch. Every step is idempotent, so retries and
// a re-run after a crash produce the same file with the same rows.
func ExportBatch(ctx workflow.Context, b export.Batch) (export.Batch, error) {
	var e *activities.Exporter
	actx := workflow.WithActivityOptions(ctx, exportActivityOptions)
	if err := workflow.ExecuteActivity(actx, e.WriteBatchFile, b).Get(ctx, &b); err != nil {
		return b, fmt.Errorf("write %s to the bucket: %w", b.FileName, err)
	}
	uctx := workflow.WithActivityOptions(ctx, uploadActivityOptions)
	if err := workflow.ExecuteActivity(uctx, e.UploadBatchFile, b).Get(ctx, &b); err != nil {
		return b, fmt.Errorf("upload %s to the FTP server: %w", b.FileName, err)
	}
	mctx := workflow.WithActivityOptions(ctx, markActivityOptions)
	if err := workflow.ExecuteActivity(mctx, e.MarkBatchExported, b).Get(ctx, nil); err != nil {
		return b, fmt.Errorf("mark the records of %s exported: %w", b.BatchID, err)
	}
	if err := workflow.ExecuteActivity(actx, e.RecordBatch, b).Get(ctx, &b); err != nil {
		return b, fmt.Errorf("record %s: %w", b.BatchID, err)
	}
	return b, nil
}

// monitorChange moved the review-backlog and recognition-spike alerts from ExportCheck to the
// Monitor workflow. Runs that started before it replay the alerts they may have raised.
const (
	monitorChange  = "monitor-workflow"
	monitorVersion = workflow.Version(1)
)

// ExportCheck is the periodic check's workflow: it triggers the export early when a full batch
// waits. (The pipeline's health alerts are the Monitor workflow's.)
func ExportCheck(ctx workflow.Context) (ExportCheckResult, error) {
	var e *activities.Exporter
	actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 30 * time.Second,
		RetryPolicy:         &temporal.RetryPolicy{MaximumAttempts: 3},
	})
	v := workflow.GetVersion(ctx, monitorChange, workflow.DefaultVersion, monitorVersion)
	// A result recorded before monitorChange also holds the health the check then measured.
	var c struct {
		activities.CheckResult
		activities.PipelineHealth
	}
	if err := workflow.ExecuteActivity(actx, e.CheckExport).Get(ctx, &c); err != nil {
		return ExportCheckResult{}, err
	}
	res := ExportCheckResult{Waiting: c.Waiting, ExportTriggered: c.ExportTriggered}
	if v == workflow.DefaultVersion {
		return res, raiseHealthAlerts(ctx, c.PipelineHealth)
	}
	return res, nil
}

var (
	// The export activities heartbeat while they work: a worker that dies mid-step is noticed
	// within exportHeartbeat and the step is retried on another worker.
	exportActivityOptions = workflow.ActivityOptions{
		StartToCloseTimeout: 5 * time.Minute,
		HeartbeatTimeout:    exportHeartbeat,
		RetryPolicy: &temporal.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2, MaximumInterval: 30 * time.Second,
			MaximumAttempts: 8, NonRetryableErrorTypes: []string{activities.ErrEmptyBatch}},
	}
	// The FTP server may be down for a while: a handful of spaced tries, then the run fails, the
	// alert goes out and the next scheduled run tries the same batch again.
	uploadActivityOptions = workflow.ActivityOptions{
		StartToCloseTimeout: 5 * time.Minute,
		HeartbeatTimeout:    exportHeartbeat,
		RetryPolicy: &temporal.RetryPolicy{InitialInterval: 2 * time.Second, BackoffCoefficient: 2, MaximumInterval: 30 * time.Second,
			MaximumAttempts: 6},
	}
	// Marking is retried until it succeeds: the file is out, the records must say so.
	markActivityOptions = workflow.ActivityOptions{
		StartToCloseTimeout: 5 * time.Minute,
		HeartbeatTimeout:    exportHeartbeat,
		RetryPolicy:         &temporal.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2, MaximumInterval: 30 * time.Second},
	}
	alertActivityOptions = workflow.ActivityOptions{
		StartToCloseTimeout: time.Minute,
		RetryPolicy:         &temporal.RetryPolicy{InitialInterval: 2 * time.Second, BackoffCoefficient: 2, MaximumInterval: time.Minute, MaximumAttempts: 10},
	}
)

func sendAlert(ctx workflow.Context, a alert.Alert) error {
	var al *activities.Alerting
	return workflow.ExecuteActivity(workflow.WithActivityOptions(ctx, alertActivityOptions), al.SendAlert, a).Get(ctx, nil)
}

// emptyIntervalAlert is the "no data" alert: keyed by the interval, so every run that speaks for
// the same interval (the scheduled one, a manual `export now`) raises it once.
func emptyIntervalAlert(ctx workflow.Context, interval time.Time, every time.Duration) alert.Alert {
	return alert.Alert{
		Kind:    alert.KindExportEmpty,
		Key:     interval.Format(time.RFC3339),
		Subject: fmt.Sprintf("No records to export in the interval starting %s", interval.Format("2006-01-02 15:04 MST")),
		Body: fmt.Sprintf("The export for the interval %s – %s found no accepted capture to export. With booths running "+
			"this means the pipeline is broken upstream: photos not arriving, the trigger or the workers stopped, or every "+
			"capture waiting for review. Check the capture workflows and the trigger's logs.",
			interval.Format(time.RFC3339), interval.Add(every).Format(time.RFC3339)),
		Since: interval,
		Link:  uiLink(ctx, workflow.GetInfo(ctx).WorkflowExecution.ID),
	}
}

// raiseExportFailed sends the "export failed" alert with the reason and returns the error that
// fails the run.
func raiseExportFailed(ctx workflow.Context, batchID string, cause error, since time.Time) error {
	reason := rootMessage(cause)
	what, link := "The export", uiLink(ctx, workflow.GetInfo(ctx).WorkflowExecution.ID)
	if batchID != "" {
		what, link = "The export of "+batchID, uiLink(ctx, signals.ExportBatchWorkflowID(batchID))
	}
	a := alert.Alert{
		Kind:    alert.KindExportFailed,
		Key:     batchID,
		Subject: fmt.Sprintf("Export failed: %s", truncateRunes(reason, 120)),
		Body: fmt.Sprintf("%s still fails after its retries.\nReason: %s\n\nNo record is lost or billed twice: the next "+
			"export run (the schedule, or `starter export now`) finishes the same batch with the same file name. "+
			"Fix the cause (FTP server, bucket permissions) first.", what, reason),
		Since: since,
		Link:  link,
	}
	if since.IsZero() {
		a.Since = workflow.Now(ctx).UTC()
	}
	if err := sendAlert(ctx, a); err != nil {
		return errors.Join(cause, fmt.Errorf("and the alert failed too: %w", err))
	}
	return cause
}

// uiLink is a link into the Temporal Web UI, relative to its base (the notifier prefixes the
// configured TOLLBOOTH_TEMPORAL_UI); "" links the namespace's workflow list.
func uiLink(ctx workflow.Context, workflowID string) string {
	link := "/namespaces/" + workflow.GetInfo(ctx).Namespace + "/workflows"
	if workflowID != "" {
		link += "/" + workflowID
	}
	return link
}

// rootMessage is the innermost error's message: the reason a person can act on.
func rootMessage(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

func truncateRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
