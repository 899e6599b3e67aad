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
	RawText     string              `json:"raw_text,omitempty"`
	Candidates  []capture.Candidate `json:"candidates,omitempty"`
	Attempts    int                 `json:"recognition_attempts"`
	ReviewerID  string              `json:"reviewer_id,omitempty"`
	DecidedAt   time.Time           `json:"decided_at,omitzero"`
}
