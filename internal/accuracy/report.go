package accuracy

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/tollbooth/tollbooth/internal/autoaccept"
	"github.com/tollbooth/tollbooth/internal/capture"
)

// Report is a run's outcomes and totals.
type Report struct {
	Dir           string    `json:"dir"`
	Jurisdictions []string  `json:"jurisdictions"`
	MinConfidence float64   `json:"min_confidence"`
	Problems      []string  `json:"problems,omitempty"`
	Outcomes      []Outcome `json:"photos"`
	Totals        Totals    `json:"totals"`
}

// Totals sum up a run.
type Totals struct {
	Photos int `json:"photos"`
	// WithTruth counts the photos measured that have a true plate: the base of the shares.
	WithTruth    int `json:"with_truth"`
	Exact        int `json:"exact_top_reads"`
	Accepted     int `json:"auto_accepted"`
	WrongAccepts int `json:"wrong_auto_accepts"`
	ToPerson     int `json:"sent_to_a_person"`
	Failed       int `json:"failed"`
	Reads        int `json:"recognizer_calls"`
	// ByCode counts the photos sent to a person, by the rule that sent them.
	ByCode map[capture.ReasonCode]int `json:"by_code"`
	// Confusions counts, over reads as long as their truth, each character read in place of
	// another: "9→O" is a 9 read as O.
	Confusions map[string]int `json:"confusions"`
}

func newReport(set Set, policy autoaccept.Policy, out []Outcome) Report {
	r := Report{Dir: set.Dir, Jurisdictions: policy.Jurisdictions, MinConfidence: policy.MinConfidence, Problems: set.Problems, Outcomes: out}
	t := Totals{Photos: len(out), ByCode: map[capture.ReasonCode]int{}, Confusions: map[string]int{}}
	for _, o := range out {
		t.Reads += o.Reads
		switch o.Decision {
		case Accepted:
			t.Accepted++
		case ToPerson:
			t.ToPerson++
			t.ByCode[o.Code]++
		case Failed:
			t.Failed++
		}
		if o.Truth == "" || o.Decision == Failed {
			continue
		}
		t.WithTruth++
		if o.Exact {
			t.Exact++
		}
		if o.WrongAccept {
			t.WrongAccepts++
		}
		if len(o.BestRead) == len(o.Truth) {
			for i := range o.Truth {
				if o.BestRead[i] != o.Truth[i] {
					t.Confusions[fmt.Sprintf("%c→%c", o.Truth[i], o.BestRead[i])]++
				}
			}
		}
	}
	r.Totals = t
	return r
}

// WriteJSON writes the report as indented JSON.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes one line per photo, then the totals.
func (r Report) WriteText(w io.Writer) error {
	for _, p := range r.Problems {
		fmt.Fprintf(w, "problem: %s\n", p)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PHOTO\tTRUTH\tBEST READ\tDECISION\tREASON CODE")
	for _, o := range r.Outcomes {
		read, code := orDash(o.BestRead), orDash(string(o.Code))
		mark := ""
		switch {
		case o.Error != "":
			code = o.Error
		case o.WrongAccept:
			mark = "  WRONG"
		case o.Exact:
			mark = "  exact"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s%s\n", o.File, orDash(o.Truth), read, o.Decision, code, mark)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	t := r.Totals
	fmt.Fprintf(w, "\n%d photos (%d with a truth), jurisdictions %s, confidence ≥ %.2f, %d recognizer calls\n",
		t.Photos, t.WithTruth, strings.Join(r.Jurisdictions, ","), r.MinConfidence, t.Reads)
	fmt.Fprintf(w, "  exact top reads     %s\n", share(t.Exact, t.WithTruth))
	fmt.Fprintf(w, "  auto-accepted       %s\n", share(t.Accepted, t.Photos-t.Failed))
	fmt.Fprintf(w, "  wrong auto-accepts  %d\n", t.WrongAccepts)
	fmt.Fprintf(w, "  sent to a person    %s\n", share(t.ToPerson, t.Photos-t.Failed))
	for _, kv := range sortedCounts(t.ByCode) {
		fmt.Fprintf(w, "    %-22s %d\n", kv.Key, kv.N)
	}
	if t.Failed > 0 {
		fmt.Fprintf(w, "  not measured        %d (see the lines above)\n", t.Failed)
	}
	if len(t.Confusions) > 0 {
		var pairs []string
		for _, kv := range sortedCounts(t.Confusions) {
			pairs = append(pairs, fmt.Sprintf("%s ×%d", kv.Key, kv.N))
		}
		fmt.Fprintf(w, "  confusions (truth→read): %s\n", strings.Join(pairs, ", "))
	}
	return nil
}

// Count is one entry of a tally.
type Count struct {
	Key string
	N   int
}

// SortedCodes orders the reasons of a report by count, then code.
func SortedCodes(m map[capture.ReasonCode]int) []Count { return sortedCounts(m) }

// sortedCounts orders a tally by count, then key.
func sortedCounts[K ~string](m map[K]int) []Count {
	var out []Count
	for k, n := range m {
		out = append(out, Count{string(k), n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Key < out[j].Key
	})
	return out
}

func share(n, of int) string {
	if of == 0 {
		return fmt.Sprintf("%d", n)
	}
	return fmt.Sprintf("%d of %d (%.0f%%)", n, of, 100*float64(n)/float64(of))
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
