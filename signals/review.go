package signals

import (
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/tollbooth/tollbooth/internal/plate"
)

// ReviewDecision is what a reviewer decides about a capture the recognizer could not read with
// confidence: either the plate they read, or that no plate is readable.
type ReviewDecision struct {
	Plate      string `json:"plate,omitempty"`
	Unreadable bool   `json:"unreadable,omitempty"`
	ReviewerID string `json:"reviewer_id"`
	// DecidedAt is set by the client; the workflow keeps it for the audit trail.
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

// Validate reports what is wrong with a decision, in words a reviewer can act on.
func (d ReviewDecision) Validate() error {
	var errs []error
	if !reviewerIDPattern.MatchString(d.ReviewerID) {
		errs = append(errs, fmt.Errorf("reviewer: %q is not a reviewer id (letters, digits, . _ @ -, at most 64)", d.ReviewerID))
	}
	n := plate.Normalize(d.Plate)
	switch {
	case d.Unreadable && d.Plate != "":
		errs = append(errs, errors.New("plate: give either a plate or \"no plate readable\", not both"))
	case !d.Unreadable && d.Plate == "":
		errs = append(errs, errors.New("plate: enter the plate, or choose \"no plate readable\""))
	case !d.Unreadable:
		if _, ok := plate.ValidFormat(n); !ok {
			errs = append(errs, fmt.Errorf("plate: %q is not a valid plate (2 to 8 letters and digits)", d.Plate))
		}
	}
	return errors.Join(errs...)
}
