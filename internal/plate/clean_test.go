package plate

import (
	"math"
	"strings"
	"testing"
)

// TestClean reads like the specification of Clean on the raw text alone (no word boxes, so no
// confidence: every candidate's Confidence is 0 and can never be accepted automatically).
func TestClean(t *testing.T) {
	tests := []struct {
		name      string
		raw       string
		top       string // Plate of the first candidate
		format    string
		corrected bool
		source    string   // Source of the first candidate, when checked
		never     []string // plates that must not be offered at all
	}{
		{
			name: "California: state name and DMV web address are dropped",
			raw:  "CALIFORNIA\n7ABC123\nDMV.CA.GOV",
			top:  "7ABC123", format: "us-ca-standard",
			never: []string{"CALIFORNIA", "DMV", "DMVCAGOV", "CA", "GOV"},
		},
		{
			name: "New York vanity word plate survives, state and slogan do not",
			raw:  "NEW YORK\nEMPIRE STATE\nDROPOUT",
			top:  "DROPOUT", format: GenericFormat,
			never: []string{"NEWYORK", "NEW", "YORK", "EMPIRE", "STATE", "EMPIRESTATE"},
		},
		{
			name: "Texas vanity plate under a mixed-case state name and its slogan",
			raw:  "Texas\nTHE LONE STAR STATE\nTWAWSI",
			top:  "TWAWSI", format: GenericFormat,
			never: []string{"TEXAS", "THE", "LONE", "STAR", "LONESTAR", "THELONE"},
		},
		{
			name: "Nevada: zeros between letters read as O (the font draws O and 0 alike)",
			raw:  "Nevada\nZ00MN65\nHOME MEANS NEVADA",
			top:  "ZOOMN65", format: GenericFormat, corrected: true, source: "Z00MN65",
			never: []string{"NEVADA", "HOME", "MEANS", "HOMEMEANS"},
		},
		{
			name: "Alberta vanity plate between province and slogan",
			raw:  "ALBERTA\nSORRY\nWILD ROSE COUNTRY",
			top:  "SORRY", format: GenericFormat,
			never: []string{"ALBERTA", "WILD", "ROSE", "WILDROSE", "COUNTRY"},
		},
		{
			name: "Connecticut: dashed plate joins; mixed-case slogan dropped",
			raw:  "CONNECTICUT\n127-RFS\nConstitution State",
			top:  "127RFS", format: "123-abc", source: "127-RFS",
			never: []string{"STATE"},
		},
		{
			name: "Michigan: the two halves of a spaced plate join",
			raw:  "PURE MICHIGAN\nBUG 2145",
			top:  "BUG2145", format: "us-abc-1234", source: "BUG 2145",
			never: []string{"PURE", "MICHIGAN", "PUREMICH"},
		},
		{
			name: "California vanity in two words, state name in lower-case script",
			raw:  "JP THRLS\ncalifornia",
			top:  "JPTHRLS", format: GenericFormat, source: "JP THRLS",
		},
		{
			name: "word and number join",
			raw:  "ROCKY 58",
			top:  "ROCKY58", format: GenericFormat, source: "ROCKY 58",
		},
		{
			name: "Rhode Island: slogan above, state name below",
			raw:  "Ocean State\nTHECAR\nRhode Island",
			top:  "THECAR", format: GenericFormat,
			never: []string{"OCEAN", "RHODE", "ISLAND", "RHODEISLAND"},
		},
		{
			name: "vanity plate split by OCR into a slogan-like word and another",
			raw:  "Ocean State\nTHE CAR\nRhode Island",
			top:  "THECAR", format: GenericFormat, source: "THE CAR",
		},
		{
			name: "I read for 1 at the start of a digit-first Canadian pattern",
			raw:  "I23ABC",
			top:  "123ABC", format: "123-abc", corrected: true, source: "I23ABC",
		},
		{
			name: "dealer frame web address and make are dropped",
			raw:  "WWW.SMITHTOYOTA.COM\nABC 1234\nTOYOTA",
			top:  "ABC1234", format: "us-abc-1234",
			never: []string{"WWW", "SMITHTOY", "TOYOTA"},
		},
		{
			name: "dealer name left over on a frame line ranks below the plate",
			raw:  "SMITH TOYOTA\nSORRY\nwww.smithtoyota.com",
			top:  "SORRY", format: GenericFormat,
			never: []string{"TOYOTA", "SMITHTOYOTA"},
		},
		{
			name: "dealer frame split into words by OCR",
			raw:  "JOE'S AUTO SALES & SERVICE\n4KZP771\nDMV . CA . GOV",
			top:  "4KZP771", format: "us-ca-standard",
			never: []string{"AUTO", "SALES", "SERVICE"},
		},
		{
			name: "stray noise glyphs around the plate",
			raw:  "| © •\n— ROCKY 58 |\n'",
			top:  "ROCKY58", format: GenericFormat,
		},
		{
			name: "registration sticker month and year are dropped",
			raw:  "MAR\n2025\nCALIFORNIA\n8XYZ456\nEXP 03 25",
			top:  "8XYZ456", format: "us-ca-standard",
			never: []string{"MAR", "2025", "EXP"},
		},
		{
			name: "sticker on the plate's line does not join into a longer plate",
			raw:  "MAR 8XYZ456 25",
			top:  "8XYZ456", format: "us-ca-standard",
		},
		{
			name: "Minnesota slogan with a number in it",
			raw:  "EXPLORE MINNESOTA 10,000 LAKES\nABC 123",
			top:  "ABC123", format: "abc-123",
			never: []string{"10000", "LAKES", "EXPLORE"},
		},
		{
			name: "Quebec motto and accented name",
			raw:  "QUÉBEC\nABC 123\nJe me souviens",
			top:  "ABC123", format: "abc-123",
			never: []string{"QUEBEC", "JEME", "SOUVIENS", "JE", "ME"},
		},
		{
			name: "British Columbia slogan",
			raw:  "BEAUTIFUL BRITISH COLUMBIA\nAB1 23C",
			top:  "AB123C", format: GenericFormat,
		},
		{
			name: "Ontario slogan and 4+3 pattern",
			raw:  "ONTARIO\nCBRT 426\nYOURS TO DISCOVER",
			top:  "CBRT426", format: "ca-on-standard",
		},
		{
			name: "other slogans",
			raw:  "Sunshine State\nLAND OF LINCOLN\nLIVE FREE OR DIE\nFAMOUS POTATOES\nTHE SILVER STATE\nDON'T MESS WITH TEXAS\nTHE GOLDEN STATE\nGREAT LAKES\nQWERTY",
			top:  "QWERTY", format: GenericFormat,
		},
		{
			name: "slogan misread by OCR is still frame text",
			raw:  "LAND OF LINCO1N\nGOOSE",
			top:  "GOOSE", format: GenericFormat,
			never: []string{"LINCOIN", "LAND", "LANDOF"},
		},
		{
			name:  "state abbreviation alone on its line is frame text",
			raw:   "NY\nDROPOUT",
			top:   "DROPOUT",
			never: []string{"NY"},
		},
		{
			name: "two-line plate: letters above digits",
			raw:  "ABC\n1234",
			top:  "ABC1234", format: "us-abc-1234", source: "ABC\n1234",
		},
		{
			name: "stacked characters beside the main line",
			raw:  "NEW YORK\nGD\nV 1234\nEMPIRE STATE",
			top:  "GDV1234", format: "us-abc-1234",
		},
		{
			name: "a stray character above a complete plate does not join it",
			raw:  "7\nABC123",
			top:  "ABC123", format: "abc-123",
		},
		{
			name: "position in the format decides: O in a digit position of a California plate is 0",
			raw:  "CALIFORNIA\n6TRJ2O4",
			top:  "6TRJ204", format: "us-ca-standard", corrected: true,
		},
		{
			name: "lower-case letters are upper-cased",
			raw:  "bug 2145",
			top:  "BUG2145", format: "us-abc-1234",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(Reading{RawText: tt.raw})
			if len(got) == 0 {
				t.Fatalf("Clean(%q) = no candidate; want %s first", tt.raw, tt.top)
			}
			c := got[0]
			if c.Plate != tt.top {
				t.Fatalf("Clean(%q)[0] = %+v; want %s first\nall: %v", tt.raw, c, tt.top, plates(got))
			}
			if tt.format != "" && c.Format != tt.format {
				t.Errorf("format = %s, want %s", c.Format, tt.format)
			}
			if c.Corrected != tt.corrected {
				t.Errorf("Corrected = %v, want %v", c.Corrected, tt.corrected)
			}
			if tt.source != "" && c.Source != tt.source {
				t.Errorf("Source = %q, want %q", c.Source, tt.source)
			}
			if c.Confidence != 0 {
				t.Errorf("Confidence = %v; text without word confidences must stay 0", c.Confidence)
			}
			for _, n := range tt.never {
				for _, g := range got {
					if g.Plate == n {
						t.Errorf("offered %s (from %q); it is frame text", n, g.Source)
					}
				}
			}
			checkInvariants(t, got)
		})
	}
}

