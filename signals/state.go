package signals

import (
	"time"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// CaptureState is the capture workflow's answer to CaptureStateQuery and its result: the capture's
// record as the workflow holds it (one type, capture.Record, embedded: its fields are this JSON's
// fields), and the review-decision signals it refused.
type CaptureState struct {
	capture.Record
	// RefusedSignals are the latest review-decision signals the workflow refused, oldest first
	// (at most MaxRefusedSignals). A signal cannot answer its sender, so its refusal is shown here
	// and in the worker's log; it never changes the capture.
	RefusedSignals []RefusedSignal `json:"refused_signals,omitempty"`
}

// MaxRefusedSignals bounds CaptureState.RefusedSignals, so a flood of bad signals cannot grow the
// query's answer without end.
const MaxRefusedSignals = 20

// RefusedSignal is one refused review-decision signal.
type RefusedSignal struct {
	Decision   ReviewDecision `json:"decision"`
	ErrorType  string         `json:"error_type"` // ErrTypeInvalidDecision or ErrTypeNotWaiting
	Reason     string         `json:"reason"`
	ReceivedAt time.Time      `json:"received_at"`
}
