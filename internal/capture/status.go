package capture

// Status is where a capture stands. The settled ones (accepted, unreadable, failed_input) are final.
type Status string

const (
	StatusReceived       Status = "received"        // workflow started, photo not yet checked
	StatusRecognizing    Status = "recognizing"     // photo checked, waiting for the recognizer
	StatusAwaitingReview Status = "awaiting_review" // a person must read the plate
	StatusAccepted       Status = "accepted"        // plate known, billable
	StatusUnreadable     Status = "unreadable"      // a reviewer found no readable plate: never billed
	StatusFailedInput    Status = "failed_input"    // not a usable photo (not an image, too big, unknown booth)
)

// Final says whether the capture will not change any more.
func (s Status) Final() bool {
	return s == StatusAccepted || s == StatusUnreadable || s == StatusFailedInput
}

// DecisionAuto is the decision source of a plate accepted by the recognizer; a reviewer's decision
// is recorded as DecisionByReviewer(id).
const DecisionAuto = "auto"

// DecisionByReviewer is the decision source of a plate a person decided.
func DecisionByReviewer(reviewerID string) string { return "reviewer:" + reviewerID }

// DefaultAutoAcceptConfidence is the default threshold for accepting a plate without a person. It is
// deliberately strict: a read below it costs a reviewer a few seconds, a wrong bill costs a dispute.
const DefaultAutoAcceptConfidence = 0.80
