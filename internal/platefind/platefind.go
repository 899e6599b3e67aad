// Package platefind finds the licence plate in a vehicle photo from the pixels alone: no model,
// no OCR, no truth file. It is the local stand-in for the "License plate" object of Google
// Vision's OBJECT_LOCALIZATION.
//
// The method is classical: the photo is shrunk to a working copy, thresholded against each
// pixel's neighbourhood in both polarities (dark serial on a light plate and the reverse), and
// its connected ink blobs that are shaped like characters are chained into rows of similar
// height, spacing and baseline. A row of 4–9 characters is a candidate; its box is grown to the
// plate around it, and it is scored on what tells a plate from a car's badge, a dealer frame, a
// sticker or a sign: how uniform its characters are, how they stand out, whether a plain
// rectangle of a plate's proportions surrounds them.
package platefind

import (
	"image"
	"sort"
)

// Plate is a region of a photo that looks like a licence plate.
type Plate struct {
	Box   image.Rectangle // in the photo's pixel space
	Score float64         // 0..1: how sure the finder is; see AnswerThreshold
}

// maxPlates is how many plates Find returns at most.
const maxPlates = 3

// Find returns the plate-like regions of img, best first, at most a few; nil when nothing looks
// like a plate. Answer only a Plate whose Score is at least AnswerThreshold as the photo's plate.
// Find is safe for concurrent use.
func Find(img image.Image) []Plate {
	var out []Plate
	for _, c := range dropOverlaps(candidates(img)) {
		if len(out) == maxPlates || c.score < minScore {
			break
		}
		out = append(out, Plate{Box: c.box, Score: c.score})
	}
	return out
}

// candidates returns every scored plate candidate of img, best first.
func candidates(img image.Image) []candidate {
	b := img.Bounds()
	if b.Dx() < 16 || b.Dy() < 16 {
		return nil
	}
	g, scale := workingGrey(img)
	sums := newIntegral(g)
	var cands []candidate
	for _, pol := range []polarity{darkInk, lightInk} {
		mask := ink(g, sums, pol)
		chars := characters(g, mask, blobs(g, mask))
		// Characters joined by a plate's border come apart once long runs are cut; the
		// uncut mask keeps large characters whose strokes are that long.
		cut := cutLongRuns(mask, g.w, g.h, max(2*minCharHeight, g.w/20))
		chars = union(chars, characters(g, cut, blobs(g, cut)))
		for _, r := range joinGroups(chainRows(chars, pol, 2)) {
			r = trimEnds(r)
			if len(r.chars) < minRowChars || len(r.chars) > maxRowChars {
				continue
			}
			c := measure(g, mask, r)
			c.box = c.fr.bounds(c.plate, scale, b)
			if c.box.Empty() {
				continue
			}
			cands = append(cands, c)
		}
	}
	relate(cands)
	for i := range cands {
		cands[i].score = score(cands[i].f)
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	return cands
}

// union is a plus the blobs of b whose box is not in a.
func union(a, b []blob) []blob {
	boxes := make(map[image.Rectangle]bool, len(a))
	for _, x := range a {
		boxes[x.box] = true
	}
	for _, x := range b {
		if !boxes[x.box] {
			a = append(a, x)
		}
	}
	return a
}

// dropOverlaps keeps each candidate only if its box does not mostly overlap a better one's.
func dropOverlaps(cs []candidate) []candidate {
	var out []candidate
	for _, c := range cs {
		keep := true
		for _, k := range out {
			if overlapShare(c.box, k.box) > 0.5 {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, c)
		}
	}
	return out
}

// overlapShare is the area of a∩b over the smaller of the two areas.
func overlapShare(a, b image.Rectangle) float64 {
	in := a.Intersect(b)
	if in.Empty() {
		return 0
	}
	return float64(area(in)) / float64(min(area(a), area(b)))
}

func area(r image.Rectangle) int { return r.Dx() * r.Dy() }
