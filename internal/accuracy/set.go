// Package accuracy measures the recognizer and the safe auto-accept policy on a folder of photos
// with known plates, through exactly the code the worker runs (internal/recognition): how many
// plates are read exactly, how many are accepted without a person, and, above all, how many of
// those are wrong. `starter accuracy` prints its reports; ACCURACY.md records them.
package accuracy

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tollbooth/tollbooth/internal/plate"
)

// TruthFile is the name of a set's truth: CSV with a header and at least the columns file and
// plate (more columns, such as a region or a box, are ignored).
const TruthFile = "truth.csv"

// Sample is one photo of a set and its true plate ("" when the set has no truth for it).
type Sample struct {
	File  string
	Truth string
}

// Set is a folder of photos to measure.
type Set struct {
	Dir     string
	Samples []Sample
	// Problems are what was wrong with the set itself (no truth file, a malformed row); they are
	// reported, and the run goes on with what could be read.
	Problems []string
}

var photoExt = []string{".jpg", ".jpeg", ".png"}

// LoadSet reads dir's truth.csv. Without one, every photo in dir is measured with no truth (reads
// and decisions only), and the missing file is reported as a problem. Only an unreadable dir is
// an error.
func LoadSet(dir string) (Set, error) {
	set := Set{Dir: dir}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return set, fmt.Errorf("read photo folder: %w", err)
	}
	f, err := os.Open(filepath.Join(dir, TruthFile))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		set.Problems = append(set.Problems, fmt.Sprintf("%s: no %s (columns file,plate): measuring reads and decisions without truth", dir, TruthFile))
		for _, e := range entries {
			if !e.IsDir() && slices.Contains(photoExt, strings.ToLower(filepath.Ext(e.Name()))) {
				set.Samples = append(set.Samples, Sample{File: e.Name()})
			}
		}
		return set, nil
	case err != nil:
		return set, fmt.Errorf("open %s: %w", TruthFile, err)
	}
	defer f.Close()
	samples, problems := readTruth(f)
	set.Samples = samples
	for _, p := range problems {
		set.Problems = append(set.Problems, fmt.Sprintf("%s: %s", filepath.Join(dir, TruthFile), p))
	}
	return set, nil
}

// readTruth parses a truth CSV. Bad rows are reported and skipped.
func readTruth(r io.Reader) ([]Sample, []string) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, []string{fmt.Sprintf("no header row (want file,plate): %v", err)}
	}
	fileCol, plateCol := -1, -1
	for i, h := range header {
		switch strings.ToLower(strings.TrimSpace(h)) {
		case "file":
			fileCol = i
		case "plate":
			plateCol = i
		}
	}
	if fileCol < 0 || plateCol < 0 {
		return nil, []string{fmt.Sprintf("header %q lacks the columns file and plate", strings.Join(header, ","))}
	}
	var out []Sample
	var problems []string
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, problems
		}
		if err != nil {
			problems = append(problems, fmt.Sprintf("line %d: %v", line, err))
			continue
		}
		if len(rec) <= max(fileCol, plateCol) || strings.TrimSpace(rec[fileCol]) == "" {
			problems = append(problems, fmt.Sprintf("line %d: no file name or plate", line))
			continue
		}
		out = append(out, Sample{File: strings.TrimSpace(rec[fileCol]), Truth: plate.Normalize(rec[plateCol])})
	}
}
