package platefind

import "math"

// relate marks each candidate with the rows around it: a taller row just above or below makes
// it a plate's small print (a state's name, a slogan, a city line) or a dealer frame's text; a
// row of about its height stacked on it makes it part of a block of text, as on a sign or a
// sticker, where a plate has one.
func relate(cs []candidate) {
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
			case ratio > 1.25 && dy < 2.5*b.h:
				a.f.bigger = true
			case ratio >= 0.8 && ratio <= 1.25 && dy > 0.9*a.h && dy < 2.5*a.h:
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

// meanGrey is the photo's mean grey level.
func meanGrey(g *grey) float64 {
	var sum int
	for _, v := range g.pix {
		sum += int(v)
	}
	return float64(sum) / float64(len(g.pix))
}
