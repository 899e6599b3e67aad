package autoaccept

// Code names the rule that sent a capture to a person. Codes are stable: they are stored on
// capture records, counted in the worker's metrics and shown to reviewers beside a sentence.
type Code string

// The policy's codes, in the order the rules are checked.
const (
	// NoText: the recognizer read no text at all on the image.
	NoText Code = "no-text"
	// NoPlateFound: the recognizer found no licence plate on the photo, so no text can be shown
	// to be on one.
	NoPlateFound Code = "no-plate-found"
	// NoTextOnPlate: text was read, but none of it inside the plate's box.
	NoTextOnPlate Code = "no-text-on-plate"
	// Fragment: the plate holds another line of text as large as the read one; the read may be
	// a part of the registration ("RK" of "RK 1234" over two lines, or a split read).
	Fragment Code = "fragment"
	// NoJurisdictions: the booth has no jurisdictions configured, so no format can be trusted.
	NoJurisdictions Code = "no-jurisdictions"
	// NotStandardFormat: the read fits no standard serial format of any jurisdiction in the
	// table: a vanity or personalized plate, or text that is not a plate (a make, a name, a date).
	NotStandardFormat Code = "not-standard-format"
	// OutOfJurisdiction: the read fits a standard format only of jurisdictions the booth does not
	// serve, or the photo names such a jurisdiction.
	OutOfJurisdiction Code = "out-of-jurisdiction"
	// JurisdictionMismatch: the photo names a jurisdiction whose formats the read does not fit,
	// or names several.
	JurisdictionMismatch Code = "jurisdiction-mismatch"
	// ConfusableCharacter: a character could be another of its confusable group and the formats
	// do not force the choice, so the plate could be either.
	ConfusableCharacter Code = "confusable-character"
	// LowConfidence: the recognizer's confidence in the line, or in one of its characters, is
	// below the threshold.
	LowConfidence Code = "low-confidence"
	// ReadsDisagree: two independent reads, each acceptable alone, read different plates.
	ReadsDisagree Code = "reads-disagree"
)

// Codes lists every code of the policy, for metrics and documentation.
var Codes = []Code{
	NoText, NoPlateFound, NoTextOnPlate, Fragment, NoJurisdictions, NotStandardFormat,
	OutOfJurisdiction, JurisdictionMismatch, ConfusableCharacter, LowConfidence, ReadsDisagree,
}
