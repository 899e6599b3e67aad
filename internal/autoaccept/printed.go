package autoaccept

import (
	"slices"
	"sort"
	"strings"

	"github.com/tollbooth/tollbooth/internal/jurisdiction"
	"github.com/tollbooth/tollbooth/internal/plate"
)

// maxNameWords is the longest jurisdiction name, in words, looked for on a line
// ("NEWFOUNDLAND AND LABRADOR").
const maxNameWords = 4

// printedJurisdictions returns the codes of the jurisdictions whose names are read anywhere on
// the photo, as single words or as runs of adjacent words on a line ("NEW" "YORK"), sorted.
// The whole photo counts, not only the plate: a name on the frame or the plate's edge still says
// where the car comes from, and a name that disagrees sends the capture to a person.
func printedJurisdictions(r plate.Reading) []string {
	var found []string
	for _, line := range wordLines(r) {
		for i := range line {
			joined := ""
			for k := i; k < len(line) && k < i+maxNameWords; k++ {
				joined += line[k]
				for _, code := range jurisdiction.Named(joined) {
					if !slices.Contains(found, code) {
						found = append(found, code)
					}
				}
			}
		}
	}
	sort.Strings(found)
	return found
}

// wordLines returns the normalized words of each line, left to right.
func wordLines(r plate.Reading) [][]string {
	if len(r.Words) == 0 {
		var out [][]string
		for _, l := range strings.Split(r.RawText, "\n") {
			var line []string
			for _, f := range strings.Fields(l) {
				if n := plate.Normalize(f); n != "" {
					line = append(line, n)
				}
			}
			out = append(out, line)
		}
		return out
	}
	byLine := map[int][]plate.Word{}
	var order []int
	for _, w := range r.Words {
		if _, ok := byLine[w.Line]; !ok {
			order = append(order, w.Line)
		}
		byLine[w.Line] = append(byLine[w.Line], w)
	}
	var out [][]string
	for _, l := range order {
		ws := byLine[l]
		sort.SliceStable(ws, func(i, j int) bool { return ws[i].Left < ws[j].Left })
		var line []string
		for _, w := range ws {
			if n := plate.Normalize(w.Text); n != "" {
				line = append(line, n)
			}
		}
		out = append(out, line)
	}
	return out
}
