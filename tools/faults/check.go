package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// observed is what the servers hold about the suite's photos, gathered after a fault has drained
// and the export has run (gather.go).
type observed struct {
	Records map[string]capture.Status // capture id → its record's status; absent: no record
	Runs    map[string]int            // capture id → workflow executions with its workflow id
	// Files are the CSV files on the FTP server, by name, with the capture id of each row.
	Files map[string][]string
	// Published counts, per file name, the renames that put it in place: the FTP server's own
	// transfer log, so a file handed to billing twice shows even though the folder holds it once.
	Published map[string]int
	// BucketDiffers names the files whose copy in the exports bucket is missing or not the same.
	BucketDiffers []string
}

// tally is the verdict on a set of photos: what was lost (no record, not settled, or accepted and
// never exported), what was duplicated (more than one workflow, or billed more than once), and
// anything else wrong; each line names its capture ("label: what") or file.
type tally struct {
	LostList  []string
	DupList   []string
	OtherList []string
}

// Lost and Duplicated count distinct captures.
func (t tally) Lost() int       { return countCaptures(t.LostList) }
func (t tally) Duplicated() int { return countCaptures(t.DupList) }

// OK says there is nothing wrong.
func (t tally) OK() bool { return len(t.LostList)+len(t.DupList)+len(t.OtherList) == 0 }

// Problems lists every finding, lost first.
func (t tally) Problems() []string {
	return slices.Concat(t.LostList, t.DupList, t.OtherList)
}

// since keeps what prev did not already report: a fault's row shows what went wrong during it,
// including what it did to photos of earlier faults.
func (t tally) since(prev tally) tally {
	fresh := func(now, before []string) []string {
		var out []string
		for _, p := range now {
			if !slices.Contains(before, p) {
				out = append(out, p)
			}
		}
		return out
	}
	return tally{fresh(t.LostList, prev.LostList), fresh(t.DupList, prev.DupList), fresh(t.OtherList, prev.OtherList)}
}

// judge checks every photo against what the servers hold: exactly one record in a final state
// (poison photos: failed_input), exactly one workflow, and accepted captures in exactly one CSV row
// of a file published exactly once (others in none); the bucket holds the same files.
func judge(photos []photo, o observed) tally {
	rows := map[string]int{}         // capture id → rows on the FTP server, counting each publication
	filesOf := map[string][]string{} // capture id → the files it is in, for the messages
	for name, ids := range o.Files {
		times := max(o.Published[name], 1) // a file in the folder was put there at least once
		for _, id := range ids {
			rows[id] += times
			if !slices.Contains(filesOf[id], name) {
				filesOf[id] = append(filesOf[id], name)
			}
		}
	}
	fileOf := func(id string) string {
		slices.Sort(filesOf[id])
		return strings.Join(filesOf[id], ", ")
	}
	var t tally
	var lost, dup, other []string
	for _, p := range photos {
		status, ok := o.Records[p.ID]
		switch {
		case !ok:
			lost = append(lost, fmt.Sprintf("%s: no record", p.label()))
			continue
		case !status.Final():
			lost = append(lost, fmt.Sprintf("%s: still %s", p.label(), status))
			continue
		case p.Poison && status != capture.StatusFailedInput:
			other = append(other, fmt.Sprintf("%s: a poison photo ended %s, not failed_input", p.label(), status))
		case !p.Poison && status == capture.StatusFailedInput:
			other = append(other, fmt.Sprintf("%s: a real photo ended failed_input", p.label()))
		}
		if n := o.Runs[p.ID]; n != 1 {
			if n > 1 {
				dup = append(dup, fmt.Sprintf("%s: %d workflow runs", p.label(), n))
			} else {
				other = append(other, fmt.Sprintf("%s: a record but no workflow", p.label()))
			}
		}
		switch n := rows[p.ID]; {
		case status == capture.StatusAccepted && n == 0:
			lost = append(lost, fmt.Sprintf("%s: accepted, never exported", p.label()))
		case status == capture.StatusAccepted && n > 1:
			dup = append(dup, fmt.Sprintf("%s: billed %d times (%s)", p.label(), n, fileOf(p.ID)))
		case status != capture.StatusAccepted && n > 0:
			dup = append(dup, fmt.Sprintf("%s: %s but billed (%s)", p.label(), status, fileOf(p.ID)))
		}
	}
	for name, n := range o.Published {
		if n > 1 {
			other = append(other, fmt.Sprintf("file %s was renamed into place %d times (FTP transfer log)", name, n))
		}
		if _, ok := o.Files[name]; !ok {
			other = append(other, fmt.Sprintf("file %s was published but is not on the FTP server", name))
		}
	}
	for name := range o.Files {
		if o.Published[name] == 0 {
			other = append(other, fmt.Sprintf("file %s is on the FTP server but the transfer log has no rename for it", name))
		}
	}
	for _, name := range o.BucketDiffers {
		other = append(other, fmt.Sprintf("file %s differs between the FTP server and the exports bucket", name))
	}
	for _, l := range [][]string{lost, dup, other} {
		slices.Sort(l)
	}
	t.LostList, t.DupList, t.OtherList = lost, dup, other
	return t
}

// countCaptures counts the distinct captures named by problems ("label: what").
func countCaptures(problems []string) int {
	seen := map[string]bool{}
	for _, p := range problems {
		seen[strings.SplitN(p, ": ", 2)[0]] = true
	}
	return len(seen)
}
