package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"text/tabwriter"

	"github.com/tollbooth/tollbooth/internal/cost"
)

// runCost prints the monthly cost of running tollbooth at a given traffic: Temporal Cloud actions
// and storage, Vision, Firestore, Cloud Storage and Pub/Sub, from measured histories and a price
// table that cites its sources (internal/cost/prices.go).
func runCost(ctx context.Context, env *cli, args []string) error {
	u := cost.DefaultUsage()
	fs := flag.NewFlagSet("cost", flag.ContinueOnError)
	fs.Float64Var(&u.CapturesPerDay, "captures-per-day", 0, "captures a day (required)")
	fs.Float64Var(&u.ReviewShare, "review-share", u.ReviewShare, "share of captures a person decides, 0..1")
	fs.Float64Var(&u.PhotoBytes, "photo-bytes", u.PhotoBytes, "mean size of a booth photo, bytes")
	fs.Float64Var(&u.PhotoDays, "photo-days", u.PhotoDays, "days photos are kept")
	fs.Float64Var(&u.HistoryDays, "history-days", u.HistoryDays, "the Temporal namespace's retention, days")
	fs.DurationVar(&u.ReviewWait, "review-wait", u.ReviewWait, "how long a capture waits for a person, on average")
	measure := fs.Bool("measure", false, "measure the per-capture figures from the histories on the configured Temporal instead of the recorded ones")
	sample := fs.Int("sample", 50, "with --measure: runs read per kind")
	profilePath := fs.String("profile", "", "use a profile saved with --save instead of the recorded one")
	save := fs.String("save", "", "write the profile used to this file (JSON)")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if u.CapturesPerDay <= 0 {
		return fmt.Errorf("%w: --captures-per-day N is required (N > 0)", errUsage)
	}
	profile, err := loadCostProfile(ctx, env, *measure, *sample, *profilePath)
	if err != nil {
		return err
	}
	if *save != "" {
		b, _ := json.MarshalIndent(profile, "", "  ")
		if err := os.WriteFile(*save, append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	bill, err := cost.Estimate(profile, u, cost.ListPrices)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "monthly cost at %.0f captures a day (%.0f%% reviewed), list prices read %s\n",
		u.CapturesPerDay, 100*u.ReviewShare, cost.ListPrices.Read)
	fmt.Fprintf(env.stdout, "per-capture figures measured: %s (%d auto-accepted, %d reviewed runs)\n\n",
		profile.Measured, profile.AutoAccepted.Runs, profile.Reviewed.Runs)
	tw := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "service\tUSD/month\twhat")
	for _, l := range bill.Lines {
		fmt.Fprintf(tw, "%s\t%10.2f\t%s\n", l.Service, l.USD, l.Detail)
	}
	fmt.Fprintf(tw, "total\t%10.2f\t%s dominates (%.0f%%)\n", bill.Total, bill.Dominant().Service, 100*bill.Dominant().USD/bill.Total)
	return tw.Flush()
}

func loadCostProfile(ctx context.Context, env *cli, measure bool, sample int, path string) (cost.Profile, error) {
	switch {
	case measure:
		c, err := env.temporalClient()
		if err != nil {
			return cost.Profile{}, err
		}
		cfg, _ := env.config()
		return cost.Measure(ctx, c, cfg.Temporal.Namespace, sample, func(s string) { fmt.Fprintln(env.stderr, s) })
	case path != "":
		return cost.LoadProfile(path)
	default:
		return cost.Recorded()
	}
}
