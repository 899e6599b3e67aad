// Package alert is what tollbooth tells a person when something needs attention: a review waiting
// too long, an export that failed, an interval with nothing to export, a recognition failure spike.
// Workflows raise alerts through one activity (activities.Alerting.SendAlert); delivery (SMTP,
// webhook) and de-duplication live behind the Notifier interface.
package alert

import "time"

// Kind names the condition an alert is about; together with Key it is the de-duplication key.
type Kind string

const (
	KindReviewReminder   Kind = "review-reminder"   // a capture has waited for a reviewer longer than the reminder age
	KindReviewEscalation Kind = "review-escalation" // ... and longer than the escalation age
	KindReviewBacklog    Kind = "review-backlog"    // too many captures waiting for a reviewer
	KindExportFailed     Kind = "export-failed"     // an export still fails after its retries
	KindExportEmpty      Kind = "export-empty"      // an export interval had nothing to export: the pipeline may be broken
	KindRecognitionSpike Kind = "recognition-spike" // recognition failures above the configured rate
	KindPhotosMissed     Kind = "photos-missed"     // the sweep found photos with no workflow: upload notifications are being lost
)

// Alert is one notification. It says what happened, since when, and where to look.
type Alert struct {
	Kind Kind `json:"kind"`
	// Key narrows the condition (a capture id, an export interval); alerts with the same Kind and
	// Key within the de-duplication window are sent once.
	Key     string    `json:"key"`
	Subject string    `json:"subject"`
	Body    string    `json:"body"`
	Since   time.Time `json:"since"`
	// Link points at where to look, usually the run in the Temporal Web UI.
	Link string `json:"link,omitempty"`
}

// DedupKey is the identity of the condition an alert reports.
func (a Alert) DedupKey() string { return string(a.Kind) + "/" + a.Key }
