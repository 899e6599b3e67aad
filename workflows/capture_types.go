package workflows

import (
	"time"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// CaptureInput starts the capture workflow of one photo.
type CaptureInput struct {
	CaptureID string
	Bucket    string
	Object    string
	// AutoAcceptConfidence is the threshold in force when the capture started (the starter's or
	// trigger's TOLLBOOTH_AUTO_ACCEPT_CONFIDENCE). It is part of the input, not read by the worker,
	// so that the history shows which rule decided, and a replay decides the same way.
	AutoAcceptConfidence float64
	// Source says who started the capture: "upload-event" or "starter".
	Source string
	// Review holds the review deadlines and the Web UI address for alert links; zero values take
	// the defaults (signals.DefaultReviewReminderAfter, signals.DefaultReviewEscalateAfter).
	Review ReviewPolicy `json:",omitzero"`
}

// ReviewPolicy is how long a capture may wait for a reviewer before a reminder, then an escalation,
// is raised. Workflows cannot read the environment: the trigger and the starter fill it from
// TOLLBOOTH_REVIEW_REMINDER_AFTER and TOLLBOOTH_REVIEW_ESCALATE_AFTER.
type ReviewPolicy struct {
	ReminderAfter time.Duration `json:",omitzero"`
	EscalateAfter time.Duration `json:",omitzero"`
	// WebUI is the Temporal Web UI base address (TOLLBOOTH_TEMPORAL_UI), for the alert's link.
	WebUI string `json:",omitempty"`
}

// CaptureState is the capture's current state, answered by the signals.CaptureStateQuery query and
// returned as the workflow's result.
type CaptureState struct {
	CaptureID   string              `json:"capture_id"`
	Status      capture.Status      `json:"status"`
	BoothID     string              `json:"booth_id,omitempty"`
	CaptureTime time.Time           `json:"capture_time,omitzero"`
	PhotoURI    string              `json:"photo_uri"`
	PhotoSHA256 string              `json:"photo_sha256,omitempty"`
	Plate       string              `json:"plate,omitempty"`
	Confidence  float64             `json:"confidence"`
	Decision    string              `json:"decision,omitempty"`
	Reason      string              `json:"reason,omitempty"`
	ReasonCode  capture.ReasonCode  `json:"reason_code,omitempty"`
	RawText     string              `json:"raw_text,omitempty"`
	Candidates  []capture.Candidate `json:"candidates,omitempty"`
	Attempts    int                 `json:"recognition_attempts"`
	ReviewerID  string              `json:"reviewer_id,omitempty"`
	DecidedAt   time.Time           `json:"decided_at,omitzero"`
}
