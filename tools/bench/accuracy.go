package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/internal/plate"
	"github.com/tollbooth/tollbooth/internal/synth"
)

// The synthetic set is the demo's: `starter synth` with its default seed and the demo's hard share.
const (
	accuracySynthSeed  = 1
	accuracySynthHard  = 0.25
	accuracySynthCount = 300
)

// photoSet is one set of photos with their true plates, served to the vision server as the bucket
// of the same name.
type photoSet struct {
	name   string
	photos []truthPhoto
}

type truthPhoto struct{ file, plate string }

// setResult is one engine's figures on one set in one mode.
type setResult struct {
	set, mode string
	photos    int
	exact     int
	cpu, wall time.Duration
	lines     [][]string // per photo: file, truth, top candidate, confidence, exact
}

// accuracy measures exact top reads (plate.Clean's first candidate equals the truth) of each
// engine through the real vision server process and the production Vision adapter, with the
// server's CPU time per photo and peak resident memory.
func accuracy(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("accuracy", flag.ContinueOnError)
	engines := fs.String("engines", "paddle,tesseract", "vision server engines to measure, comma-separated")
	count := fs.Int("synth", accuracySynthCount, "synthetic photos (seed 1, a quarter hard: the demo's)")
	samples := fs.String("samples", "../shared/samples", "folder with mcw/ and openalpr-br/ (each with truth.csv); missing sets are left out")
	modes := fs.String("modes", "text", "Vision features to measure: text (TEXT_DETECTION), document (DOCUMENT_TEXT_DETECTION), or both")
	out := fs.String("out", ".devstack/accuracy", "working folder: photos, server binary, per-photo CSV files")
	if err := fs.Parse(args); err != nil {
		return err
	}
	photos := filepath.Join(*out, "photos")
	sets, err := prepareSets(photos, *count, *samples)
	if err != nil {
		return err
	}
	bin := filepath.Join(*out, "visionserver")
	fmt.Printf("bench: building the vision server into %s\n", bin)
	if err := goBuild(ctx, bin, "./tools/visionserver"); err != nil {
		return err
	}
	var modeList []activities.DetectionMode
	for _, m := range strings.Split(*modes, ",") {
		switch m {
		case "text":
			modeList = append(modeList, activities.ModeText)
		case "document":
			modeList = append(modeList, activities.ModeDocument)
		default:
			return fmt.Errorf("--modes: unknown mode %q; use text, document or text,document", m)
		}
	}

	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	report := func(engine string, results []setResult, peakRSS int64) {
		fmt.Fprintln(tw, "engine\tmode\tset\tphotos\texact top read\tshare\tCPU s/photo\twall s/photo\t")
		for _, r := range results {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%.1f%%\t%.2f\t%.2f\t\n", engine, r.mode, r.set, r.photos, r.exact,
				100*float64(r.exact)/float64(max(r.photos, 1)), r.cpu.Seconds()/float64(max(r.photos, 1)),
				r.wall.Seconds()/float64(max(r.photos, 1)))
		}
		tw.Flush()
		fmt.Printf("%s: peak RSS of the vision server process %d MB (tesseract: without its per-photo processes)\n", engine, peakRSS>>20)
	}
	for _, engine := range strings.Split(*engines, ",") {
		results, peak, err := measureEngine(ctx, bin, engine, photos, sets, modeList)
		if err != nil {
			return fmt.Errorf("engine %s: %w", engine, err)
		}
		for _, r := range results {
			path := filepath.Join(*out, fmt.Sprintf("%s-%s-%s.csv", engine, r.mode, r.set))
			if err := writeCSV(path, append([][]string{{"file", "truth", "top", "confidence", "exact"}}, r.lines...)); err != nil {
				return err
			}
		}
		report(engine, results, peak)
		fmt.Println()
	}
	fmt.Printf("bench: per-photo reads in %s/ENGINE-MODE-SET.csv\n", *out)
	return nil
}

