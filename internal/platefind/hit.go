package platefind

import "image"

// Hit is the rule by which a found box counts as the plate whose true box is truth, in tests and
// accuracy reports: either the boxes overlap well (intersection over union at least 0.5), or the
// found box holds the true plate's centre and lies within the true box enlarged by 50% (a
// quarter of its width and height on each side). The second form accepts a box around the
// plate alone when the truth also holds a dealer frame or the slack of a strong tilt.
func Hit(found, truth image.Rectangle) bool {
	if found.Empty() || truth.Empty() {
		return false
	}
	if IoU(found, truth) >= 0.5 {
		return true
	}
	centre := image.Pt((truth.Min.X+truth.Max.X)/2, (truth.Min.Y+truth.Max.Y)/2)
	grown := truth
	grown.Min.X -= truth.Dx() / 4
	grown.Max.X += truth.Dx() / 4
	grown.Min.Y -= truth.Dy() / 4
	grown.Max.Y += truth.Dy() / 4
	return centre.In(found) && found.In(grown)
}

// IoU is the area of a∩b over the area of a∪b.
func IoU(a, b image.Rectangle) float64 {
	in := area(a.Intersect(b))
	if in == 0 {
		return 0
	}
	return float64(in) / float64(area(a)+area(b)-in)
}
