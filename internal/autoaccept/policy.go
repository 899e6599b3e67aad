package autoaccept

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/plate"
)

// Policy holds what the rules need to know about one capture.
type Policy struct {
	// Jurisdictions are the codes of the jurisdictions the capture's booth serves ("us-ca").
	Jurisdictions []string
	// MinConfidence is the lowest recognizer confidence accepted, for the line and each of its
	// characters.
	MinConfidence float64
}

// Read is one recognizer's reading of one image.
type Read struct {
	// Reading holds the words and, unless Crop, the plates the recognizer localized.
	Reading plate.Reading
	// Crop says the image read was the plate's own crop: all of its text is on the plate.
	Crop bool
}

// PlateBox is the box of the read's best-scored plate, in the reading's pixels; false when the
// recognizer localized no plate or the image's size is unknown.
func PlateBox(r plate.Reading) (plate.Box, bool) {
	best, ok := r.BestPlate()
	if !ok || r.Width <= 0 || r.Height <= 0 {
		return plate.Box{}, false
	}
	return best.Box.Scale(r.Width, r.Height), true
}

// Verdict is the policy's answer about one read, or about several reads together (Agree).
type Verdict struct {
	// Plate is the accepted plate, or the best read when refused ("" when nothing was read).
	Plate      string
	Confidence float64
	// Jurisdiction and Format are the jurisdiction code and format name the plate fits (when
	// accepted).
	Jurisdiction string
	Format       string
	// Code is empty when the read is acceptable, else the rule that refused it; Reason says the
	// same as a sentence for a reviewer.
	Code   capture.ReasonCode
	Reason string
}

// Acceptable reports whether the verdict allows billing without a person.
func (v Verdict) Acceptable() bool { return v.Code == "" }

func refuse(code capture.ReasonCode, plate string, conf float64, format string, args ...any) Verdict {
	return Verdict{Code: code, Plate: plate, Confidence: conf, Reason: fmt.Sprintf(format, args...)}
}

// sameSizeRatio is how tall another line on the plate may be, against the read line, before the
// read could be a fragment of a registration printed over two lines or split by the recognizer.
// Plates print their state, slogan or country at most about half the registration's height; a
// line at 70% or more is registration-sized.
const sameSizeRatio = 0.7

// plateMargin widens the plate box on each side, as a share of its height, before words are
// tested against it: a detector's box may clip the characters' edges.
const plateMargin = 0.15

// Judge applies the rules to one read.
func (p Policy) Judge(r Read) Verdict {
	if len(plate.PlateLines(r.Reading)) == 0 {
		return refuse(capture.ReasonNoText, "", 0, "no text was read on the photo")
	}
	onPlate := r.Reading
	if !r.Crop {
		box, found := PlateBox(r.Reading)
		if !found {
			best := tallest(plate.PlateLines(r.Reading))
			return refuse(capture.ReasonNoPlateFound, best.Text, best.Confidence,
				"no licence plate was found on the photo, so no text can be shown to be a plate (tallest text read: %q)", best.Source)
		}
		if len(r.Reading.Words) == 0 {
			return refuse(capture.ReasonNoTextOnPlate, "", 0, "the recognizer gave no word positions, so no text can be placed on the licence plate")
		}
		onPlate = inside(r.Reading, box)
	}
	lines := plate.PlateLines(onPlate)
	if len(lines) == 0 {
		return refuse(capture.ReasonNoTextOnPlate, "", 0, "text was read on the photo, but none of it on the licence plate")
	}
	main := tallest(lines)
	for _, l := range lines {
		if l.Index == main.Index && l.Text == main.Text {
			continue
		}
		if main.Height <= 0 || l.Height >= sameSizeRatio*main.Height {
			return refuse(capture.ReasonFragment, main.Text, main.Confidence,
				"the plate holds %q and %q in text of the same size: %s may be only a part of the registration", main.Source, l.Source, main.Text)
		}
	}
	v := p.judgeFormat(main.Text, printedJurisdictions(r.Reading))
	v.Confidence = main.Confidence
	if !v.Acceptable() {
		return v
	}
	if main.Confidence < p.MinConfidence {
		return refuse(capture.ReasonLowConfidence, v.Plate, main.Confidence,
			"%s was read at confidence %.2f, below %.2f", v.Plate, main.Confidence, p.MinConfidence)
	}
	for i, c := range main.Chars {
		if c < p.MinConfidence {
			return refuse(capture.ReasonLowConfidence, v.Plate, main.Confidence,
				"character %d of %s (%q) was read at confidence %.2f, below %.2f", i+1, v.Plate, main.Text[i], c, p.MinConfidence)
		}
	}
	return v
}

