// Package jurisdiction holds the standard (serial) passenger-plate formats of the jurisdictions a booth
// can serve: the 50 US states and the District of Columbia, the 13 Canadian provinces and territories,
// the 27 member states of the European Union and Brazil.
//
// A format describes how a jurisdiction numbers the plates it issues in sequence (or at random) to
// ordinary passenger cars. Vanity and personalized plates, specialty series and non-passenger classes are
// deliberately absent: a read that fits no format here is not necessarily wrong, it is only not
// recognisably a standard plate, so a person should look at it.
//
// Every pattern is written over the normalized plate (A-Z and 0-9 only, separators dropped) and must
// match it whole. Where a source documents letters a series never uses (I, O and Q in many US series, the
// vowels in Spain), the character classes leave them out; that is what tells a caller whether a format
// settles a confusable character (0/O, 1/I, ...) at a given position. Where nothing is documented the
// class is the full A-Z, which only ever sends more captures to a person.
//
// Each row of the table carries a "// source:" comment naming where it comes from; a test fails if one
// does not.
package jurisdiction

import (
	"regexp"
	"slices"
	"strings"
)

// Format is one standard (serial) passenger-plate format of a jurisdiction.
type Format struct {
	// Name is a stable id, e.g. "us-ca-1980" or "br-mercosur".
	Name string
	// Pattern is a regular expression over the normalized plate (A-Z and 0-9 only, no separators),
	// matched whole.
	Pattern string
	// Example is a plate of this format, normalized.
	Example string
	// Previous marks a series that is no longer issued but is still common on the road.
	Previous bool

	re *regexp.Regexp
}

// Matches reports whether the normalized plate fits the format exactly.
func (f Format) Matches(plate string) bool {
	return f.re.MatchString(plate)
}

// Jurisdiction is a state, province, territory or country that issues plates.
type Jurisdiction struct {
	// Code is ISO 3166-2 style and lower case for subdivisions ("us-ca", "ca-on") and ISO 3166-1
	// alpha-2 for countries ("de", "fr", "br").
	Code string
	// Name is the jurisdiction's English name, e.g. "California".
	Name string
	// Printed lists names printed on its plates that identify it, normalized (A-Z and 0-9 only), e.g.
	// "CALIFORNIA" or "BRASIL". Only words unlikely to be plate serials are listed: never a bare
	// two-letter code.
	Printed []string
	// Formats are its standard passenger serial formats, current ones first.
	Formats []Format
}

// Fit is one (jurisdiction, format) pair a plate fits.
type Fit struct {
	Code   string
	Format Format
}

// table is every jurisdiction by code, with each Format's pattern compiled.
var table = func() map[string]Jurisdiction {
	m := map[string]Jurisdiction{}
	for _, group := range [][]Jurisdiction{usJurisdictions, canadianJurisdictions, euJurisdictions, brazil} {
		for _, j := range group {
			if _, dup := m[j.Code]; dup {
				panic("jurisdiction: duplicate code " + j.Code)
			}
			j.Formats = slices.Clone(j.Formats)
			for i := range j.Formats {
				j.Formats[i].re = regexp.MustCompile(`^(?:` + j.Formats[i].Pattern + `)$`)
			}
			m[j.Code] = j
		}
	}
	return m
}()

// sortedCodes lists every code in the table, sorted.
var sortedCodes = func() []string {
	codes := make([]string, 0, len(table))
	for code := range table {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	return codes
}()

// Lookup returns the jurisdiction with the given code (case-insensitive).
func Lookup(code string) (Jurisdiction, bool) {
	j, ok := table[strings.ToLower(strings.TrimSpace(code))]
	return j.clone(), ok
}

// All returns every jurisdiction, sorted by code.
func All() []Jurisdiction {
	all := make([]Jurisdiction, 0, len(sortedCodes))
	for _, code := range sortedCodes {
		all = append(all, table[code].clone())
	}
	return all
}

// clone copies the slices, so that a caller who changes what it got cannot change the table.
func (j Jurisdiction) clone() Jurisdiction {
	j.Printed = slices.Clone(j.Printed)
	j.Formats = slices.Clone(j.Formats)
	return j
}

// Match returns every (jurisdiction, format) among codes that the plate fits exactly, in the order of
// codes and then of each jurisdiction's formats. The plate is compared in normalized form (upper case,
// A-Z and 0-9 only). Unknown codes are ignored; validate them with ParseCodes first.
func Match(plate string, codes []string) []Fit {
	plate = normalize(plate)
	if plate == "" {
		return nil
	}
	var matches []Fit
	for _, code := range codes {
		j, ok := table[strings.ToLower(strings.TrimSpace(code))]
		if !ok {
			continue
		}
		for _, f := range j.Formats {
			if f.Matches(plate) {
				matches = append(matches, Fit{Code: j.Code, Format: f})
			}
		}
	}
	return matches
}

// Named returns the codes, sorted, of the jurisdictions whose Printed names equal the word once it is
// normalized (upper case, A-Z and 0-9 only): Named("California") is ["us-ca"]. A name printed by more
// than one jurisdiction returns them all ("WASHINGTON" is on both Washington's and the District of
// Columbia's plates).
func Named(word string) []string {
	word = normalize(word)
	if word == "" {
		return nil
	}
	var codes []string
	for _, code := range sortedCodes {
		if slices.Contains(table[code].Printed, word) {
			codes = append(codes, code)
		}
	}
	return codes
}

// normalize upper-cases s and keeps A-Z and 0-9 only. It is deliberately plain ASCII: OCR output with
// accented or look-alike letters should go through plate.Normalize first.
func normalize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}
