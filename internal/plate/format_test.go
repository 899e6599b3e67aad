package plate

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"already normal", "7ABC123", "7ABC123"},
		{"space between the halves of a plate", "BUG 2145", "BUG2145"},
		{"dash between the halves of a plate", "127-RFS", "127RFS"},
		{"dots, commas and apostrophes", "A.B,C'1", "ABC1"},
		{"lower case is upper-cased", "jp thrls", "JPTHRLS"},
		{"OCR noise around the plate", "|ROCKY 58|", "ROCKY58"},
		{"typographic quotes, bullets, copyright", "‘SORRY’ • ©", "SORRY"},
		{"em and en dashes", "127—RFS–", "127RFS"},
		{"tabs and newlines", "ABC\t123\n", "ABC123"},
		{"accented letters lose their accent", "Québec", "QUEBEC"},
		{"Cyrillic look-alikes become Latin", "АВС 123", "ABC123"},
		{"slashed zero", "AØ1", "A01"},
		{"pure punctuation is nothing", "—|©•", ""},
		{"empty", "", ""},
		{"other scripts are dropped", "東京 12", "12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestValidFormat(t *testing.T) {
	tests := []struct {
		plate  string
		format string // "" means rejected
		why    string
	}{
		{"7ABC123", "us-ca-standard", "California: digit, 3 letters, 3 digits"},
		{"ABC1234", "us-abc-1234", "New York / Texas: 3 letters, 4 digits"},
		{"BUG2145", "us-abc-1234", "Michigan uses the same pattern"},
		{"ABCD123", "ca-on-standard", "Ontario: 4 letters, 3 digits"},
		{"ABC123", "abc-123", "3 letters, 3 digits"},
		{"127RFS", "123-abc", "Connecticut: 3 digits, 3 letters"},
		{"DROPOUT", GenericFormat, "vanity word"},
		{"ZOOMN65", GenericFormat, "vanity with digits"},
		{"JPTHRLS", GenericFormat, "vanity, 7 letters"},
		{"AB", GenericFormat, "2 characters is the minimum"},
		{"A1", GenericFormat, "2 characters with a letter"},
		{"123", GenericFormat, "all digits needs at least 3"},
		{"12345678", GenericFormat, "8 characters is the maximum"},
		{"ABCDEFGH", GenericFormat, "8 letters"},
		{"TEXAS", GenericFormat, "ValidFormat judges shape only: a reviewer may enter a vanity TEXAS"},
		{"X", "", "a single character"},
		{"12", "", "two digits"},
		{"ABCDEFGHI", "", "9 characters"},
		{"", "", "empty"},
		{"2024", "", "a year alone is a sticker"},
		{"1999", "", "a year alone is a sticker"},
		{"2145", GenericFormat, "4 digits that are not a 19xx/20xx year"},
		{"ABC-123", "", "not normalized"},
		{"abc123", "", "not normalized (lower case)"},
		{"ABC 123", "", "not normalized (space)"},
	}
	for _, tt := range tests {
		t.Run(tt.plate+"/"+tt.why, func(t *testing.T) {
			got, ok := ValidFormat(tt.plate)
			if ok != (tt.format != "") || got != tt.format {
				t.Errorf("ValidFormat(%q) = %q, %v; want %q (%s)", tt.plate, got, ok, tt.format, tt.why)
			}
		})
	}
}
