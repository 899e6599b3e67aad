// Package telemetry names tollbooth's own metrics, in one place for the code that emits them
// (workflows, activities, the trigger, the worker) and the worker's metrics set-up
// (internal/app/metrics.go), which gives each histogram its buckets.
//
// The names are OpenTelemetry instrument names. The Prometheus exporter prefixes them with
// Namespace and adds the unit and type suffixes: the counter captures_finished is scraped as
// tollbooth_captures_finished_total, the timer review_wait as tollbooth_review_wait_seconds_*.
// README.md ("Metrics") lists every scraped name with its labels.
package telemetry

import "go.opentelemetry.io/otel/attribute"

// Namespace prefixes every metric of the worker and the trigger (the SDK's too).
const Namespace = "tollbooth"

// Worker: the capture workflow (workflow.GetMetricsHandler, replay-safe).
const (
	// CapturesFinished counts captures that reached a final status, by LabelStatus,
	// LabelDecision and LabelBooth.
	CapturesFinished = "captures_finished"
	// CaptureDecisions counts plate decisions: LabelDecision "auto" (LabelReason empty) or
	// "person", with the reason code that sent the capture to one.
	CaptureDecisions = "capture_decisions"
	// ReviewWait times a capture's wait for a person, from entering the review queue to the decision.
	ReviewWait = "review_wait"
)

// Worker: the recognizer's activities (activity.GetMetricsHandler).
const (
	// VisionRequests counts calls to a recognizer by LabelRecognizer and gRPC LabelCode ("OK" or the error's).
	VisionRequests = "vision_requests"
	// RecognitionConfidence is the histogram of each read's best plate confidence, by activity_type.
	RecognitionConfidence = "recognition_confidence"
)

// Worker: the reconciliation sweep (workflow.GetMetricsHandler, replay-safe).
const (
	// SweepStarted counts the photos the sweep started because they had neither a workflow nor a
	// record (tollbooth_sweep_started_total). Above zero, upload notifications are being lost.
	SweepStarted = "sweep_started"
)

// Worker: export and alerts.
const (
	// ExportBatches counts export batches by LabelOutcome ("done" or "failed"); the ExportBatch workflow.
	ExportBatches = "export_batches"
	// ExportRows counts the CSV rows of finished batches; the ExportBatch workflow.
	ExportRows = "export_rows"
	// ExportOldestWaitingAge is the age, by capture time, of the oldest accepted capture that no
	// batch holds yet (0 when none waits); observed by the worker when scraped.
	ExportOldestWaitingAge = "export_oldest_waiting_age"
	// ReviewWaiting is the number of captures waiting for a person; observed by the worker when scraped.
	ReviewWaiting = "review_waiting"
	// VisionRateLimit is each recognizer's request cap per second (TOLLBOOTH_VISION_RPS,
	// TOLLBOOTH_SECOND_OPINION_RPS), by LabelRecognizer: the line the request rate is drawn against.
	VisionRateLimit = "vision_requests_per_second_limit"
	// AlertsSent counts alerts delivered (after de-duplication) by LabelKind; the SendAlert activity.
	AlertsSent = "alerts_sent"
)

// Trigger.
const (
	// TriggerNotifications counts upload notifications by LabelOutcome: started, duplicate
	// (the photo's workflow existed), failed (redelivered), ignored (not a capture photo),
	// malformed (not an upload notification). Their sum is every notification received.
	TriggerNotifications = "trigger_notifications"
)

// Labels.
const (
	LabelStatus     = "status"
	LabelDecision   = "decision"
	LabelBooth      = "booth"
	LabelReason     = "reason"
	LabelRecognizer = "recognizer"
	LabelCode       = "code"
	LabelKind       = "kind"
	LabelOutcome    = "outcome"
)

// Trigger outcomes (LabelOutcome of TriggerNotifications).
const (
	OutcomeStarted   = "started"
	OutcomeDuplicate = "duplicate"
	OutcomeFailed    = "failed"
	OutcomeIgnored   = "ignored"
	OutcomeMalformed = "malformed"
)

// Export batch outcomes (LabelOutcome of ExportBatches).
const (
	OutcomeDone = "done"
)

// Recognizers (LabelRecognizer of VisionRequests).
const (
	RecognizerVision        = "vision"         // TOLLBOOTH_VISION_ENDPOINT: Cloud Vision, or the local server
	RecognizerSecondOpinion = "second-opinion" // TOLLBOOTH_SECOND_OPINION_ENDPOINT
)

// Recognizer is the LabelRecognizer attribute, for instruments made on the meter directly.
func Recognizer(name string) attribute.KeyValue { return attribute.String(LabelRecognizer, name) }
