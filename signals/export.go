package signals

// Export: schedules, workflow ids. Export workflows and activities run on CaptureTaskQueue.
const (
	// ExportScheduleID is the Temporal Schedule that runs the export (default hourly; `starter
	// schedule set --every D`, `pause`, `resume`). `starter export now` and the early check trigger
	// it, so every export run goes through it and runs never overlap (overlap policy: buffer one).
	ExportScheduleID = "tollbooth-export"
	// ExportWorkflowID is the id the export schedule gives its runs (the server appends the time).
	ExportWorkflowID = "tollbooth-export"
	// ExportCheckScheduleID runs the periodic export check (default every minute): it triggers the
	// export early when a full batch waits.
	ExportCheckScheduleID = "tollbooth-export-check"
	// ExportCheckWorkflowID is the id the check schedule gives its runs.
	ExportCheckWorkflowID = "tollbooth-export-check"
	// ExportBatchWorkflowPrefix starts the id of the child workflow that exports one batch.
	ExportBatchWorkflowPrefix = "export-"
)

// Monitoring: the schedule and workflow id of the pipeline's health check (review backlog,
// recognition failures). Its workflow runs on CaptureTaskQueue.
const (
	// MonitorScheduleID runs the Monitor workflow (default every minute, TOLLBOOTH_MONITOR_EVERY).
	MonitorScheduleID = "tollbooth-monitor"
	// MonitorWorkflowID is the id the monitoring schedule gives its runs.
	MonitorWorkflowID = "tollbooth-monitor"
)

// Reconciliation sweep: the schedule and workflow id of the sweep that starts photos whose upload
// notification never came. Its workflow runs on CaptureTaskQueue.
const (
	// SweepScheduleID runs the Sweep workflow (default every 5 minutes, TOLLBOOTH_SWEEP_EVERY).
	SweepScheduleID = "tollbooth-sweep"
	// SweepWorkflowID is the id the sweep schedule gives its runs.
	SweepWorkflowID = "tollbooth-sweep"
)

// ScheduleIDs are every schedule the worker creates.
var ScheduleIDs = []string{ExportScheduleID, ExportCheckScheduleID, MonitorScheduleID, RetentionScheduleID, SweepScheduleID}

// ExportBatchWorkflowID names the child workflow of one batch: export-batch-000042. A retry of the
// same batch, in a later export run, uses the same id.
func ExportBatchWorkflowID(batchID string) string { return ExportBatchWorkflowPrefix + batchID }
