package signals

import "time"

// CaptureInput starts the capture workflow of one photo. Its JSON names (the Go field names) are in
// every recorded history: never rename a field.
type CaptureInput struct {
	CaptureID string
	Bucket    string
	Object    string
	// AutoAcceptConfidence is the threshold in force when the capture started (the starter's or
	// trigger's TOLLBOOTH_AUTO_ACCEPT_CONFIDENCE). It is part of the input, not read by the worker,
	// so that the history shows which rule decided, and a replay decides the same way.
	AutoAcceptConfidence float64
	// Source says who started the capture: "upload-event", "starter" or "api".
	Source string
	// Review holds the review deadlines and the Web UI address for alert links; zero values take
	// the defaults (DefaultReviewReminderAfter, DefaultReviewEscalateAfter).
	Review ReviewPolicy `json:",omitzero"`
}

// ReviewPolicy is how long a capture may wait for a reviewer before a reminder, then an escalation,
// is raised. Workflows cannot read the environment: the programs that start captures fill it from
// TOLLBOOTH_REVIEW_REMINDER_AFTER and TOLLBOOTH_REVIEW_ESCALATE_AFTER.
type ReviewPolicy struct {
	ReminderAfter time.Duration `json:",omitzero"`
	EscalateAfter time.Duration `json:",omitzero"`
	// WebUI is the Temporal Web UI base address (TOLLBOOTH_TEMPORAL_UI), for the alert's link.
	WebUI string `json:",omitempty"`
}
