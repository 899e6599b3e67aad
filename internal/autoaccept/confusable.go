package autoaccept

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tollbooth/tollbooth/internal/jurisdiction"
)

// confusableGroups are the characters that OCR engines and plate fonts confuse with each other.
// In many plate fonts O and 0 are drawn alike (Nevada's "ZOOMN65"), D and 0 differ by one corner,
// and 8/B, 5/S, 2/Z, 6/G by a stroke; a read can only be trusted where the format decides.
var confusableGroups = []string{"0ODQ", "1IL", "2Z", "5S", "6G", "8B"}

// maxReadings bounds the readings resolve tries: a string with many confusable characters is
// doubtful anyway, and the bound keeps a noisy read from costing seconds.
const maxReadings = 4096

func groupOf(c byte) string {
	for _, g := range confusableGroups {
		if strings.IndexByte(g, c) >= 0 {
			return g
		}
	}
	return ""
}

// reading is one way to read a string: a plate and the first format it fits.
type reading struct {
	plate string
	match fit
}

type fit struct{ jurisdiction, format string }

// resolve returns every plate that s can be read as, by swapping each confusable character for
// any character of its group, that fits a standard format of one of codes. One answer that is s
// itself means the formats decide every confusable character as read; several mean a confusable
// character is undecided; one that differs from s means s fits only with swaps, which the policy
// never makes (see judgeFormat). tooMany is set when s has more combinations than maxReadings.
func resolve(s string, codes []string) (out []reading, tooMany bool) {
	var pos []int
	n := 1
	for i := 0; i < len(s); i++ {
		if g := groupOf(s[i]); g != "" {
			pos = append(pos, i)
			n *= len(g)
			if n > maxReadings {
				return nil, true
			}
		}
	}
	b := []byte(s)
	var walk func(k int)
	walk = func(k int) {
		if k == len(pos) {
			t := string(b)
			if ms := jurisdiction.Match(t, codes); len(ms) > 0 {
				out = append(out, reading{plate: t, match: fit{ms[0].Code, ms[0].Format.Name}})
			}
			return
		}
		i := pos[k]
		orig := b[i]
		for _, c := range []byte(groupOf(orig)) {
			b[i] = c
			walk(k + 1)
		}
		b[i] = orig
	}
	walk(0)
	return out, false
}

// ambiguity describes the positions where readings differ: "character 3 may be O, D or Q".
func ambiguity(rs []reading) string {
	var parts []string
	for i := 0; i < len(rs[0].plate); i++ {
		var chars []string
		seen := map[byte]bool{}
		for _, r := range rs {
			if c := r.plate[i]; !seen[c] {
				seen[c] = true
				chars = append(chars, string(c))
			}
		}
		if len(chars) > 1 {
			parts = append(parts, fmt.Sprintf("character %d may be %s", i+1, orList(chars)))
		}
	}
	return strings.Join(parts, "; ") + ", and the plate formats allow each"
}

func plates(rs []reading) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.plate
	}
	return out
}

// fitsList names the jurisdictions and formats of readings: "br (br-old)".
func fitsList(rs []reading) string {
	var parts []string
	seen := map[fit]bool{}
	for _, r := range rs {
		if !seen[r.match] {
			seen[r.match] = true
			parts = append(parts, fmt.Sprintf("%s (%s)", r.match.jurisdiction, r.match.format))
		}
	}
	return strings.Join(parts, ", ")
}

// orList joins "A", "B" and "C" as "A, B or C", at most 6 items.
func orList(items []string) string {
	if len(items) > 6 {
		items = append(items[:6:6], fmt.Sprintf("%d more", len(items)-6))
	}
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// exactFits returns s with every format of the table that it fits exactly as read.
func exactFits(s string) []reading {
	var codes []string
	for _, j := range jurisdiction.All() {
		codes = append(codes, j.Code)
	}
	var out []reading
	for _, m := range jurisdiction.Match(s, codes) {
		out = append(out, reading{plate: s, match: fit{m.Code, m.Format.Name}})
	}
	return out
}

// swaps describes the characters where read and swapped differ: "B as 8, L as 1".
func swaps(read, swapped string) string {
	var parts []string
	for i := 0; i < len(read) && i < len(swapped); i++ {
		if p := fmt.Sprintf("%c as %c", read[i], swapped[i]); read[i] != swapped[i] && !slices.Contains(parts, p) {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}
