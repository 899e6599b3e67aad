package platefind

import "math"

// How far from its characters a plate's edge may be, in character heights. A plate is 2–3.3
// character heights tall (Brazil's 130 mm plate has 63 mm characters; a US plate's serial is
// 0.3–0.5 of its height), with the serial near its middle; it is up to 2 heights wider than its
// serial on each side (a short vanity serial on a 12-inch plate).
const (
	maxEdgeAbove = 2.0
	maxEdgeBelow = 1.8
	maxEdgeSide  = 2.0
	minEdgeGap   = 0.12 // a plate edge is never closer to the characters than this
)

// Defaults for a side whose edge was not seen: about where a plate's edge is.
const (
	defaultAbove = 0.75
	defaultBelow = 0.55
	defaultSide  = 0.35
)

// edgeAgreement is the share of sample lines across a side that must see the same step, in the
// same direction, for it to count as the plate's edge: text beside the serial (a state's name,
// a city line) steps in some of them, an edge in nearly all.
const edgeAgreement = 0.65

// side is one of a candidate's plate edges, found or not.
type side struct {
	found bool
	dist  float64 // from the characters' box, in character heights
	step  float64 // grey levels across the edge, signed outward minus inward
}

// findEdge looks outward from the characters along one side for the plate's edge: the first
// offset where most sample lines step the same way by more than minStep. dir is (du, dv), a unit
// step outward; along is the span sampled across the side, at offset start from the origin.
func findEdge(g *grey, f frame, u0, v0, du, dv float64, along [2]float64, h, maxDist, minStep float64) side {
	const samples = 24
	// Sample positions across the side: perpendicular to dir.
	pu, pv := 1.0, 0.0 // across the side: along the row for the top and bottom edges
	if du != 0 {
		pu, pv = 0, 1
	}
	var best side
	bestAgree := 0.0
	for d := minEdgeGap * h; d <= maxDist*h; d++ {
		up, down := 0, 0
		var sum float64
		n := 0
		for k := 0; k < samples; k++ {
			a := along[0] + (along[1]-along[0])*(float64(k)+0.5)/samples
			bu, bv := u0+du*d+pu*a, v0+dv*d+pv*a
			x, y := f.toXY(bu, bv)
			if !g.inside(x, y) {
				continue
			}
			var out, in float64
			for s := 1.0; s <= 2; s++ {
				xo, yo := f.toXY(bu+du*s, bv+dv*s)
				xi, yi := f.toXY(bu-du*s, bv-dv*s)
				out += g.bilinear(xo, yo)
				in += g.bilinear(xi, yi)
			}
			diff := (out - in) / 2
			n++
			sum += diff
			if diff > minStep {
				up++
			} else if diff < -minStep {
				down++
			}
		}
		if n < samples/2 {
			break // off the photo
		}
		agree := float64(max(up, down)) / float64(n)
		if agree >= edgeAgreement && agree > bestAgree {
			best = side{found: true, dist: d / h, step: sum / float64(n)}
			bestAgree = agree
		} else if best.found {
			break // the first edge outward, at its strongest offset
		}
	}
	return best
}

// growPlate finds the plate's four edges around the characters and sets c.plate from them,
// using a typical margin for a side whose edge was not seen.
func (c *candidate) growPlate(g *grey) {
	h := c.h
	minStep := math.Max(6, 0.2*c.f.contrast)
	ch := c.chars
	c.top = findEdge(g, c.fr, 0, ch.v0, 0, -1, [2]float64{ch.u0, ch.u1}, h, maxEdgeAbove, minStep)
	c.bottom = findEdge(g, c.fr, 0, ch.v1, 0, 1, [2]float64{ch.u0, ch.u1}, h, maxEdgeBelow, minStep)
	c.left = findEdge(g, c.fr, ch.u0, 0, -1, 0, [2]float64{ch.v0, ch.v1}, h, maxEdgeSide, minStep)
	c.right = findEdge(g, c.fr, ch.u1, 0, 1, 0, [2]float64{ch.v0, ch.v1}, h, maxEdgeSide, minStep)
	dist := func(s side, def float64) float64 {
		if s.found {
			return s.dist
		}
		return def
	}
	c.plate = rect{
		u0: ch.u0 - dist(c.left, defaultSide)*h,
		v0: ch.v0 - dist(c.top, defaultAbove)*h,
		u1: ch.u1 + dist(c.right, defaultSide)*h,
		v1: ch.v1 + dist(c.bottom, defaultBelow)*h,
	}
}
