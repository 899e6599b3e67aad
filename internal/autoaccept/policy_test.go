package autoaccept

import (
	"strings"
	"testing"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/plate"
)

// photo builds a 1000×600 reading. Each line is "TEXT@top,height,confidence", words spread
// left to right from x=300; plateAt, when set, is the plate's box in pixels (left, top, w, h).
type line struct {
	text   string
	top    float64
	height float64
	conf   float64
}

func photo(plateAt *plate.Box, lines ...line) plate.Reading {
	r := plate.Reading{Width: 1000, Height: 600}
	for i, l := range lines {
		x := 300.0
		for _, w := range strings.Fields(l.text) {
			width := float64(len(w)) * l.height * 0.6
			r.Words = append(r.Words, plate.Word{Text: w, Confidence: l.conf, Line: i, Left: x, Top: l.top, Right: x + width, Bottom: l.top + l.height, Height: l.height})
			x += width + l.height*0.6
		}
		r.RawText += l.text + "\n"
	}
	if plateAt != nil {
		r.Plates = []plate.PlateObject{{Box: plate.Box{Left: plateAt.Left / 1000, Top: plateAt.Top / 600, Width: plateAt.Width / 1000, Height: plateAt.Height / 600}, Score: 0.8}}
	}
	return r
}

// onPlate is a plate box around x 280..800, y 280..420: the lines at top 300..380 are on it.
var onPlate = &plate.Box{Left: 280, Top: 280, Width: 520, Height: 140}

var (
	california = Policy{Jurisdictions: []string{"us-ca"}, MinConfidence: 0.8}
	westCoast  = Policy{Jurisdictions: []string{"us-ca", "us-ny"}, MinConfidence: 0.8}
	brazil     = Policy{Jurisdictions: []string{"br"}, MinConfidence: 0.8}
)

func TestJudgeAcceptsAWholeStandardPlateOnThePlate(t *testing.T) {
	r := photo(onPlate,
		line{"CALIFORNIA", 290, 20, 0.95},
		line{"7ABC123", 320, 60, 0.96},
		line{"TOYOTA OF SANTA MONICA", 500, 20, 0.97}, // dealer frame below the plate box
	)
	v := california.Judge(Read{Reading: r})
	if !v.Acceptable() || v.Plate != "7ABC123" || v.Jurisdiction != "us-ca" || v.Confidence != 0.96 {
		t.Fatalf("verdict %+v, want 7ABC123 accepted for us-ca at 0.96", v)
	}
}

func TestJudgeAcceptsConfusablesTheFormatDecidesAsRead(t *testing.T) {
	// California's 1ABC234: the B stands where only a letter may, the 8 where only a digit may: each
	// confusable character is decided by the format exactly as read.
	r := photo(onPlate, line{"7ABC128", 320, 60, 0.95})
	if v := california.Judge(Read{Reading: r}); !v.Acceptable() || v.Plate != "7ABC128" {
		t.Fatalf("verdict %+v, want 7ABC128 accepted as read", v)
	}
}

func TestJudgeNeverSwapsACharacterToFitAFormat(t *testing.T) {
	// Measured with paddle on synthetic California vanity plates: both were read right, and the
	// swaps that make them standard serials made them wrong plates. A swap sends a read to a person.
	for read, swapped := range map[string]string{"BTPEBLG": "8TPE816", "7ABC1Z3": "7ABC123"} {
		r := photo(onPlate, line{"CALIFORNIA", 290, 20, 0.95}, line{read, 320, 60, 0.99})
		v := california.Judge(Read{Reading: r})
		if v.Acceptable() || v.Code != capture.ReasonConfusableCharacter || !strings.Contains(v.Reason, "only as "+swapped) ||
			!strings.Contains(v.Reason, "vanity plate may read exactly "+read) {
			t.Errorf("%s: verdict %+v, want confusable-character naming %s and the vanity plate", read, v, swapped)
		}
	}
}