func TestCleanFindsNothing(t *testing.T) {
	for _, raw := range []string{
		"",
		"   \n\n ",
		"CALIFORNIA",
		"california",
		"DMV",
		"2024",
		"X",
		"|",
		"—",
		"©",
		"| — © • ‘ ’ ~",
		"WWW.SMITHTOYOTA.COM",
		"CALIFORNIA\nDMV.CA.GOV",
		"NEW YORK\nEMPIRE STATE",
		"Texas\nTHE LONE STAR STATE",
		"ALBERTA\nWILD ROSE COUNTRY",
		"PURE MICHIGAN",
		"MAR\n2025",
		"TX",
		"12",
		"III\nlll",
		"TOYOTA\nSALES & SERVICE",
	} {
		if got := Clean(Reading{RawText: raw}); len(got) != 0 {
			t.Errorf("Clean(%q) = %v; want no candidate", raw, got)
		}
	}
}

// With word confidences, a candidate's confidence is the lowest of its words', minus 0.05 for
// each common correction (O/0, I/1) and 0.10 for each rare one (S/5, B/8, Z/2, L/1).
func TestCleanConfidence(t *testing.T) {
	tests := []struct {
		name  string
		words []Word
		plate string
		conf  float64
	}{
		{
			name:  "joined words take the minimum, not the mean",
			words: []Word{{Text: "BUG", Confidence: 0.98}, {Text: "2145", Confidence: 0.81}},
			plate: "BUG2145", conf: 0.81,
		},
		{
			name:  "single word keeps its confidence",
			words: []Word{{Text: "SORRY", Confidence: 0.93}},
			plate: "SORRY", conf: 0.93,
		},
		{
			name:  "two O/0 corrections cost 0.05 each",
			words: []Word{{Text: "Z00MN65", Confidence: 0.90}},
			plate: "ZOOMN65", conf: 0.80,
		},
		{
			name:  "I/1 correction in a format position costs 0.05",
			words: []Word{{Text: "I23ABC", Confidence: 0.90}},
			plate: "123ABC", conf: 0.85,
		},
		{
			name:  "a rare correction (B/8) costs 0.10",
			words: []Word{{Text: "7A8C123", Confidence: 0.95}},
			plate: "7ABC123", conf: 0.85,
		},
		{
			name:  "one word of unknown confidence makes the plate unknown",
			words: []Word{{Text: "BUG", Confidence: 0.99}, {Text: "2145", Confidence: 0}},
			plate: "BUG2145", conf: 0,
		},
		{
			name:  "unknown confidence stays 0 after corrections",
			words: []Word{{Text: "Z00MN65"}},
			plate: "ZOOMN65", conf: 0,
		},
		{
			name:  "corrections never push confidence below 0",
			words: []Word{{Text: "Z00MN65", Confidence: 0.04}},
			plate: "ZOOMN65", conf: 0,
		},
		{
			name:  "out-of-range confidence is clamped",
			words: []Word{{Text: "SORRY", Confidence: 1.7}},
			plate: "SORRY", conf: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(Reading{Words: tt.words})
			if len(got) == 0 || got[0].Plate != tt.plate {
				t.Fatalf("Clean = %v; want %s first", plates(got), tt.plate)
			}
			if math.Abs(got[0].Confidence-tt.conf) > 1e-9 {
				t.Errorf("Confidence = %v, want %v", got[0].Confidence, tt.conf)
			}
		})
	}
}

