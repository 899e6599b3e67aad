package plate

import (
	"math"
	"slices"
)

// TextLine is what is left of one physical line of a reading once frame text is removed: the
// piece of text that could be a registration, taken whole. The safe auto-accept policy judges
// whole lines rather than Clean's candidates, because a candidate may be a part of its line, and a
// part of a plate is never the plate.
type TextLine struct {
	Index      int       // the line's index in reading order; pieces of one split line share it
	Text       string    // its characters, normalized (A-Z, 0-9), every word joined
	Source     string    // the words as read, separated by spaces
	Height     float64   // median pixel height of its words (0 if unknown)
	Confidence float64   // lowest confidence of its words (0: unknown)
	Chars      []float64 // the confidence of each character of Text
	Lower      bool      // some letters were lower case: plates print capitals
	Frame      bool      // frame text was removed from this line
	Words      int
}

// PlateLines returns the lines of r without their frame text (see Clean, steps 1–3). A frame word
// in the middle of a line splits it: each side is its own TextLine. Lines left without characters
// are omitted.
func PlateLines(r Reading) []TextLine {
	var out []TextLine
	for i, l := range linesOf(r) {
		dropFrameText(l)
		var piece []*token
		flush := func() {
			if tl, ok := textLine(i, piece, l.frame); ok {
				out = append(out, tl)
			}
			piece = nil
		}
		for _, t := range l.toks {
			if t.dropped {
				flush()
				continue
			}
			piece = append(piece, t)
		}
		flush()
	}
	return out
}

func textLine(index int, toks []*token, frame bool) (TextLine, bool) {
	tl := TextLine{Index: index, Frame: frame, Confidence: 1, Source: rawText(toks)}
	var heights []float64
	for _, t := range toks {
		if t.norm == "" {
			continue
		}
		tl.Text += t.norm
		tl.Words++
		tl.Confidence = math.Min(tl.Confidence, t.conf)
		tl.Lower = tl.Lower || t.lower
		heights = append(heights, t.height)
	}
	if tl.Text == "" {
		return TextLine{}, false
	}
	tl.Chars = joinChars(toks)
	slices.Sort(heights)
	tl.Height = heights[len(heights)/2]
	return tl, true
}
