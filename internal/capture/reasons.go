package capture

import "strings"

// ReasonCode says, in a stable word a program can match, why a capture went to a person or failed.
// The record stores it next to Reason, the sentence for people; code, alerts and clients match on
// the code, never on the sentence. Add a reason by adding a constant here.
type ReasonCode string

const (
	// ReasonInvalidPhoto: the object is not a usable capture photo (not an image, truncated, too
	// large, a malformed or unknown booth); the capture ends as failed_input.
	ReasonInvalidPhoto ReasonCode = "invalid-photo"
	// ReasonPhotoRejected: the recognizer refused the image itself.
	ReasonPhotoRejected ReasonCode = "photo-rejected"
	// ReasonRecognizerFailed: the recognizer (Vision) kept failing after its retries; the
	// recognition-spike alert counts these.
	ReasonRecognizerFailed ReasonCode = "recognizer-failed"
	// ReasonNoPlate: no well-formed plate in the recognized text.
	ReasonNoPlate ReasonCode = "no-plate"
	// ReasonBelowThreshold: the best read is below the auto-accept confidence.
	ReasonBelowThreshold ReasonCode = "below-threshold"
)

// legacyReasonStarts are how the sentences of records stored before reason codes began, written
// by the capture workflow of that time. Only LegacyReasonCode reads them.
var legacyReasonStarts = []struct {
	start string
	code  ReasonCode
}{
	{"the recognizer failed", ReasonRecognizerFailed},
	{"the recognizer rejected", ReasonPhotoRejected},
	{"no well-formed plate", ReasonNoPlate},
	{"best read ", ReasonBelowThreshold},
}

// LegacyReasonCode is the code of a record stored before records carried one (an empty
// ReasonCode): derived from its status and reason sentence, so such records still count in the
// recognition-spike check and show a code in the API. Records written since carry their code.
func LegacyReasonCode(status Status, reason string) ReasonCode {
	if reason == "" {
		return ""
	}
	if status == StatusFailedInput {
		return ReasonInvalidPhoto
	}
	for _, l := range legacyReasonStarts {
		if strings.HasPrefix(reason, l.start) {
			return l.code
		}
	}
	return ""
}

// WithLegacyReasonCode fills in the reason code of a record stored before records carried one.
func (r Record) WithLegacyReasonCode() Record {
	if r.ReasonCode == "" {
		r.ReasonCode = LegacyReasonCode(r.Status, r.Reason)
	}
	return r
}
