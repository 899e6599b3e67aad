package cost

import "math"

// Tier is one step of a volume price: Price per Unit for usage up to UpTo units in the month
// (math.Inf(1) for the last step).
type Tier struct {
	UpTo  float64
	Price float64
}

// Tiered prices usage units against tiers: each tier's price applies to the units that fall in it.
func Tiered(units float64, tiers []Tier) float64 {
	total, from := 0.0, 0.0
	for _, t := range tiers {
		if units <= from {
			break
		}
		in := math.Min(units, t.UpTo) - from
		total += in * t.Price
		from = t.UpTo
	}
	return total
}

// inf marks the open last tier.
var inf = math.Inf(1)
