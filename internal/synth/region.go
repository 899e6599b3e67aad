package synth

import (
	"image/color"
	"math/rand/v2"
)

// region is how one jurisdiction's plates look: colours, the name printed at the top, the slogans
// printed at the bottom and the serial format. The looks are simplified but recognisable, so an
// OCR pipeline meets the same clutter (state names, slogans) it has to clean out of real photos.
type region struct {
	code    string
	weight  int      // relative share of photos from this region
	headers []string // the region's name as printed at the top; one is chosen per plate
	slogans []string // the bottom line when no dealer frame covers it
	// The background is a vertical gradient from top to bottom colour.
	top, bottom color.RGBA
	// text is the serial's colour. Serials are dark in every channel, blues included: tesseract
	// thresholds each colour channel on its own, and a bright-blue serial vanishes in the blue
	// channel of a photo whose threshold falls below it.
	text   color.RGBA
	header color.RGBA
	footer color.RGBA
	border color.RGBA
	// serial draws a standard-issue serial: plate is the truth, shown adds the printed separators.
	serial func(r *rand.Rand) (plate, shown string)
}

var regions = []region{
	{
		code: "us-ca", weight: 25,
		headers: []string{"California", "CALIFORNIA"},
		slogans: []string{"dmv.ca.gov", "DMV.CA.GOV"},
		top:     rgb(250, 250, 247), bottom: rgb(236, 238, 240),
		text: rgb(16, 24, 78), header: rgb(196, 28, 40), footer: rgb(22, 32, 112), border: rgb(70, 76, 110),
		serial: serialCA,
	},
	{
		code: "us-ny", weight: 20,
		headers: []string{"NEW YORK", "New York"},
		slogans: []string{"EMPIRE STATE", "EXCELSIOR"},
		top:     rgb(250, 226, 140), bottom: rgb(244, 210, 118),
		text: rgb(14, 26, 70), header: rgb(18, 34, 92), footer: rgb(18, 34, 92), border: rgb(18, 34, 92),
		serial: serialLettersDigits,
	},
	{
		code: "us-tx", weight: 15,
		headers: []string{"TEXAS", "Texas"},
		slogans: []string{"THE LONE STAR STATE", "LONE STAR STATE"},
		top:     rgb(246, 246, 244), bottom: rgb(222, 224, 226),
		text: rgb(20, 20, 24), header: rgb(30, 30, 34), footer: rgb(30, 30, 34), border: rgb(60, 60, 66),
		serial: serialLettersDigits,
	},
	{
		code: "us-ct", weight: 10,
		headers: []string{"Connecticut", "CONNECTICUT"},
		slogans: []string{"CONSTITUTION STATE", "Constitution State"},
		top:     rgb(196, 220, 242), bottom: rgb(248, 250, 252),
		text: rgb(12, 30, 76), header: rgb(16, 40, 104), footer: rgb(16, 40, 104), border: rgb(16, 40, 104),
		serial: serialCT,
	},
	{
		code: "us-mi", weight: 10,
		headers: []string{"Michigan", "PURE MICHIGAN", "MICHIGAN"},
		slogans: []string{"GREAT LAKES STATE", "Pure Michigan"},
		top:     rgb(248, 248, 248), bottom: rgb(230, 232, 236),
		text: rgb(14, 24, 60), header: rgb(14, 24, 60), footer: rgb(14, 24, 60), border: rgb(40, 44, 60),
		serial: serialMI,
	},
	{
		code: "ca-on", weight: 20,
		headers: []string{"ONTARIO", "Ontario"},
		slogans: []string{"YOURS TO DISCOVER", "Yours to discover"},
		top:     rgb(252, 252, 252), bottom: rgb(232, 236, 244),
		text: rgb(18, 36, 84), header: rgb(26, 52, 144), footer: rgb(26, 52, 144), border: rgb(26, 52, 144),
		serial: serialON,
	},
}

// dealerFrames are the plate frames dealers screw on; they hide the slogan and add their own text.
var dealerFrames = []string{
	"SMITH TOYOTA", "METRO HONDA", "BAYSIDE FORD", "LAKEVIEW CHEVROLET",
	"NORTHGATE NISSAN", "RIVERSIDE SUBARU", "KINGSWAY MAZDA", "HILLTOP HYUNDAI",
}

// pickRegion chooses a region by weight.
func pickRegion(r *rand.Rand) *region {
	total := 0
	for i := range regions {
		total += regions[i].weight
	}
	n := r.IntN(total)
	for i := range regions {
		if n < regions[i].weight {
			return &regions[i]
		}
		n -= regions[i].weight
	}
	return &regions[len(regions)-1]
}

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{r, g, b, 255} }
