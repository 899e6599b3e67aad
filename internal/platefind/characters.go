package platefind

// Limits of a character's blob in working pixels and proportions. Plate characters are 10–60
// working pixels tall (see workingLongSide); their width is 0.1 (a "1") to 1.1 (a wide "M",
// slanted by tilt) of their height, and ink covers 15–92% of their box.
const (
	minCharHeight = 9
	maxCharShare  = 0.22 // of the working photo's shorter side
	minCharAspect = 0.08
	maxCharAspect = 1.15
	minCharFill   = 0.15
	maxCharFill   = 0.92
)

// maxJoined is how many characters wide a blob may be for splitJoined to try it.
const maxJoined = 5

// characters keeps the blobs shaped like a character, and the characters it can cut from blobs
// that look like several joined side by side.
func characters(g *grey, mask []bool, bs []blob) []blob {
	maxH := int(maxCharShare * float64(min(g.w, g.h)))
	var out []blob
	for _, b := range bs {
		if isCharacter(b, maxH) {
			out = append(out, b)
			continue
		}
		if b.h() < minCharHeight || b.h() > maxH || b.w() <= b.h() || b.w() > maxJoined*b.h() {
			continue
		}
		for _, p := range splitJoined(g, mask, b) {
			if isCharacter(p, maxH) {
				out = append(out, p)
			}
		}
	}
	return out
}

// isCharacter says whether a blob has a character's size and shape.
func isCharacter(b blob, maxH int) bool {
	w, h := b.w(), b.h()
	if h < minCharHeight || h > maxH || b.area < 12 {
		return false
	}
	aspect := float64(w) / float64(h)
	fill := float64(b.area) / float64(w*h)
	return aspect >= minCharAspect && aspect <= maxCharAspect && fill >= minCharFill && fill <= maxCharFill
}
