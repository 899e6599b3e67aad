package signals

import (
	"fmt"
	"regexp"
	"time"

	"github.com/tollbooth/tollbooth/internal/plate"
)

// ReviewDecision is what a reviewer decides about a capture the recognizer could not read with
// confidence: either the plate they read, or that no plate is readable. The review-decision update
// and signal carry it; its JSON names are what an operator types in the Web UI's "Send signal".
type ReviewDecision struct {
	Plate      string `json:"plate,omitempty"`
	Unreadable bool   `json:"unreadable,omitempty"`
	ReviewerID string `json:"reviewer_id"`
	// DecidedAt is set by the client; the workflow keeps it for the audit trail (its own time when
	// the client leaves it out).
	DecidedAt time.Time `json:"decided_at,omitzero"`
}

// ReviewResult is the update's answer: the decision as recorded.
type ReviewResult struct {
	CaptureID string `json:"capture_id"`
	Plate     string `json:"plate,omitempty"`
	Status    string `json:"status"`
	Decision  string `json:"decision"`
}

var reviewerIDPattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9._@-]{0,63}$`)

// Normalized returns the decision with its plate normalized (upper-case, no spaces or dashes),
// the form in which it is validated and stored.
func (d ReviewDecision) Normalized() ReviewDecision {
	d.Plate = plate.Normalize(d.Plate)
	return d
}

// Validate reports what is wrong with a decision as a *DecisionError (by field), or nil.
func (d ReviewDecision) Validate() error {
	fields := map[string]string{}
	if !reviewerIDPattern.MatchString(d.ReviewerID) {
		fields[FieldReviewer] = fmt.Sprintf("%q is not a reviewer id (letters, digits, . _ @ -, at most 64)", d.ReviewerID)
	}
	switch {
	case d.Unreadable && d.Plate != "":
		fields[FieldPlate] = `give either a plate or "no plate readable", not both`
	case !d.Unreadable && d.Plate == "":
		fields[FieldPlate] = `enter the plate, or choose "no plate readable"`
	case !d.Unreadable:
		if _, ok := plate.ValidFormat(plate.Normalize(d.Plate)); !ok {
			fields[FieldPlate] = fmt.Sprintf("%q is not a valid plate (2 to 8 letters and digits)", d.Plate)
		}
	}
	if len(fields) == 0 {
		return nil
	}
	return &DecisionError{Fields: fields}
}
