package synth

import (
	"math/rand/v2"
	"strings"
)

// The alphabets of generated serials, chosen so the truth is fair to any reader:
//   - no I, O or Q (California and New York leave them out too) and no 0 or 1, so a truth never
//     hinges on telling O from 0 or I from 1; tesseract read 0 as O in early runs, and vanity
//     plates, which mix letters and digits anywhere, give no format to decide by;
//   - no J: in the Go fonts it drops below the baseline and tesseract reads it as "]" or "I"
//     (3 of the 4 misses in one run of 48 easy photos).
const (
	serialLetters = "ABCDEFGHKLMNPRSTUVWXYZ"
	serialDigits  = "23456789"
	// ontarioLetters also leave out U, which Ontario does not issue either (internal/jurisdiction):
	// a synthetic standard plate must fit its region's standard format.
	ontarioLetters = "ABCDEFGHKLMNPRSTVWXYZ"
)

// vanityShare is the fraction of plates that carry a vanity text instead of a standard serial.
const vanityShare = 0.12

// plateText draws the text of one plate for region g: the truth (A-Z0-9 only) and the text as
// printed, with the separators the region's format uses.
func plateText(r *rand.Rand, g *region) (plate, shown string) {
	if r.Float64() < vanityShare {
		return serialVanity(r)
	}
	return g.serial(r)
}

// serialCA is California's 1ABC234: a digit, three letters, three digits.
func serialCA(r *rand.Rand) (string, string) {
	s := pick(r, serialDigits, 1) + pick(r, serialLetters, 3) + pick(r, serialDigits, 3)
	return s, s
}

// serialLettersDigits is ABC1234 (New York, Texas).
func serialLettersDigits(r *rand.Rand) (string, string) {
	s := pick(r, serialLetters, 3) + pick(r, serialDigits, 4)
	return s, s
}

// serialCT is Connecticut's 123-ABC, printed with a dash.
func serialCT(r *rand.Rand) (string, string) {
	d, l := pick(r, serialDigits, 3), pick(r, serialLetters, 3)
	return d + l, d + "-" + l
}

// serialMI is Michigan's ABC 1234, printed with a space.
func serialMI(r *rand.Rand) (string, string) {
	l, d := pick(r, serialLetters, 3), pick(r, serialDigits, 4)
	return l + d, l + " " + d
}

// serialON is Ontario's ABCD 123, printed with a space.
func serialON(r *rand.Rand) (string, string) {
	l, d := pick(r, ontarioLetters, 4), pick(r, serialDigits, 3)
	return l + d, l + " " + d
}

// serialVanity is a personalised plate of 4-7 characters, mostly letters with the odd digit.
func serialVanity(r *rand.Rand) (string, string) {
	n := 4 + r.IntN(4)
	var b strings.Builder
	for range n {
		if r.IntN(4) == 0 {
			b.WriteString(pick(r, serialDigits, 1))
		} else {
			b.WriteString(pick(r, serialLetters, 1))
		}
	}
	return b.String(), b.String()
}

// pick draws n characters from alphabet.
func pick(r *rand.Rand, alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

// NormalizePlate keeps only A-Z and 0-9 of s, upper-cased: the form of Sample.Plate, and the form
// to compare OCR output against.
func NormalizePlate(s string) string {
	var b strings.Builder
	for _, c := range strings.ToUpper(s) {
		if ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') {
			b.WriteRune(c)
		}
	}
	return b.String()
}
