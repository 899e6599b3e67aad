package platefind

import "math"

// AnswerThreshold is the Score from which a Plate may be answered as the photo's plate, e.g. as
// Vision's "License plate" object. Below it a photo gets no plate box (and goes to a person
// rather than having the wrong text taken for the plate). At this threshold the best box hit
// the true plate in every answered development photo and in at least 95% of the answered
// held-out photos (synthetic seeds other than the development one, the odd half of the
// openalpr-br photos); see the package tests for the floors kept.
const AnswerThreshold = 0.5

// minScore is the least Score Find reports: below it a row of marks is not plate-like at all.
const minScore = 0.05

// A term is one piece of evidence the score weighs: a value of about 0..1 from a candidate's
// features, and its weight in the log-odds that the candidate is the plate.
type term struct {
	name   string
	weight float64
	value  func(f features) float64
}

// terms are the evidence, each with the sign of what it argues. The weights are a logistic
// regression, each constrained to its sign and lightly regularised (L2 0.001), over the
// candidates found in the development photos: synthetic seed 101 (300 photos, a quarter hard)
// and the even-indexed half of openalpr-br (weighted 6×, so that the real photos count as much
// as the synthetic ones); rounded to two decimals. Only the best-overlapping candidate of each
// photo counted as the plate, other candidates on the plate were left out.
var terms = []term{
	{"only 4 characters: as often a word or a fragment as a plate", -2.05, func(f features) float64 { return boolean(f.n == 4) }},
	{"only 5 characters", -1.57, func(f features) float64 { return boolean(f.n == 5) }},
	{"9 characters, more than most serials", -0.70, func(f features) float64 { return boolean(f.n == maxRowChars) }},
	{"character heights differ", -1.47, func(f features) float64 { return clamp(f.heightCV, 0.3) }},
	{"characters off the row's axis", -1.87, func(f features) float64 { return clamp(f.resid, 0.3) }},
	{"more than one group gap: words, not a serial", -0.27, func(f features) float64 { return clamp(float64(f.groupGaps-1), 2) }},
	{"characters nearly solid: bars, lights, slots", -0.95, func(f features) float64 { return math.Max(0, f.fill-0.7) / 0.3 }},
	{"neighbouring shapes alike: a fence or a grille", -2.04, func(f features) float64 {
		return math.Max(0, uniformVariety-f.variety) / uniformVariety
	}},
	{"characters wider or narrower than plate type", -3.66, func(f features) float64 { return clamp(math.Abs(math.Log(f.aspect/plateCharAspect)), 1.5) }},
	{"ink stands out from the plate", 2.89, func(f features) float64 { return clamp(f.contrast, 150) }},
	{"plate plain around the characters", 1.73, func(f features) float64 { return f.plain }},
	{"plate edges found around the characters", 3.10, func(f features) float64 { return float64(f.edges) / 4 }},
	{"plate not shaped like a plate", -1.06, func(f features) float64 { return clamp(math.Abs(math.Log(f.plateAsp/plateAspect)), 1.5) }},
	{"characters not a plate's share of its height", -0.55, func(f features) float64 { return clamp(math.Abs(math.Log(f.charShare/plateCharShare)), 1.5) }},
	{"row tilted", -0.55, func(f features) float64 { return clamp(math.Abs(f.angle), 20) }},
	{"a taller row beside it: small print of a plate or frame", -3.84, func(f features) float64 { return boolean(f.bigger) }},
	{"rows like it stacked on it: a block of text", -0.99, func(f features) float64 { return clamp(float64(f.stacked), 2) }},
}

// bias is the log-odds of a candidate with every term at 0.
const bias = -2.73

// Typical proportions the terms measure against: a plate character's width over its height,
// a plate's width over its height (2 for North America, 3.1 for Brazil, 4.7 for the EU), and
// its characters' height over its own.
const (
	plateCharAspect = 0.55
	plateAspect     = 2.5
	plateCharShare  = 0.5
)

// uniformVariety is the variety below which a row's shapes are too alike for text: the bars of
// a fence or a grille. Letters and digits differ more from their neighbours (see variety).
const uniformVariety = 0.22

// vector is the value of each term for f, in the order of terms.
func (f features) vector() []float64 {
	v := make([]float64, len(terms))
	for i, t := range terms {
		v[i] = t.value(f)
	}
	return v
}

// logit is the log-odds that a candidate with features f is the plate.
func logit(f features) float64 {
	z := bias
	for _, t := range terms {
		z += t.weight * t.value(f)
	}
	return z
}

// score is the logistic function of the logit: 0..1.
func score(f features) float64 {
	return 1 / (1 + math.Exp(-logit(f)))
}

// clamp maps v in 0..limit onto 0..1, clamping beyond.
func clamp(v, limit float64) float64 { return math.Max(0, math.Min(v, limit)) / limit }

func boolean(v bool) float64 {
	if v {
		return 1
	}
	return 0
}