// Each refusal: the code, and the words of the sentence that say why.
func TestJudgeRefusals(t *testing.T) {
	tests := []struct {
		name   string
		policy Policy
		read   Read
		code   capture.ReasonCode
		says   []string
	}{
		{"nothing read", california, Read{Reading: plate.Reading{Width: 1000, Height: 600}}, capture.ReasonNoText, []string{"no text"}},
		{"no plate box: the make is the tallest text, but nothing shows it is a plate", california,
			Read{Reading: photo(nil, line{"CITROEN", 100, 70, 0.99}, line{"7ABC123", 320, 50, 0.95})},
			capture.ReasonNoPlateFound, []string{"no licence plate", "CITROEN"}},
		{"text only off the plate: a make above the box", california,
			Read{Reading: photo(onPlate, line{"CITROEN", 100, 70, 0.99})},
			capture.ReasonNoTextOnPlate, []string{"none of it on the licence plate"}},
		{"a make read on the plate region fits no format", california,
			Read{Reading: photo(onPlate, line{"CITROEN", 320, 60, 0.99})},
			capture.ReasonNotStandardFormat, []string{"CITROEN", "vanity or personalized"}},
		{"a name from a vanity frame", california,
			Read{Reading: photo(onPlate, line{"NEIL", 320, 60, 0.99})},
			capture.ReasonNotStandardFormat, []string{"NEIL"}},
		{"a date", california,
			Read{Reading: photo(onPlate, line{"20140617", 320, 60, 0.99})},
			capture.ReasonNotStandardFormat, []string{"20140617"}},
		{"a two-letter piece beside the rest of the plate on a second line of the same size", california,
			Read{Reading: photo(onPlate, line{"RK", 300, 50, 0.99}, line{"1234", 355, 45, 0.7})},
			capture.ReasonFragment, []string{"RK", "1234", "part of the registration"}},
		{"a Brazilian plate at a Californian booth", california,
			Read{Reading: photo(onPlate, line{"AYK9734", 320, 60, 0.99})},
			capture.ReasonOutOfJurisdiction, []string{"br", "us-ca"}},
		{"the plate names a state the booth does not serve", california,
			Read{Reading: photo(onPlate, line{"TEXAS", 290, 20, 0.9}, line{"ABC1234", 320, 60, 0.99})},
			capture.ReasonOutOfJurisdiction, []string{"us-tx"}},
		{"the plate names California but reads a New York serial", westCoast,
			Read{Reading: photo(onPlate, line{"CALIFORNIA", 290, 20, 0.9}, line{"ABC1234", 320, 60, 0.99})},
			capture.ReasonJurisdictionMismatch, []string{"us-ca", "ABC1234"}},
		{"O could be D or Q in a Brazilian letter position", brazil,
			Read{Reading: photo(onPlate, line{"AYO9734", 320, 60, 0.99})},
			capture.ReasonConfusableCharacter, []string{"character 3 may be", "O", "D", "Q"}},
		{"8 or B where Brazil's old and Mercosur formats disagree", brazil,
			Read{Reading: photo(onPlate, line{"AYK9834", 320, 60, 0.99})},
			capture.ReasonConfusableCharacter, []string{"character 5 may be 8 or B"}},
		{"a confident-looking but low-confidence read", california,
			Read{Reading: photo(onPlate, line{"7ABC123", 320, 60, 0.62})},
			capture.ReasonLowConfidence, []string{"0.62", "0.80"}},
		{"a booth without jurisdictions", Policy{MinConfidence: 0.8},
			Read{Reading: photo(onPlate, line{"7ABC123", 320, 60, 0.99})},
			capture.ReasonNoJurisdictions, []string{"TOLLBOOTH_BOOTH_JURISDICTIONS"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := tc.policy.Judge(tc.read)
			if v.Code != tc.code {
				t.Fatalf("code %q (%s), want %q", v.Code, v.Reason, tc.code)
			}
			for _, s := range tc.says {
				if !strings.Contains(v.Reason, s) {
					t.Errorf("reason %q does not say %q", v.Reason, s)
				}
			}
		})
	}
}

func TestJudgeRefusesOneDoubtfulCharacter(t *testing.T) {
	r := photo(onPlate, line{"7ABC123", 320, 60, 0.97})
	for i := range r.Words {
		r.Words[i].Symbols = []float64{0.99, 0.99, 0.99, 0.99, 0.41, 0.99, 0.99}
	}
	v := california.Judge(Read{Reading: r})
	if v.Code != capture.ReasonLowConfidence || !strings.Contains(v.Reason, "character 5") {
		t.Fatalf("verdict %+v, want low-confidence on character 5", v)
	}
}

func TestJudgeCropCountsAllItsText(t *testing.T) {
	// A crop has no plate box: the whole image is the plate.
	r := photo(nil, line{"7ABC123", 40, 80, 0.95})
	if v := california.Judge(Read{Reading: r, Crop: true}); !v.Acceptable() || v.Plate != "7ABC123" {
		t.Fatalf("verdict %+v, want 7ABC123 accepted", v)
	}
}

func TestAgree(t *testing.T) {
	ok := func(p string, c float64) Verdict { return Verdict{Plate: p, Confidence: c, Jurisdiction: "us-ca"} }
	if v := Agree(ok("7ABC123", 0.95), ok("7ABC123", 0.9), "the crop"); !v.Acceptable() || v.Confidence != 0.9 {
		t.Errorf("two agreeing reads: %+v, want accepted at the lower confidence", v)
	}
	v := Agree(ok("7ABC123", 0.95), ok("7ABC128", 0.97), "the plate's enlarged crop")
	if v.Code != capture.ReasonReadsDisagree || !strings.Contains(v.Reason, "7ABC128") || !strings.Contains(v.Reason, "enlarged crop") {
		t.Errorf("disagreeing reads: %+v", v)
	}
	refused := Verdict{Code: capture.ReasonLowConfidence, Plate: "7ABC123", Reason: "read at 0.5"}
	if v := Agree(ok("7ABC123", 0.95), refused, "the crop"); v.Code != capture.ReasonLowConfidence || !strings.HasPrefix(v.Reason, "the crop: ") {
		t.Errorf("second read refused: %+v", v)
	}
	if v := Agree(refused, ok("7ABC123", 0.95), "the crop"); v.Code != capture.ReasonLowConfidence {
		t.Errorf("first read refused: %+v", v)
	}
}