// prepareSets writes the synthetic photos and links the sample sets into dir, one folder (bucket)
// per set. openalpr-br is also measured in two halves, alternate rows of its truth.csv: any tuning
// may look at the first half only, and the second half reports on photos it never saw.
func prepareSets(dir string, count int, samples string) ([]photoSet, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var sets []photoSet
	if count > 0 {
		fmt.Printf("bench: writing %d synthetic photos (seed %d, hard share %.2f)\n", count, accuracySynthSeed, accuracySynthHard)
		written, err := synth.WriteDir(filepath.Join(dir, "synthetic"), synth.Options{Count: count, Seed: accuracySynthSeed, HardShare: accuracySynthHard})
		if err != nil {
			return nil, err
		}
		set := photoSet{name: "synthetic"}
		for _, s := range written {
			set.photos = append(set.photos, truthPhoto{s.File, s.Plate})
		}
		sets = append(sets, set)
	}
	for _, name := range []string{"mcw", "openalpr-br"} {
		src, err := filepath.Abs(filepath.Join(samples, name))
		if err != nil {
			return nil, err
		}
		rows, err := readCSV(filepath.Join(src, "truth.csv"))
		if errors.Is(err, os.ErrNotExist) {
			fmt.Printf("bench: no %s, left out\n", src)
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := os.Symlink(src, filepath.Join(dir, name)); err != nil {
			return nil, err
		}
		set := photoSet{name: name}
		for _, r := range rows[1:] {
			set.photos = append(set.photos, truthPhoto{r[0], r[1]})
		}
		sets = append(sets, set)
	}
	return sets, nil
}

// halves of a set, for the tuning/held-out split of openalpr-br.
func halves(s photoSet) (first, second []truthPhoto) {
	for i, p := range s.photos {
		if i%2 == 0 {
			first = append(first, p)
		} else {
			second = append(second, p)
		}
	}
	return first, second
}

// measureEngine starts the vision server with engine, reads every set in every mode through the
// production adapter, one photo at a time, and returns the figures and the server's peak RSS.
func measureEngine(ctx context.Context, bin, engine, photos string, sets []photoSet, modes []activities.DetectionMode) ([]setResult, int64, error) {
	srv, err := startServer(ctx, bin, engine, photos)
	if err != nil {
		return nil, 0, err
	}
	defer srv.stop()
	v, err := gcp.NewVision(ctx, srv.addr)
	if err != nil {
		return nil, 0, err
	}
	defer v.Close()

	var results []setResult
	for _, mode := range modes {
		modeName := map[activities.DetectionMode]string{activities.ModeText: "text", activities.ModeDocument: "document"}[mode]
		for _, set := range sets {
			fmt.Printf("bench: %s %s on %s (%d photos)...\n", engine, modeName, set.name, len(set.photos))
			r := setResult{set: set.name, mode: modeName}
			exact := map[string]bool{}
			cpu0, err := srv.cpu()
			if err != nil {
				return nil, 0, err
			}
			start := time.Now()
			for _, p := range set.photos {
				reading, err := v.DetectText(ctx, "gs://"+set.name+"/"+p.file, mode)
				if err != nil {
					return nil, 0, fmt.Errorf("%s/%s: %w", set.name, p.file, err)
				}
				top, conf := "", 0.0
				if cands := plate.Clean(reading); len(cands) > 0 {
					top, conf = cands[0].Plate, cands[0].Confidence
				}
				exact[p.file] = top == p.plate
				r.photos++
				if exact[p.file] {
					r.exact++
				}
				r.lines = append(r.lines, []string{p.file, p.plate, top, fmt.Sprintf("%.3f", conf), fmt.Sprint(exact[p.file])})
			}
			r.wall = time.Since(start)
			cpu1, err := srv.cpu()
			if err != nil {
				return nil, 0, err
			}
			r.cpu = cpu1 - cpu0
			results = append(results, r)
			if set.name == "openalpr-br" {
				first, second := halves(set)
				for i, half := range [][]truthPhoto{first, second} {
					h := setResult{set: fmt.Sprintf("openalpr-br half %c", 'A'+i), mode: modeName, photos: len(half)}
					for _, p := range half {
						if exact[p.file] {
							h.exact++
						}
					}
					// Time is measured on the whole set; the halves share its per-photo figures.
					h.cpu = r.cpu * time.Duration(len(half)) / time.Duration(r.photos)
					h.wall = r.wall * time.Duration(len(half)) / time.Duration(r.photos)
					results = append(results, h)
				}
			}
		}
	}
	peak, err := srv.peakRSS()
	return results, peak, err
}

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return csv.NewReader(f).ReadAll()
}

func writeCSV(path string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(rows); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