func TestCleanPrefersTallestText(t *testing.T) {
	tests := []struct {
		name  string
		words []Word
		top   string
	}{
		{
			name: "small dealer name above a tall vanity plate",
			words: []Word{
				{Text: "PAULSEN", Confidence: 0.97, Line: 0, Height: 12},
				{Text: "SORRY", Confidence: 0.90, Line: 1, Height: 60},
			},
			top: "SORRY",
		},
		{
			name: "small dealer text that fits a format never outranks the tall plate",
			words: []Word{
				{Text: "SORRY", Confidence: 0.95, Line: 0, Height: 60},
				{Text: "DIAL", Confidence: 0.99, Line: 1, Height: 14},
				{Text: "555", Confidence: 0.99, Line: 1, Height: 14, Left: 50},
			},
			top: "SORRY",
		},
		{
			name: "a small word on the plate's line does not join it",
			words: []Word{
				{Text: "y", Confidence: 0.9, Line: 0, Height: 20, Left: 260},
				{Text: "DROPOUT", Confidence: 0.9, Line: 0, Height: 40, Left: 267},
			},
			top: "DROPOUT",
		},
		{
			name: "stacked small letters join the tall main line",
			words: []Word{
				{Text: "A", Confidence: 0.9, Line: 0, Height: 20},
				{Text: "B", Confidence: 0.9, Line: 0, Height: 20, Left: 1},
				{Text: "C1234", Confidence: 0.9, Line: 1, Height: 60},
			},
			top: "ABC1234",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(Reading{Words: tt.words})
			if len(got) == 0 || got[0].Plate != tt.top {
				t.Fatalf("Clean = %v; want %s first", plates(got), tt.top)
			}
			checkInvariants(t, got)
		})
	}
}

