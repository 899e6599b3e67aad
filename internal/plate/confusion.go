package plate

// This file resolves the characters that OCR confuses on plates: O/0 (and Q), I/1, and, only where
// a specific format forces a position to be a digit or a letter, S/5, B/8, Z/2 and L/1. In many
// plate fonts O and 0 are drawn identically (Nevada's "ZOOMN65"), so the glyph alone cannot decide;
// its position in a known format, or failing that its neighbours, can.
//
// Every substitution marks the candidate Corrected and lowers its confidence (see the penalties
// below), so a corrected read needs a higher raw confidence to be accepted automatically.

// Confidence penalties per substitution.
const (
	// CommonPenalty is for the near-certain swaps O/0, Q→0 and I/1.
	CommonPenalty = 0.05
	// RarePenalty is for S/5, B/8, Z/2 and L→1, which only a specific format can justify.
	RarePenalty = 0.10
	// MaxFormatSubstitutions bounds how many characters a specific format may change: beyond two,
	// the "match" says more about the format than about the photo.
	MaxFormatSubstitutions = 2
)

// toDigit and toLetter are the swaps allowed when a specific format demands the other class at a
// position. The bool says whether the swap is a common one (CommonPenalty) or a rare one.
var (
	toDigit = map[byte]swap{
		'O': {'0', true}, 'Q': {'0', true}, 'I': {'1', true},
		'L': {'1', false}, 'Z': {'2', false}, 'S': {'5', false}, 'B': {'8', false},
	}
	toLetter = map[byte]swap{
		'0': {'O', true}, '1': {'I', true},
		'2': {'Z', false}, '5': {'S', false}, '8': {'B', false},
	}
)

type swap struct {
	to     byte
	common bool
}

// reading is one interpretation of a normalized string.
type reading struct {
	plate   string
	format  string
	subs    int     // characters changed
	penalty float64 // confidence to subtract
}

// interpretations returns the plausible readings of a normalized string s:
//   - the specific formats that s fits with the fewest position-forced swaps (at most
//     MaxFormatSubstitutions); when s fits one as it is, no other reading is offered, so
//     "BUG2145" does not also become an Ontario "BUGZ145";
//   - unless s already fits a specific format as it is, the generic reading, with O/0, Q and I/1
//     resolved by neighbours (see byNeighbours), when it satisfies ValidFormat. It ranks below
//     the specific readings but stays on the list for a reviewer.
//
// It returns nothing when no reading is a valid plate.
func interpretations(s string, region *format) []reading {
	// The region printed on the plate decides between formats that OCR confusions make ambiguous:
	// under "California", SMDV382 is 5MDV382 (1ABC234), not an Ontario ABCD123.
	if region != nil {
		if r, ok := byFormat(s, *region); ok {
			return []reading{r}
		}
	}
	var out []reading
	for _, f := range specificFormats {
		r, ok := byFormat(s, f)
		switch {
		case !ok:
		case len(out) == 0 || r.subs == out[0].subs:
			out = append(out, r)
		case r.subs < out[0].subs:
			out = append(out[:0], r)
		}
	}
	if len(out) > 0 && out[0].subs == 0 {
		return out
	}
	g, subs, pen := byNeighbours(s)
	if name, ok := ValidFormat(g); ok {
		dup := false
		for _, r := range out {
			dup = dup || r.plate == g
		}
		if !dup {
			out = append(out, reading{plate: g, format: name, subs: subs, penalty: pen})
		}
	}
	return out
}

// byFormat fits s to format f, swapping characters whose class the format forbids at their
// position. It fails when a character cannot be swapped or too many would have to be.
func byFormat(s string, f format) (reading, bool) {
	if len(s) != len(f.pattern) {
		return reading{}, false
	}
	b := []byte(s)
	r := reading{format: f.name}
	for i := range b {
		want := f.pattern[i]
		if classOf(b[i]) == want {
			continue
		}
		table := toLetter
		if want == 'D' {
			table = toDigit
		}
		sw, ok := table[b[i]]
		if !ok {
			return reading{}, false
		}
		b[i] = sw.to
		r.subs++
		r.penalty += penaltyOf(sw.common)
		if r.subs > MaxFormatSubstitutions {
			return reading{}, false
		}
	}
	r.plate = string(b)
	return r, true
}

func penaltyOf(common bool) float64 {
	if common {
		return CommonPenalty
	}
	return RarePenalty
}

// ambiguous are the characters byNeighbours may change.
func ambiguous(c byte) bool {
	return c == 'O' || c == '0' || c == 'Q' || c == 'I' || c == '1'
}

// byNeighbours resolves O/0, Q and I/1 when no specific format applies. For every maximal run of
// ambiguous characters it looks at the nearest unambiguous character on each side:
//   - letters on both sides, or a letter on one side and the end of the plate on the other: the
//     run is letters (0→O, 1→I; O, Q, I stay), as in "Z00MN65" → "ZOOMN65";
//   - digits on both sides, or a digit and the end: the run is digits (O→0, Q→0, I→1), as in
//     "2O45" → "2045" or "I23" → "123";
//   - a letter on one side and a digit on the other, or no unambiguous character at all: the run
//     is left as read, because nothing says which it is ("7ABC123" keeps its 1).
//
// It returns the result, the number of characters changed and the confidence penalty.
func byNeighbours(s string) (string, int, float64) {
	b := []byte(s)
	subs := 0
	for i := 0; i < len(b); {
		if !ambiguous(b[i]) {
			i++
			continue
		}
		j := i
		for j < len(b) && ambiguous(b[j]) {
			j++
		}
		var left, right byte // 0 at the plate's ends
		if i > 0 {
			left = classOf(b[i-1])
		}
		if j < len(b) {
			right = classOf(b[j])
		}
		var want byte
		switch {
		case left == 0 && right == 0:
		case left == 0 || right == 0 || left == right:
			want = left | right // the one that is set, or both equal
		}
		for k := i; want != 0 && k < j; k++ {
			if classOf(b[k]) == want {
				continue
			}
			if want == 'D' {
				b[k] = toDigit[b[k]].to
			} else {
				b[k] = toLetter[b[k]].to
			}
			subs++
		}
		i = j
	}
	return string(b), subs, float64(subs) * CommonPenalty
}
