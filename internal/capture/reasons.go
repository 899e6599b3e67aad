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
	// ReasonSecondOpinionUnavailable: a second recognizer is configured and the reads accepted the
	// plate, but the second recognizer did not answer in time (down, backed up past its queue's
	// wait, or failing after its retries). Without its read the plate is not auto-accepted.
	ReasonSecondOpinionUnavailable ReasonCode = "second-opinion-unavailable"
	// ReasonNoPlate: no well-formed plate in the recognized text.
	ReasonNoPlate ReasonCode = "no-plate"
	// ReasonBelowThreshold: the best read is below the auto-accept confidence (captures started
	// before the safe auto-accept policy; the policy says LowConfidence).
	ReasonBelowThreshold ReasonCode = "below-threshold"
)

// The safe auto-accept policy's reasons (internal/autoaccept), in the order its rules are checked.
const (
	// ReasonNoText: the recognizer read no text at all on the image.
	ReasonNoText ReasonCode = "no-text"
	// ReasonNoPlateFound: the recognizer found no licence plate on the photo, so no text can be
	// shown to be on one.
	ReasonNoPlateFound ReasonCode = "no-plate-found"
	// ReasonNoTextOnPlate: text was read, but none of it inside the plate's box.
	ReasonNoTextOnPlate ReasonCode = "no-text-on-plate"
	// ReasonFragment: the plate holds another line of text as large as the read one; the read may
	// be a part of the registration ("RK" of "RK 1234" over two lines, or a split read).
	ReasonFragment ReasonCode = "fragment"
	// ReasonNoJurisdictions: the booth has no jurisdictions configured, so no format can be trusted.
	ReasonNoJurisdictions ReasonCode = "no-jurisdictions"
	// ReasonNotStandardFormat: the read fits no standard serial format of any jurisdiction in the
	// table: a vanity or personalized plate, or text that is not a plate (a make, a name, a date).
	ReasonNotStandardFormat ReasonCode = "not-standard-format"
	// ReasonOutOfJurisdiction: the read fits a standard format only of jurisdictions the booth
	// does not serve, or the photo names such a jurisdiction.
	ReasonOutOfJurisdiction ReasonCode = "out-of-jurisdiction"
	// ReasonJurisdictionMismatch: the photo names a jurisdiction whose formats the read does not
	// fit, or names several.
	ReasonJurisdictionMismatch ReasonCode = "jurisdiction-mismatch"
	// ReasonConfusableCharacter: a character could be another of its confusable group (0/O/D/Q,
	// 1/I/L, 2/Z, 5/S, 6/G, 8/B) and the formats do not decide it as read, or the read fits a
	// format only with such a character swapped (a vanity plate may read exactly as read).
	ReasonConfusableCharacter ReasonCode = "confusable-character"
	// ReasonLowConfidence: the recognizer's confidence in the line, or in one of its characters,
	// is below the threshold.
	ReasonLowConfidence ReasonCode = "low-confidence"
	// ReasonReadsDisagree: two independent reads, each acceptable alone, read different plates (the
	// photo and its enlarged crop, or the reads and the second recognizer's).
	ReasonReadsDisagree ReasonCode = "reads-disagree"
)

// PolicyReasons are the safe auto-accept policy's codes, for metrics and documentation.
var PolicyReasons = []ReasonCode{
	ReasonNoText, ReasonNoPlateFound, ReasonNoTextOnPlate, ReasonFragment, ReasonNoJurisdictions,
	ReasonNotStandardFormat, ReasonOutOfJurisdiction, ReasonJurisdictionMismatch,
	ReasonConfusableCharacter, ReasonLowConfidence, ReasonReadsDisagree,
}

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