func TestCleanWords(t *testing.T) {
	t.Run("words are ordered by line, then left edge", func(t *testing.T) {
		got := Clean(Reading{Words: []Word{
			{Text: "2145", Confidence: 0.9, Line: 1, Left: 300},
			{Text: "MICHIGAN", Confidence: 0.9, Line: 0, Left: 10},
			{Text: "BUG", Confidence: 0.9, Line: 1, Left: 100},
		}})
		if len(got) == 0 || got[0].Plate != "BUG2145" || got[0].Source != "BUG 2145" {
			t.Fatalf("Clean = %+v; want BUG2145 from \"BUG 2145\"", got)
		}
	})
	t.Run("a dash returned as its own word joins the halves", func(t *testing.T) {
		got := Clean(Reading{Words: []Word{
			{Text: "127", Confidence: 0.9, Line: 0}, {Text: "-", Confidence: 0.9, Line: 0}, {Text: "RFS", Confidence: 0.9, Line: 0},
		}})
		if len(got) == 0 || got[0].Plate != "127RFS" || got[0].Source != "127 - RFS" {
			t.Fatalf("Clean = %+v; want 127RFS", got)
		}
	})
	t.Run("a web address split into words is still a web address", func(t *testing.T) {
		got := Clean(Reading{Words: []Word{
			{Text: "7ABC123", Confidence: 0.9, Line: 0},
			{Text: "DMV", Confidence: 0.9, Line: 1}, {Text: ".", Line: 1}, {Text: "CA", Line: 1}, {Text: ".", Line: 1}, {Text: "GOV", Line: 1},
		}})
		if p := plates(got); len(p) != 1 || p[0] != "7ABC123" {
			t.Fatalf("Clean = %v; want only 7ABC123", p)
		}
	})
	t.Run("a word holding spaces is split", func(t *testing.T) {
		got := Clean(Reading{Words: []Word{{Text: "PURE MICHIGAN", Line: 0}, {Text: "BUG 2145", Line: 1}}})
		if len(got) == 0 || got[0].Plate != "BUG2145" {
			t.Fatalf("Clean = %v; want BUG2145", plates(got))
		}
	})
	t.Run("words take precedence over the raw text", func(t *testing.T) {
		got := Clean(Reading{RawText: "SOMETHING ELSE", Words: []Word{{Text: "SORRY", Confidence: 0.9}}})
		if p := plates(got); len(p) != 1 || p[0] != "SORRY" {
			t.Fatalf("Clean = %v; want only SORRY", p)
		}
	})
}

