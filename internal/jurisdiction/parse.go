package jurisdiction

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// groups name several jurisdictions at once in ParseCodes and ParseBooths. They are spelled with "-all"
// so that no group can be taken for a jurisdiction: "ca" alone is neither California (us-ca) nor Canada.
var groups = map[string][]string{
	"us-all": codesWithPrefix("us-"),
	"ca-all": codesWithPrefix("ca-"),
	"eu-all": codesOf(euJurisdictions),
}

// ParseCodes parses a comma-separated list of jurisdiction codes or group names, e.g. "us-ca,us-nv" or
// "eu-all,br". Codes are case-insensitive and returned in lower case, in the order given, without
// duplicates. An unknown code is an error that names it and the closest known codes.
func ParseCodes(list string) ([]string, error) {
	var codes []string
	for _, item := range strings.Split(list, ",") {
		item = strings.ToLower(strings.TrimSpace(item))
		if item == "" {
			continue
		}
		expanded, ok := groups[item]
		if !ok {
			if _, known := table[item]; !known {
				return nil, unknownCodeError(item)
			}
			expanded = []string{item}
		}
		for _, code := range expanded {
			if !slices.Contains(codes, code) {
				codes = append(codes, code)
			}
		}
	}
	if len(codes) == 0 {
		return nil, errors.New("no jurisdiction codes given: list them separated by commas, e.g. us-ca,us-nv")
	}
	return codes, nil
}

// ParseBooths parses booth assignments separated by semicolons, each a booth id, "=" and a code list
// as ParseCodes takes it: "north-01=us-ca,us-nv,us-az;south-01=br". Errors name the bad part. Booth ids
// are only checked to be present and given once; their syntax is the capture package's to check.
func ParseBooths(spec string) (map[string][]string, error) {
	booths := map[string][]string{}
	for _, part := range strings.Split(spec, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		booth, list, found := strings.Cut(part, "=")
		booth = strings.TrimSpace(booth)
		if !found || booth == "" {
			return nil, fmt.Errorf("booth jurisdictions %q: write booth=codes, e.g. north-01=us-ca,us-nv", part)
		}
		if _, dup := booths[booth]; dup {
			return nil, fmt.Errorf("booth %q is listed twice: give each booth one list", booth)
		}
		codes, err := ParseCodes(list)
		if err != nil {
			return nil, fmt.Errorf("booth %q: %w", booth, err)
		}
		booths[booth] = codes
	}
	return booths, nil
}

// maxSuggestions caps the closest codes an unknown-code error offers.
const maxSuggestions = 3

// unknownCodeError names an unknown code and the known codes or groups closest to it: those whose
// jurisdiction is named so ("california"), whose subdivision part it is ("nv" for us-nv), the group it
// starts ("eu" for eu-all), or within a typing slip of it (one edit for codes of up to three
// characters, where two edits reach almost any other code, two edits otherwise).
func unknownCodeError(code string) error {
	maxEdits := 2
	if len(code) <= 3 {
		maxEdits = 1
	}
	var exact, near []string
	for _, known := range append(slices.Clone(sortedCodes), sortedGroupNames()...) {
		j, isCode := table[known]
		switch {
		case isCode && normalize(j.Name) == normalize(code):
			exact = append(exact, known)
		case strings.HasSuffix(known, "-"+code):
			exact = append(exact, known)
		case !isCode && strings.HasPrefix(known, code+"-"):
			exact = append(exact, known)
		case editDistance(code, known) <= maxEdits:
			near = append(near, known)
		}
	}
	slices.SortStableFunc(near, func(a, b string) int { return editDistance(code, a) - editDistance(code, b) })
	suggestions := append(exact, near...)
	if len(suggestions) > maxSuggestions {
		suggestions = suggestions[:maxSuggestions]
	}
	if len(suggestions) == 0 {
		return fmt.Errorf("unknown jurisdiction %q: use ISO codes such as us-ca, ca-on, de, br, or a group (us-all, ca-all, eu-all)", code)
	}
	return fmt.Errorf("unknown jurisdiction %q: did you mean %s?", code, strings.Join(suggestions, ", "))
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func sortedGroupNames() []string {
	names := make([]string, 0, len(groups))
	for name := range groups {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

func codesWithPrefix(prefix string) []string {
	var codes []string
	for _, code := range sortedCodes {
		if strings.HasPrefix(code, prefix) {
			codes = append(codes, code)
		}
	}
	return codes
}

func codesOf(group []Jurisdiction) []string {
	codes := make([]string, 0, len(group))
	for _, j := range group {
		codes = append(codes, j.Code)
	}
	slices.Sort(codes)
	return codes
}
