package plate

import "testing"

func TestIsRegionName(t *testing.T) {
	tests := []struct {
		tok  string
		want bool
		why  string
	}{
		{"CALIFORNIA", true, "exact"},
		{"TEXAS", true, "exact, short"},
		{"OHIO", true, "exact, 4 letters"},
		{"NEWYORK", true, "multi-word name with its space lost"},
		{"QUEBEC", true, "Québec after Normalize"},
		{"CALIFORNLA", true, "one OCR error"},
		{"CALIF0RNIA", true, "0 for O"},
		{"ALIFORN", true, "clipped, 70% of the name"},
		{"MICHIGA", true, "clipped"},
		{"MICHILG", true, "garbled end of MICHIGAN (seen from tesseract on a real photo)"},
		{"GEORGE", false, "a first name, two edits from GEORGIA"},
		{"DAKOTA", false, "only 55% of NORTHDAKOTA: a name people put on vanity plates"},
		{"CAROLINA", false, "only 62% of NORTHCAROLINA"},
		{"TEXA", false, "fuzzy rules need 6 characters"},
		{"SORRY", false, "vanity plate"},
		{"DROPOUT", false, "vanity plate"},
		{"ILERNLB", false, "OCR noise, not close to a name"},
	}
	for _, tt := range tests {
		t.Run(tt.tok, func(t *testing.T) {
			if got := isRegionName(tt.tok); got != tt.want {
				t.Errorf("isRegionName(%q) = %v, want %v (%s)", tt.tok, got, tt.want, tt.why)
			}
		})
	}
}

// The word lists are for frame text only. The vanity plates of our sample photos are ordinary
// words and must survive every list.
func TestWordListsSpareVanityPlates(t *testing.T) {
	for _, p := range []string{"SORRY", "DROPOUT", "THECAR", "TWAWSI", "JPTHRLS", "ROCKY58", "ZOOMN65", "BUG2145", "127RFS"} {
		if isBlocked(p) {
			t.Errorf("isBlocked(%q) = true; a vanity plate that happens to be a word must be kept", p)
		}
		if regionAbbreviations[p] {
			t.Errorf("%q is listed as a region abbreviation", p)
		}
	}
}

func TestFrameWords(t *testing.T) {
	for _, w := range []string{"DEALER", "MOTORS", "AUTO", "AUTOMALL", "TOYOTA", "T0Y0TA", "HONDA", "FORD", "CHEVROLET",
		"WWW", "COM", "SALES", "SERVICE", "DMV", "EXP", "REGISTERED", "COUNTY", "JAN", "SEPT", "DEC", "ZOOMZ0OM"} {
		if !isFrameWord(w) {
			t.Errorf("isFrameWord(%q) = false, want true", w)
		}
	}
}

func TestWithinOneEdit(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"NEVADA", "NEVADA", true},
		{"NEVADA", "NEVADAA", true},
		{"NEVAD", "NEVADA", true},
		{"NEVXDA", "NEVADA", true},
		{"NEVXDX", "NEVADA", false},
		{"NEVA", "NEVADA", false},
	}
	for _, tt := range tests {
		if got := withinOneEdit(tt.a, tt.b); got != tt.want {
			t.Errorf("withinOneEdit(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
