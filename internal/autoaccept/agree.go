package autoaccept

import (
	"fmt"
	"math"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// Agree combines the verdicts of two independent reads of one capture (the photo, and the plate's
// enlarged crop or a second engine): the plate is acceptable only when both reads are acceptable
// on their own and read the same whole plate. One engine's confident misread ("7ABC128" for
// 7ABC123) fits every format; a second read that disagrees is what catches it. secondName names the
// second read for the reason sentence, e.g. "the plate's enlarged crop".
func Agree(first, second Verdict, secondName string) Verdict {
	switch {
	case !first.Acceptable():
		return first
	case !second.Acceptable():
		second.Reason = fmt.Sprintf("%s: %s", secondName, second.Reason)
		return second
	case first.Plate != second.Plate:
		return Verdict{
			Code: capture.ReasonReadsDisagree, Plate: first.Plate, Confidence: math.Min(first.Confidence, second.Confidence),
			Reason: fmt.Sprintf("the photo reads %s but %s reads %s", first.Plate, secondName, second.Plate),
		}
	}
	first.Confidence = math.Min(first.Confidence, second.Confidence)
	return first
}
