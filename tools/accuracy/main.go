// Command accuracy measures the recognizer and the safe auto-accept policy on every photo set at
// once, for ACCURACY.md: synthetic photos over several seeds (the demo's among them, with its share
// of hard photos), and the real sample photos when ../shared/samples is there. It reads through
// internal/accuracy, the code behind `starter accuracy`, against the Vision endpoint of the
// environment; `make accuracy` runs it inside a throw-away local stack:
//
//	accuracy --engine paddle --synth 1000 --seeds 1,2,3,4 [--samples ../shared/samples] [--out DIR]
//	         [--second-engine tesseract]   (a second recognizer whose crop read must agree)
//
// It prints each set's report, then one Markdown table row per set: date, commit, engine, set,
// photos, exact top reads, auto-accepted, wrong auto-accepts, and the commonest reasons.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/tollbooth/tollbooth/internal/accuracy"
	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/autoaccept"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/internal/recognition"
	"github.com/tollbooth/tollbooth/internal/synth"
	"github.com/tollbooth/tollbooth/internal/visionserver"
)

// demoHardShare is the share of hard photos `make demo` uploads (tools/devstack/demo.go).
const demoHardShare = 0.25

// sampleSets are the real photo sets under --samples, with the jurisdictions of a booth that
// would see them: the MCW photos' own regions (from their truth.csv), and Brazil.
var sampleSets = []struct{ name, codes string }{
	{"mcw", "us-ny,us-tx,us-nv,ca-ab,us-ca,us-ct,us-mi,us-ri"},
	{"openalpr-br", "br"},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "accuracy:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	engine := flag.String("engine", "", "name of the Vision server's engine, for the table (required)")
	count := flag.Int("synth", 1000, "synthetic photos in all, split evenly over the seeds (0: none)")
	seedList := flag.String("seeds", "1,2,3,4", "synthetic seeds; 1 is the demo's")
	samples := flag.String("samples", "../shared/samples", "folder of the real sample sets (skipped when absent)")
	out := flag.String("out", ".devstack/accuracy", "where the synthetic photos are written")
	concurrency := flag.Int("concurrency", 2, "photos read at once")
	secondEngine := flag.String("second-engine", "", "tesseract: a second recognizer, served in this process, whose read of the crop must agree (the worker's second opinion)")
	flag.Parse()
	if *engine == "" {
		return fmt.Errorf("--engine is required: name the Vision server's engine (paddle, tesseract) for the table")
	}
	seeds, err := parseSeeds(*seedList)
	if err != nil {
		return err
	}
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	cloud, err := app.OpenCloud(ctx, cfg, app.NeedVision)
	if err != nil {
		return err
	}
	defer cloud.Close()
	label := *engine
	var second recognition.Annotator
	if *secondEngine != "" {
		v, stop, err := startSecondOpinion(ctx, *secondEngine)
		if err != nil {
			return err
		}
		defer stop()
		second, label = v, *engine+" + "+*secondEngine+" agree"
	}

	type set struct{ name, dir, codes string }
	var sets []set
	if *count > 0 {
		per := *count / len(seeds)
		for _, seed := range seeds {
			dir := filepath.Join(*out, fmt.Sprintf("synth-seed%d", seed))
			if err := os.RemoveAll(dir); err != nil {
				return err
			}
			if _, err := synth.WriteDir(dir, synth.Options{Count: per, Seed: seed, HardShare: demoHardShare}); err != nil {
				return err
			}
			sets = append(sets, set{fmt.Sprintf("synthetic seed %d (%d, %.0f%% hard)", seed, per, 100*demoHardShare), dir, config.LocalDefaultJurisdictions})
		}
	}
	for _, s := range sampleSets {
		dir := filepath.Join(*samples, s.name)
		if _, err := os.Stat(dir); err != nil {
			fmt.Fprintf(os.Stderr, "accuracy: %s absent, skipped\n", dir)
			continue
		}
		sets = append(sets, set{s.name, dir, s.codes})
	}

	var rows []string
	for _, s := range sets {
		loaded, err := accuracy.LoadSet(s.dir)
		if err != nil {
			return err
		}
		policy := autoaccept.Policy{Jurisdictions: strings.Split(s.codes, ","), MinConfidence: cfg.AutoAcceptConfidence}
		fmt.Fprintf(os.Stderr, "accuracy: %s: %d photos\n", s.name, len(loaded.Samples))
		start := time.Now()
		r := accuracy.Run(ctx, cloud.Vision, loaded, policy, accuracy.Options{Concurrency: *concurrency, Progress: progress(s.name), SecondOpinion: second})
		if err := ctx.Err(); err != nil {
			return err
		}
		fmt.Printf("\n## %s (%s, %s)\n\n", s.name, label, time.Since(start).Round(time.Second))
		if err := r.WriteText(os.Stdout); err != nil {
			return err
		}
		rows = append(rows, row(label, s.name, r))
	}
	fmt.Printf("\n| date | commit | engine | set | photos | exact top reads | auto-accepted | wrong auto-accepts | commonest reasons sent to a person |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Println(r)
	}
	return nil
}

func progress(name string) func(done, total int) {
	return func(done, total int) {
		if done%25 == 0 || done == total {
			fmt.Fprintf(os.Stderr, "accuracy: %s: %d/%d\n", name, done, total)
		}
	}
}

func row(engine, set string, r accuracy.Report) string {
	t := r.Totals
	measured := t.Photos - t.Failed
	var reasons []string
	for i, kv := range accuracy.SortedCodes(t.ByCode) {
		if i == 3 {
			break
		}
		reasons = append(reasons, fmt.Sprintf("%s %d", kv.Key, kv.N))
	}
	return fmt.Sprintf("| %s | %s | %s | %s | %d | %s | %s | **%d** | %s |",
		time.Now().UTC().Format("2006-01-02"), commit(), engine, set, t.Photos,
		pct(t.Exact, t.WithTruth), pct(t.Accepted, measured), t.WrongAccepts, strings.Join(reasons, ", "))
}

func pct(n, of int) string {
	if of == 0 {
		return "–"
	}
	return fmt.Sprintf("%d (%.0f%%)", n, 100*float64(n)/float64(of))
}

func commit() string {
	out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

func parseSeeds(list string) ([]int64, error) {
	var seeds []int64
	for _, f := range strings.Split(list, ",") {
		s, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("--seeds %q: want numbers separated by commas", list)
		}
		seeds = append(seeds, s)
	}
	if len(seeds) == 0 {
		return nil, fmt.Errorf("--seeds is empty")
	}
	return seeds, nil
}

// startSecondOpinion serves a second engine in this process, on loopback, and returns the Vision
// client the worker would use for it (gcp.NewVision: the same client code as the first).
func startSecondOpinion(ctx context.Context, name string) (recognition.Annotator, func(), error) {
	if name != "tesseract" {
		return nil, nil, fmt.Errorf("--second-engine %q: only tesseract can be served here (the first engine is the stack's)", name)
	}
	engine, err := visionserver.NewTesseractEngine(ctx, visionserver.TesseractOptions{})
	if err != nil {
		return nil, nil, err
	}
	srv, err := visionserver.NewServer(engine, visionserver.MapFetcher{}, nil).Start("127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	v, err := gcp.NewVision(ctx, srv.Addr)
	if err != nil {
		srv.Stop(ctx)
		return nil, nil, err
	}
	return v, func() { _ = v.Close(); srv.Stop(context.Background()) }, nil
}
