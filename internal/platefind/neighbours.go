package platefind

import "math"

// relate marks each candidate with the rows around it: a taller row just above or below (not
// across it, as the gaps between a serial's characters are, seen in the other polarity) makes
// it a plate's small print (a state's name, a slogan, a city line) or a dealer frame's text; a
// row of about its height stacked on it makes it part of a block of text, as on a sign or a
// sticker, where a plate has one.
//
// Only a neighbour that is itself plate-like counts: a taller row of clutter (a grille, a
// bumper's edge cut into pieces) must not silence the serial it is near.
func relate(cs []candidate) {
	// A plate's or a frame's small print is a fifth to four fifths of its serial's height; a
	// row five times taller is not that plate's serial but the car or the scene around it.
	const maxPrintRatio = 5
	// A taller row counts when it is reportable and at most this much less likely, alone, than
	// the candidate: the largest of the terms for a short row, which a short serial pays and
	// its plate's longer name or slogan does not.
	const printMargin = 2
	reportable := math.Log(minScore / (1 - minScore)) // the logit of minScore
	alone := make([]float64, len(cs))
	for i := range cs {
		alone[i] = logit(cs[i].f)
	}
	for i := range cs {
		a := &cs[i]
		for j := range cs {
			if i == j {
				continue
			}
			b := &cs[j]
			if horizontalOverlap(a, b) < 0.3 {
				continue
			}
			dy := math.Abs(float64(a.charBox.Min.Y+a.charBox.Max.Y-b.charBox.Min.Y-b.charBox.Max.Y)) / 2
			ratio := b.h / a.h
			switch {
			case ratio > 1.25 && ratio < maxPrintRatio && dy > 0.5*b.h && dy < 2.5*b.h && alone[j] >= max(reportable, alone[i]-printMargin):
				a.f.bigger = true
			case ratio >= 0.8 && ratio <= 1.25 && dy > 0.9*a.h && dy < 2.5*a.h && alone[j] >= alone[i]-2:
				a.f.stacked++
			}
		}
	}
}

// horizontalOverlap is the shared width of two rows' characters over the narrower row's width.
func horizontalOverlap(a, b *candidate) float64 {
	lo := max(a.charBox.Min.X, b.charBox.Min.X)
	hi := min(a.charBox.Max.X, b.charBox.Max.X)
	if hi <= lo {
		return 0
	}
	return float64(hi-lo) / float64(min(a.charBox.Dx(), b.charBox.Dx()))
}
