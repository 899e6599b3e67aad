package signals

// Retention: the schedule and workflow id of the retention job (README, "Data retention"). Its
// workflow runs on CaptureTaskQueue.
const (
	// RetentionScheduleID runs the Retention workflow (default hourly, TOLLBOOTH_RETENTION_EVERY).
	RetentionScheduleID = "tollbooth-retention"
	// RetentionWorkflowID is the id the retention schedule gives its runs.
	RetentionWorkflowID = "tollbooth-retention"
)
