package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tollbooth/tollbooth/internal/synth"
)

// truthRecord is the part of `starter captures --json` the truth check reads.
type truthRecord struct {
	CaptureID  string `json:"capture_id"`
	Status     string `json:"status"`
	Plate      string `json:"plate"`
	ReasonCode string `json:"reason_code"`
	Reads      []struct {
		Plate string `json:"plate"`
	} `json:"reads"`
}

// truthCheck is what the demo's photos became, against the truth.csv starter synth wrote.
type truthCheck struct {
	photos, exact, accepted int
	wrong                   []string // "file: accepted X, the plate is Y"
	toPerson                map[string]int
}

// checkTruth compares every capture of a generated photo with its truth: how many photos the
// recognizer read exactly (its first read is the plate), how many were accepted without a person,
// and any accepted with a plate that is not the photo's, which would bill a stranger. ids are the
// capture ids of files, in order; photos without a truth row (the unreadable one) are left out.
func (d *demo) checkTruth(ctx context.Context, dir string, files, ids []string) (truthCheck, error) {
	f, err := os.Open(filepath.Join(dir, synth.TruthFile))
	if err != nil {
		return truthCheck{}, err
	}
	defer f.Close()
	samples, err := synth.ReadTruth(f)
	if err != nil {
		return truthCheck{}, err
	}
	text, err := d.starter(ctx, "captures", "--json", "--limit", "0")
	if err != nil {
		return truthCheck{}, err
	}
	records := map[string]truthRecord{}
	for _, line := range nonEmptyLines(text) {
		var r truthRecord
		if json.Unmarshal([]byte(line), &r) == nil && r.CaptureID != "" {
			records[r.CaptureID] = r
		}
	}
	idOf := map[string]string{}
	for i, file := range files {
		idOf[filepath.Base(file)] = ids[i]
	}
	return compareTruth(samples, idOf, records)
}

// compareTruth compares the records of the photos (by capture id, idOf maps file to id) with
// their truth.
func compareTruth(samples []synth.Sample, idOf map[string]string, records map[string]truthRecord) (truthCheck, error) {
	c := truthCheck{toPerson: map[string]int{}}
	for _, s := range samples {
		id, ok := idOf[s.File]
		if !ok {
			continue
		}
		r, ok := records[id]
		if !ok {
			return c, fmt.Errorf("no record for %s (capture %s)", s.File, id)
		}
		c.photos++
		if len(r.Reads) > 0 && r.Reads[0].Plate == s.Plate {
			c.exact++
		}
		switch {
		case r.Status == "accepted":
			c.accepted++
			if r.Plate != s.Plate {
				c.wrong = append(c.wrong, fmt.Sprintf("%s: accepted %s, the plate is %s", s.File, r.Plate, s.Plate))
			}
		case r.ReasonCode != "":
			c.toPerson[r.ReasonCode]++
		default:
			c.toPerson[r.Status]++
		}
	}
	return c, nil
}

// String is the check's summary line.
func (c truthCheck) String() string {
	var reasons []string
	for code, n := range c.toPerson {
		reasons = append(reasons, fmt.Sprintf("%s %d", code, n))
	}
	sort.Strings(reasons)
	person := c.photos - c.accepted
	line := fmt.Sprintf("truth check: %d of %d photos read exactly; %d auto-accepted, %d of them wrong; %d sent to a person",
		c.exact, c.photos, c.accepted, len(c.wrong), person)
	if len(reasons) > 0 {
		line += " (" + strings.Join(reasons, ", ") + ")"
	}
	return line
}
