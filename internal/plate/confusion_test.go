package plate

import (
	"math"
	"testing"
)

func TestByNeighbours(t *testing.T) {
	tests := []struct {
		in, want string
		subs     int
		why      string
	}{
		{"Z00MN65", "ZOOMN65", 2, "zeros between letters are O (Nevada's font draws them alike)"},
		{"2O45", "2045", 1, "an O between digits is 0"},
		{"I23", "123", 1, "an I next to digits at the start is 1"},
		{"B1G", "BIG", 1, "a 1 between letters is I"},
		{"1Q9", "109", 1, "a Q between digits is 0"},
		{"ABQD", "ABQD", 0, "a Q between letters stays Q"},
		{"7ABC123", "7ABC123", 0, "a 1 between a letter and a digit is left alone"},
		{"DROPOUT", "DROPOUT", 0, "O between letters is already a letter"},
		{"0I", "0I", 0, "nothing unambiguous around: left as read"},
		{"AB0", "ABO", 1, "a letter and the end: letter"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, subs, pen := byNeighbours(tt.in)
			if got != tt.want || subs != tt.subs {
				t.Errorf("byNeighbours(%q) = %q, %d subs; want %q, %d (%s)", tt.in, got, subs, tt.want, tt.subs, tt.why)
			}
			if want := float64(tt.subs) * CommonPenalty; math.Abs(pen-want) > 1e-9 {
				t.Errorf("penalty = %v, want %v", pen, want)
			}
		})
	}
}

func TestInterpretationsByFormatPosition(t *testing.T) {
	tests := []struct {
		in     string
		plate  string
		format string
		subs   int
		why    string
	}{
		{"7ABC123", "7ABC123", "us-ca-standard", 0, "fits as read"},
		{"7A8C123", "7ABC123", "us-ca-standard", 1, "California positions 2-4 are letters: 8→B"},
		{"7OBC1Z3", "7OBC123", "us-ca-standard", 1, "positions 5-7 are digits: Z→2; the O at position 2 stays a letter"},
		{"I23ABC", "123ABC", "123-abc", 1, "digit-first pattern: I→1"},
		{"127RF5", "127RFS", "123-abc", 1, "letter positions: 5→S"},
		{"BUG2I45", "BUG2145", "us-abc-1234", 1, "digit positions: I→1"},
		{"ABCO12", "ABC012", "abc-123", 1, "O in a digit position is 0"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			rs := interpretations(tt.in, nil)
			if len(rs) == 0 {
				t.Fatalf("interpretations(%q) = none; want %s %q", tt.in, tt.format, tt.plate)
			}
			r := rs[0]
			if r.plate != tt.plate || r.format != tt.format || r.subs != tt.subs {
				t.Errorf("interpretations(%q)[0] = %+v; want %q %s with %d subs (%s)", tt.in, r, tt.plate, tt.format, tt.subs, tt.why)
			}
		})
	}
}

func TestInterpretationsDoNotForceVanityPlates(t *testing.T) {
	for _, in := range []string{"DROPOUT", "SORRY", "THECAR", "TWAWSI", "JPTHRLS", "ROCKY58"} {
		rs := interpretations(in, nil)
		if len(rs) != 1 || rs[0].plate != in || rs[0].format != GenericFormat || rs[0].subs != 0 {
			t.Errorf("interpretations(%q) = %+v; want it unchanged as %s", in, rs, GenericFormat)
		}
	}
}

func TestInterpretationsLimitSubstitutions(t *testing.T) {
	// "SB5B5S" would need three swaps to fit either ABC123 or 123ABC: beyond
	// MaxFormatSubstitutions the format says more than the photo, so only the generic reading
	// (as read) remains.
	rs := interpretations("SB5B5S", nil)
	if len(rs) != 1 || rs[0].format != GenericFormat || rs[0].plate != "SB5B5S" {
		t.Errorf("interpretations(SB5B5S) = %+v; want only the generic reading", rs)
	}
	// A string that fits one format as read is not re-read into other formats.
	rs = interpretations("BUG2145", nil)
	if len(rs) != 1 || rs[0].plate != "BUG2145" {
		t.Errorf("interpretations(BUG2145) = %+v; want only BUG2145", rs)
	}
}
