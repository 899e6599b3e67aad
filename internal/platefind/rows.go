package platefind

import (
	"math"
	"sort"
)

// How far apart two neighbouring characters of one row may be, in character heights: the gap
// between their boxes (a plate's widest is the space or dash between letter and digit groups),
// the step of their centres across the row (a 15° tilt moves it 0.2 heights per character), and
// the ratio of their heights.
const (
	minGap         = -0.2
	maxGap         = 1.3
	maxCentreStep  = 0.4
	maxHeightRatio = 1.35
)

// row is a horizontal chain of character blobs, left to right.
type row struct {
	chars []blob
	pol   polarity
}

// chainRows links each character to its best right-hand neighbour and returns the chains of at
// least minChars characters.
func chainRows(cs []blob, pol polarity, minChars int) []row {
	sort.Slice(cs, func(i, j int) bool { return cs[i].box.Min.X < cs[j].box.Min.X })
	n := len(cs)
	next := make([]int, n)
	cost := make([]float64, n)
	for i := range cs {
		next[i] = -1
		a := cs[i]
		for j := i + 1; j < n; j++ {
			b := cs[j]
			hm := float64(a.h()+b.h()) / 2
			gap := float64(b.box.Min.X-a.box.Max.X) / hm
			if gap > maxGap {
				break // sorted by left edge: every later blob starts further right
			}
			if gap < minGap || b.cx() <= a.cx() {
				continue
			}
			ratio := float64(max(a.h(), b.h())) / float64(min(a.h(), b.h()))
			step := math.Abs(b.cy()-a.cy()) / hm
			if ratio > maxHeightRatio || step > maxCentreStep {
				continue
			}
			c := math.Max(gap, 0) + 2*step + 2*math.Log(ratio)
			if next[i] < 0 || c < cost[i] {
				next[i], cost[i] = j, c
			}
		}
	}
	// Each blob keeps only its cheapest predecessor, so chains never merge.
	prev := make([]int, n)
	for i := range prev {
		prev[i] = -1
	}
	for i, j := range next {
		if j >= 0 && (prev[j] < 0 || cost[i] < cost[prev[j]]) {
			prev[j] = i
		}
	}
	var rows []row
	for i := range cs {
		if prev[i] >= 0 {
			continue // not a chain's start
		}
		r := row{pol: pol}
		for k := i; k >= 0; {
			r.chars = append(r.chars, cs[k])
			j := next[k]
			if j < 0 || prev[j] != k {
				break
			}
			k = j
		}
		if len(r.chars) >= minChars {
			rows = append(rows, r)
		}
	}
	return rows
}

// maxGroupGap is the widest gap, in character heights, between two groups of a serial that
// are joined into one row: "555-ZGP" and "BUG 2145" have a dash or a space wider than the gap
// between characters.
const maxGroupGap = 2.4

// joinGroups joins rows that continue each other across a group gap: same height, on one axis.
func joinGroups(rows []row) []row {
	sort.Slice(rows, func(i, j int) bool { return rows[i].chars[0].box.Min.X < rows[j].chars[0].box.Min.X })
	used := make([]bool, len(rows))
	var out []row
	for i := range rows {
		if used[i] {
			continue
		}
		a := rows[i]
		for {
			j := nextGroup(rows, used, a, i)
			if j < 0 {
				break
			}
			used[j] = true
			a.chars = append(append([]blob(nil), a.chars...), rows[j].chars...)
		}
		out = append(out, a)
	}
	return out
}

// nextGroup finds the unused row that best continues a to the right, or -1.
func nextGroup(rows []row, used []bool, a row, self int) int {
	last := a.chars[len(a.chars)-1]
	ha := medianHeight(a.chars)
	axis := fitLine(a.chars)
	if len(a.chars) < 3 {
		axis = line{a: last.cy()} // too short to trust its slope
	}
	best, bestGap := -1, math.Inf(1)
	for j := range rows {
		if j == self || used[j] || rows[j].pol != a.pol {
			continue
		}
		first := rows[j].chars[0]
		gap := float64(first.box.Min.X-last.box.Max.X) / ha
		if gap < 0 || gap > maxGroupGap {
			continue
		}
		hb := medianHeight(rows[j].chars)
		if math.Max(ha, hb)/math.Min(ha, hb) > 1.2 {
			continue
		}
		if math.Abs(first.cy()-axis.y(first.cx())) > 0.3*ha {
			continue
		}
		if gap < bestGap {
			best, bestGap = j, gap
		}
	}
	return best
}

// trimEnds drops characters from either end of a row that do not fit the rest: a chain can run
// on from a plate's last character into a light or a badge beside it.
func trimEnds(r row) row {
	for len(r.chars) > 2 {
		hm := medianHeight(r.chars)
		inner := r.chars
		if len(inner) > 4 {
			inner = inner[1 : len(inner)-1]
		}
		axis := fitLine(inner)
		misfit := func(b blob) float64 {
			return math.Max(math.Abs(float64(b.h())-hm)/(0.25*hm), math.Abs(b.cy()-axis.y(b.cx()))/(0.3*hm))
		}
		first, last := misfit(r.chars[0]), misfit(r.chars[len(r.chars)-1])
		switch {
		case first <= 1 && last <= 1:
			return r
		case first > last:
			r.chars = r.chars[1:]
		default:
			r.chars = r.chars[:len(r.chars)-1]
		}
	}
	return r
}
