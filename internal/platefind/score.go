package platefind

import "math"

// vector turns a candidate's features into the terms its score weighs, each about 0..1 and
// oriented so that its sign in the weights is the direction it argues.
func (f features) vector() []float64 {
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	return []float64{
		b(f.n == 4),
		b(f.n == 5),
		b(f.n == 9),
		math.Min(f.heightCV, 0.3) / 0.3,
		math.Min(f.resid, 0.3) / 0.3,
		math.Min(float64(max(f.groupGaps-1, 0)), 2) / 2,
		math.Min(f.gapCV, 0.5) / 0.5,
		math.Max(0, f.fill-0.7) / 0.3,
		math.Min(f.variety, 0.6) / 0.6,
		math.Min(math.Abs(math.Log(f.aspect/0.55)), 1.5) / 1.5,
		math.Min(f.contrast, 150) / 150,
		f.plain,
		float64(f.edges) / 4,
		math.Min(math.Abs(math.Log(f.plateAsp/2.5)), 1.5) / 1.5,
		math.Min(math.Abs(math.Log(f.charShare/0.5)), 1.5) / 1.5,
		math.Min(math.Abs(f.angle), 20) / 20,
		b(f.bigger),
		math.Min(float64(f.stacked), 2) / 2,
		math.Max(-1, math.Min(f.bright/100, 1)),
	}
}

// weights and bias of the score's logistic function, over the terms of vector.
var (
	weights = []float64{-1.94, -1.02, -1.29, -1.30, -1.83, -0.29, -0.71, -1.14, 0.00, -3.65, 2.90, 1.43, 2.92, -2.25, -1.83, 0.00, -4.05, -2.39, 0.00}
	bias    = -1.44
)

// score is the logistic function of the weighted terms: 0..1.
func score(f features) float64 {
	z := bias
	for i, x := range f.vector() {
		z += weights[i] * x
	}
	return 1 / (1 + math.Exp(-z))
}
