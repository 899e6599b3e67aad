package signals

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"go.temporal.io/sdk/temporal"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// Error types of a refused review decision: the temporal.ApplicationError Type the workflow sends,
// with the refusal as its details. Clients match on the type (RefusalOf), never on the message.
const (
	// ErrTypeInvalidDecision: the decision is malformed; details: DecisionError (by field).
	ErrTypeInvalidDecision = "InvalidReviewDecision"
	// ErrTypeNotWaiting: the capture does not wait for a review (decided already, or it never
	// needed one); details: NotWaitingError (its status and who decided).
	ErrTypeNotWaiting = "NotWaitingForReview"
)

// The fields of a review decision, as DecisionError names them. FieldInput is the whole payload
// of a signal that is not a decision at all.
const (
	FieldPlate    = "plate"
	FieldReviewer = "reviewer"
	FieldInput    = "input"
)

// Refusal is a refused review decision, *DecisionError or *NotWaitingError; ApplicationError is
// how the workflow returns it.
type Refusal interface {
	error
	ApplicationError() error
	ErrorType() string
}

// DecisionError is a malformed review decision: what is wrong, by field (FieldPlate,
// FieldReviewer), in words a reviewer can act on.
type DecisionError struct {
	Fields map[string]string `json:"fields"`
}

func (e *DecisionError) Error() string {
	var parts []string
	for _, f := range slices.Sorted(maps.Keys(e.Fields)) {
		parts = append(parts, f+": "+e.Fields[f])
	}
	return strings.Join(parts, "; ")
}

// ErrorType is ErrTypeInvalidDecision.
func (e *DecisionError) ErrorType() string { return ErrTypeInvalidDecision }

// ApplicationError is the refusal as the workflow returns it: type ErrTypeInvalidDecision, the
// fields as details.
func (e *DecisionError) ApplicationError() error {
	return temporal.NewApplicationErrorWithOptions(e.Error(), ErrTypeInvalidDecision,
		temporal.ApplicationErrorOptions{NonRetryable: true, Details: []any{*e}})
}

// NotWaitingError is a decision on a capture that does not wait for one: it was decided already
// (Decision and ReviewerID say by whom, Plate what), or it never needed a person.
type NotWaitingError struct {
	CaptureID  string         `json:"capture_id"`
	Status     capture.Status `json:"status,omitempty"`
	Plate      string         `json:"plate,omitempty"`
	Decision   string         `json:"decision,omitempty"`
	ReviewerID string         `json:"reviewer_id,omitempty"`
}

func (e *NotWaitingError) Error() string {
	msg := fmt.Sprintf("capture %s is not waiting for a review", e.CaptureID)
	switch {
	case e.ReviewerID != "":
		return msg + ": " + e.ReviewerID + " decided it first"
	case e.Decision != "":
		return msg + ": it was decided " + e.Decision
	case e.Status != "":
		return msg + ": it is " + string(e.Status)
	}
	return msg
}

// ErrorType is ErrTypeNotWaiting.
func (e *NotWaitingError) ErrorType() string { return ErrTypeNotWaiting }

// ApplicationError is the refusal as the workflow returns it: type ErrTypeNotWaiting, the capture's
// status and decision as details.
func (e *NotWaitingError) ApplicationError() error {
	return temporal.NewApplicationErrorWithOptions(e.Error(), ErrTypeNotWaiting,
		temporal.ApplicationErrorOptions{NonRetryable: true, Details: []any{*e}})
}

// RefusalOf finds a review refusal in an error from Temporal (an update's failure, wrapped or not)
// by its ApplicationError type and returns it typed: *DecisionError or *NotWaitingError. ok is
// false for any other error.
func RefusalOf(err error) (refusal Refusal, ok bool) {
	var app *temporal.ApplicationError
	if !errors.As(err, &app) {
		return nil, false
	}
	switch app.Type() {
	case ErrTypeInvalidDecision:
		var d DecisionError
		if !app.HasDetails() || app.Details(&d) != nil || len(d.Fields) == 0 {
			d = DecisionError{Fields: map[string]string{FieldPlate: app.Message()}}
		}
		return &d, true
	case ErrTypeNotWaiting:
		var n NotWaitingError
		if app.HasDetails() {
			_ = app.Details(&n) // without details the refusal still stands, with less to say
		}
		return &n, true
	}
	return nil, false
}