// judgeFormat checks the read text s against the standard formats of the booth's jurisdictions,
// narrowed to the jurisdiction printed on the photo, if any.
func (p Policy) judgeFormat(s string, printed []string) Verdict {
	if len(p.Jurisdictions) == 0 {
		return refuse(capture.ReasonNoJurisdictions, s, 0, "the booth has no jurisdictions configured, so no plate format can be trusted (TOLLBOOTH_BOOTH_JURISDICTIONS)")
	}
	codes := p.Jurisdictions
	switch {
	case len(printed) > 1:
		return refuse(capture.ReasonJurisdictionMismatch, s, 0, "the photo names several jurisdictions (%s): which one issued the plate is unclear", strings.Join(printed, ", "))
	case len(printed) == 1 && !slices.Contains(codes, printed[0]):
		return refuse(capture.ReasonOutOfJurisdiction, s, 0, "the photo names %s, which this booth does not serve (%s)", printed[0], strings.Join(codes, ", "))
	case len(printed) == 1:
		codes = printed
	}
	reads, tooMany := resolve(s, codes)
	switch {
	case tooMany:
		return refuse(capture.ReasonConfusableCharacter, s, 0, "%s has too many characters that could be others (0/O/D/Q, 1/I/L, 2/Z, 5/S, 6/G, 8/B) to be sure of", s)
	case len(reads) == 1 && reads[0].plate == s:
		r := reads[0]
		return Verdict{Plate: r.plate, Jurisdiction: r.match.jurisdiction, Format: r.match.format}
	case len(reads) == 1:
		// The formats would force a reading other than the one made, but the plate may be a vanity
		// plate that reads exactly as it was read: measured, paddle read the California vanity
		// plates BTPEBLG and 374XT2 right, and swapping to fit a format made them 8TPE816 and
		// 374XTZ, both accepted and wrong. A swap may only ever send a read to a person.
		r := reads[0]
		return refuse(capture.ReasonConfusableCharacter, s, 0, "%s fits no standard format as read; it would fit %s only as %s (%s), and a vanity plate may read exactly %s",
			s, fitsList(reads), r.plate, swaps(s, r.plate), s)
	case len(reads) > 1:
		return refuse(capture.ReasonConfusableCharacter, s, 0, "%s could be %s: %s", s, orList(plates(reads)), ambiguity(reads))
	}
	// No format of the booth fits: say which, if any, does, for the text exactly as read (with
	// swaps, nearly any string fits one of the table's 200 formats: a date becomes a French plate).
	elsewhere := exactFits(s)
	switch {
	case len(elsewhere) > 0 && len(printed) == 1:
		return refuse(capture.ReasonJurisdictionMismatch, s, 0, "the photo names %s, but %s fits no standard %s format (it fits %s)", printed[0], s, printed[0], fitsList(elsewhere))
	case len(elsewhere) > 0:
		return refuse(capture.ReasonOutOfJurisdiction, s, 0, "%s fits a standard format of %s, not of the jurisdictions this booth serves (%s)", s, fitsList(elsewhere), strings.Join(codes, ", "))
	}
	return refuse(capture.ReasonNotStandardFormat, s, 0, "%s fits no standard plate format as read: a vanity or personalized plate, or text that is not a plate", s)
}

// tallest is the line with the tallest text; among equals, the longer, then the first.
func tallest(lines []plate.TextLine) plate.TextLine {
	best := lines[0]
	for _, l := range lines[1:] {
		if l.Height > best.Height || (l.Height == best.Height && len(l.Text) > len(best.Text)) {
			best = l
		}
	}
	return best
}

// inside keeps the words whose centre lies in the box, widened by plateMargin.
func inside(r plate.Reading, b plate.Box) plate.Reading {
	out := plate.Reading{Width: r.Width, Height: r.Height}
	var kept []string
	for _, w := range r.Words {
		if x, y := w.Center(); b.Contains(x, y, plateMargin*b.Height) {
			out.Words = append(out.Words, w)
			kept = append(kept, w.Text)
		}
	}
	out.RawText = strings.Join(kept, " ")
	return out
}