func TestCleanRanksAndDedupes(t *testing.T) {
	// The same plate read twice keeps only its better instance.
	got := Clean(Reading{Words: []Word{
		{Text: "SORRY", Confidence: 0.6, Line: 0},
		{Text: "SORRY", Confidence: 0.9, Line: 2},
	}})
	if len(got) != 1 || got[0].Confidence != 0.9 {
		t.Fatalf("Clean = %+v; want one SORRY at 0.9", got)
	}
	// A specific format ranks above a longer generic read.
	got = Clean(Reading{RawText: "GOODLUCK\nABC123"})
	if p := plates(got); len(p) < 2 || p[0] != "ABC123" || p[1] != "GOODLUCK" {
		t.Fatalf("Clean = %v; want ABC123 then GOODLUCK", p)
	}
	// A noisy reading never returns more than MaxCandidates.
	noisy := strings.Repeat("AB CD EF GH\n", 20)
	if got := Clean(Reading{RawText: noisy}); len(got) > MaxCandidates {
		t.Fatalf("Clean returned %d candidates, more than %d", len(got), MaxCandidates)
	}
}

// checkInvariants holds for every result of Clean.
func checkInvariants(t *testing.T, got []Candidate) {
	t.Helper()
	seen := map[string]bool{}
	for _, c := range got {
		if seen[c.Plate] {
			t.Errorf("plate %s offered twice", c.Plate)
		}
		seen[c.Plate] = true
		if Normalize(c.Plate) != c.Plate {
			t.Errorf("plate %q is not normalized", c.Plate)
		}
		if f, ok := ValidFormat(c.Plate); !ok || f != c.Format {
			t.Errorf("plate %q has format %s but ValidFormat says %s, %v", c.Plate, c.Format, f, ok)
		}
		if c.Confidence < 0 || c.Confidence > 1 {
			t.Errorf("plate %q has confidence %v outside 0..1", c.Plate, c.Confidence)
		}
	}
	if len(got) > MaxCandidates {
		t.Errorf("%d candidates, more than %d", len(got), MaxCandidates)
	}
}

func plates(cs []Candidate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Plate)
	}
	return out
}

// The region printed on the plate picks the format when OCR confusions make two fit: an S read at
// a California plate's first position is a 5.
func TestCleanPrefersTheFormatOfTheRegionOnThePlate(t *testing.T) {
	ca := Clean(Reading{Words: []Word{
		{Text: "California", Confidence: 0.9, Line: 0, Height: 20},
		{Text: "SMDV382", Confidence: 0.95, Line: 1, Height: 60},
	}})
	if len(ca) == 0 || ca[0].Plate != "5MDV382" || !ca[0].Corrected || ca[0].Format != "us-ca-standard" {
		t.Fatalf("under California: got %+v, want 5MDV382 corrected to us-ca-standard", ca)
	}
	on := Clean(Reading{Words: []Word{
		{Text: "ONTARIO", Confidence: 0.9, Line: 0, Height: 20},
		{Text: "SMDV382", Confidence: 0.95, Line: 1, Height: 60},
	}})
	if len(on) == 0 || on[0].Plate != "SMDV382" || on[0].Corrected {
		t.Fatalf("under Ontario: got %+v, want SMDV382 as read", on)
	}
}

// A confident part of a plate beside a doubtful rest is only as certain as the whole.
func TestCleanCapsAPartOfALongerReadAtTheWholesConfidence(t *testing.T) {
	got := Clean(Reading{Words: []Word{
		{Text: "ROCKY", Confidence: 0.97, Line: 0, Height: 80, Left: 10},
		{Text: "58", Confidence: 0.40, Line: 0, Height: 80, Left: 200},
	}})
	for _, c := range got {
		if c.Confidence > 0.40 {
			t.Fatalf("%s at %.2f: a part of ROCKY58 must not be more certain than its doubtful rest", c.Plate, c.Confidence)
		}
	}
	if got[0].Plate != "ROCKY58" {
		t.Fatalf("top candidate %s, want ROCKY58", got[0].Plate)
	}
}

// Lower-case noise in a tall box does not outrank the plate: "at a" above "CALIFORNIA 3RXC724".
func TestCleanTallNoiseDoesNotOutrankThePlate(t *testing.T) {
	got := Clean(Reading{Words: []Word{
		{Text: "at", Confidence: 0.30, Line: 0, Height: 140, Left: 10},
		{Text: "a", Confidence: 0.20, Line: 0, Height: 140, Left: 90},
		{Text: "CALIFORNIA", Confidence: 0.95, Line: 1, Height: 20, Left: 300},
		{Text: "3RXC724", Confidence: 0.91, Line: 2, Height: 60, Left: 280},
	}})
	if len(got) == 0 || got[0].Plate != "3RXC724" {
		t.Fatalf("top candidate %+v, want 3RXC724", got)
	}
}
