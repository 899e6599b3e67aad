package plate

import (
	"math"
	"strings"
	"testing"
)

// FuzzClean reads arbitrary recognizer text, as raw text alone (confidence unknown) and as words
// with a confidence and per-character confidences, and checks what Clean promises: at most
// MaxCandidates, each a distinct normalized plate of MinPlateLen to MaxPlateLen characters, with a
// confidence in 0..1 never above its words' best, and 0 when the words' confidence is unknown.
func FuzzClean(f *testing.F) {
	f.Add("CALIFORNIA\n7ABC123\ndmv.ca.gov", 0.93, []byte{200, 250, 90})
	f.Add("BUG 2145", 0.5, []byte(nil))
	f.Add("127-RFS\nCONNECTICUT\nConstitution State", 0.99, []byte{255})
	f.Add("O0O0O0 I1I1 ΑΒΓ 123 Ø", 0.7, []byte{1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add("RK\n1234\nSÃO PAULO", 0.88, []byte{128})
	f.Add("", 0.0, []byte(nil))
	f.Fuzz(func(t *testing.T, raw string, conf float64, symbols []byte) {
		if math.IsNaN(conf) || math.IsInf(conf, 0) {
			conf = 0
		}
		conf = math.Min(1, math.Abs(math.Mod(conf, 1.0000001)))
		check(t, Reading{RawText: raw}, 0)
		var words []Word
		for line, text := range strings.Split(raw, "\n") {
			for i, w := range strings.Fields(text) {
				var sym []float64
				for j := range len(w) {
					if j < len(symbols) {
						sym = append(sym, float64(symbols[j])/255)
					}
				}
				words = append(words, Word{Text: w, Confidence: conf, Line: line, Height: float64(10 + len(w)),
					Left: float64(i * 50), Right: float64(i*50 + 40), Top: float64(line * 20), Bottom: float64(line*20 + 15), Symbols: sym})
			}
		}
		check(t, Reading{RawText: raw, Words: words}, conf)
	})
}

func check(t *testing.T, r Reading, maxConf float64) {
	t.Helper()
	cands := Clean(r)
	PlateLines(r)
	if len(cands) > MaxCandidates {
		t.Fatalf("%d candidates", len(cands))
	}
	seen := map[string]bool{}
	for _, c := range cands {
		if seen[c.Plate] {
			t.Fatalf("plate %q twice: %+v", c.Plate, cands)
		}
		seen[c.Plate] = true
		if Normalize(c.Plate) != c.Plate || len(c.Plate) < MinPlateLen || len(c.Plate) > MaxPlateLen {
			t.Fatalf("candidate %+v is not a normalized plate", c)
		}
		if !(c.Confidence >= 0 && c.Confidence <= maxConf) {
			t.Fatalf("candidate %+v: confidence outside 0..%g", c, maxConf)
		}
		if c.Format == "" {
			t.Fatalf("candidate %+v has no format", c)
		}
	}
}
