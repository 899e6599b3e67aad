package plate

import (
	"strings"
	"unicode"
)

// Plate lengths accepted by the generic rule. No US state or Canadian province issues plates
// longer than 8 characters (most stop at 7; a few vanity programmes allow 8), and one-character
// reads are almost always a stray glyph, not a plate.
const (
	MinPlateLen = 2
	MaxPlateLen = 8
)

// GenericFormat is the Format of a candidate that only satisfies the generic rule.
const GenericFormat = "generic-alnum"

// A format is a specific, common registration pattern. Each position is a letter (L) or a
// digit (D). Knowing which positions must be digits is what lets confusion.go turn an O into a
// 0 at the right place, so only patterns that are widespread are listed; everything else falls
// under the generic rule.
type format struct {
	name    string
	pattern string // one of 'L' (A-Z) or 'D' (0-9) per position
}

// specificFormats, in order of preference when a read fits more than one equally well.
var specificFormats = []format{
	// California since 1980: digit, three letters, three digits ("7ABC123").
	{"us-ca-standard", "DLLLDDD"},
	// Three letters and four digits: New York, Texas, Pennsylvania, Michigan, Georgia, Ohio, North
	// Carolina, Virginia, Arizona, Alberta ("ABC-1234", "BUG 2145").
	{"us-abc-1234", "LLLDDDD"},
	// Four letters and three digits: Ontario and Quebec passenger plates ("ABCD 123").
	{"ca-on-standard", "LLLLDDD"},
	// Three letters, three digits: many older US series and most Canadian provinces ("ABC 123").
	{"abc-123", "LLLDDD"},
	// Three digits, three letters: Connecticut, older Canadian and US series ("127-RFS").
	{"123-abc", "DDDLLL"},
}

// Normalize upper-cases s and keeps only A-Z and 0-9: spaces, dashes, dots and any other
// separator or OCR noise ("|", "'", "©", "•") are removed. Accented Latin letters lose their
// accent (É→E), Cyrillic and Greek capitals that look like Latin ones become those (OCR engines
// with several scripts enabled return them for plate text), and a slashed zero Ø becomes 0.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < 0x80 {
			switch {
			case r >= 'a' && r <= 'z':
				b.WriteRune(r - 'a' + 'A')
			case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
				b.WriteRune(r)
			}
			continue
		}
		if m, ok := foldRune[unicode.ToUpper(r)]; ok {
			b.WriteRune(m)
		}
	}
	return b.String()
}

// foldRune maps non-ASCII characters that stand for a plate character onto it.
var foldRune = func() map[rune]rune {
	m := map[rune]rune{'Ø': '0'}
	for to, from := range map[rune]string{
		'A': "ÀÁÂÃÄÅĀĂĄАΑ",
		'B': "ВΒ",
		'C': "ÇĆČС",
		'D': "Ď",
		'E': "ÈÉÊËĒĖĘĚЕΕ",
		'H': "НΗ",
		'I': "ÌÍÎÏĪĮİІΙ",
		'K': "КΚ",
		'M': "МΜ",
		'N': "ÑŃŇΝ",
		'O': "ÒÓÔÕÖŌŐОΟ",
		'P': "РΡ",
		'R': "ŔŘ",
		'S': "ŚŠŞ",
		'T': "ŤТΤ",
		'U': "ÙÚÛÜŪŮŰ",
		'X': "ХΧ",
		'Y': "ÝŸУΥ",
		'Z': "ŹŻŽΖ",
	} {
		for _, r := range from {
			m[r] = to
		}
	}
	return m
}()

// ValidFormat reports which format a normalized plate matches: the name of the first specific
// format that fits it exactly, else GenericFormat, else ok=false.
//
// The generic North American rule, exactly:
//  1. only A-Z and 0-9 (the input must already be normalized; anything else is rejected);
//  2. 2 to 8 characters (MinPlateLen..MaxPlateLen);
//  3. at least one letter, or at least 3 digits when it is all digits ("12" is not a plate,
//     "123" may be);
//  4. not a year alone: 4 digits 19xx or 20xx is a registration sticker, not a plate.
//
// ValidFormat judges shape only. It does not reject words such as "TEXAS" or "TOYOTA": a
// reviewer who sees such a vanity plate must be able to enter it. Clean applies the frame-text
// word lists separately before it offers a candidate.
func ValidFormat(plate string) (string, bool) {
	if len(plate) < MinPlateLen || len(plate) > MaxPlateLen {
		return "", false
	}
	letters := 0
	for i := 0; i < len(plate); i++ {
		c := plate[i]
		switch {
		case c >= 'A' && c <= 'Z':
			letters++
		case c >= '0' && c <= '9':
		default:
			return "", false
		}
	}
	if letters == 0 && (len(plate) < 3 || isYear(plate)) {
		return "", false
	}
	if f, ok := matchSpecific(plate); ok {
		return f, true
	}
	return GenericFormat, true
}

// matchSpecific returns the first specific format the plate fits without any correction.
func matchSpecific(plate string) (string, bool) {
	for _, f := range specificFormats {
		if fits(plate, f.pattern) {
			return f.name, true
		}
	}
	return "", false
}

func fits(plate, pattern string) bool {
	if len(plate) != len(pattern) {
		return false
	}
	for i := 0; i < len(plate); i++ {
		if classOf(plate[i]) != pattern[i] {
			return false
		}
	}
	return true
}

// classOf is 'L' for A-Z, 'D' for 0-9 and 0 otherwise.
func classOf(c byte) byte {
	switch {
	case c >= 'A' && c <= 'Z':
		return 'L'
	case c >= '0' && c <= '9':
		return 'D'
	}
	return 0
}

// isYear reports whether s is a 4-digit year 19xx or 20xx, the way registration stickers print it.
func isYear(s string) bool {
	if len(s) != 4 || !(strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20")) {
		return false
	}
	return s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9'
}

// isStrokes reports whether s is made only of I, L and 1 with at least one letter among them:
// what OCR returns for grilles, bumper edges, barcodes and frame bars ("III", "lll", "Il1").
func isStrokes(s string) bool {
	letter := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'I', 'L':
			letter = true
		case '1':
		default:
			return false
		}
	}
	return letter
}

// regionFormats names the specific format of the regions whose plates mostly follow one.
var regionFormats = map[string]string{
	"CALIFORNIA": "us-ca-standard",
	"NEWYORK":    "us-abc-1234", "TEXAS": "us-abc-1234", "PENNSYLVANIA": "us-abc-1234",
	"MICHIGAN": "us-abc-1234", "GEORGIA": "us-abc-1234", "OHIO": "us-abc-1234",
	"NORTHCAROLINA": "us-abc-1234", "VIRGINIA": "us-abc-1234", "ARIZONA": "us-abc-1234",
	"ONTARIO": "ca-on-standard", "QUEBEC": "ca-on-standard",
	"CONNECTICUT": "123-abc",
}

// regionFormat finds the region named on the plate (a whole line, or a word, that is a region
// name) and returns its format, or nil when no region, or regions that disagree, are named.
func regionFormat(lines []*line) *format {
	var found *format
	for _, l := range lines {
		var joined strings.Builder
		var names []string
		for _, t := range l.toks {
			joined.WriteString(t.norm)
			names = append(names, shapeFold(t.norm))
		}
		names = append(names, shapeFold(joined.String()))
		for _, n := range names {
			name, ok := regionFormats[n]
			if !ok {
				continue
			}
			for i := range specificFormats {
				if specificFormats[i].name != name {
					continue
				}
				if found != nil && found.name != name {
					return nil
				}
				found = &specificFormats[i]
			}
		}
	}
	return found
}
