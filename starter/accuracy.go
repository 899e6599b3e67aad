package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/tollbooth/tollbooth/internal/accuracy"
	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/autoaccept"
	"github.com/tollbooth/tollbooth/internal/jurisdiction"
)

// runAccuracy measures the recognizer and the auto-accept policy on a folder of photos with known
// plates, through the code the worker runs, against the configured Vision endpoint.
func runAccuracy(ctx context.Context, env *cli, args []string) error {
	fs := flag.NewFlagSet("accuracy", flag.ContinueOnError)
	booth := fs.String("booth", "", "a booth id (its configured jurisdictions) or jurisdiction codes, e.g. us-ca,us-nv or br (default: the default jurisdictions)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	concurrency := fs.Int("concurrency", 2, "photos read at once")
	minConf := fs.Float64("min-confidence", -1, "lowest recognizer confidence accepted (default: TOLLBOOTH_AUTO_ACCEPT_CONFIDENCE)")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 || *concurrency < 1 || *minConf > 1 {
		return fmt.Errorf("%w: give one folder (photos and truth.csv with columns file,plate), --concurrency at least 1", errUsage)
	}
	cfg, err := env.config()
	if err != nil {
		return err
	}
	policy := autoaccept.Policy{Jurisdictions: cfg.Jurisdictions.Default, MinConfidence: cfg.AutoAcceptConfidence}
	if *minConf >= 0 {
		policy.MinConfidence = *minConf
	}
	if *booth != "" {
		if policy.Jurisdictions, err = boothJurisdictions(cfg.Jurisdictions.ByBooth, *booth); err != nil {
			return err
		}
	}
	set, err := accuracy.LoadSet(rest[0])
	if err != nil {
		return err
	}
	cloud, err := env.cloudClients(ctx, app.NeedVision|app.NeedSecondOpinion)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "reading %d photos of %s against Vision at %s (jurisdictions %s)\n",
		len(set.Samples), set.Dir, orGoogle(cfg.VisionEndpoint), strings.Join(policy.Jurisdictions, ","))
	opts := accuracy.Options{Concurrency: *concurrency}
	if cloud.SecondOpinion != nil { // as the worker decides with it (TOLLBOOTH_SECOND_OPINION_ENDPOINT)
		opts.SecondOpinion = cloud.SecondOpinion
		fmt.Fprintf(env.stderr, "with the second recognizer at %s\n", cfg.SecondOpinion.Endpoint)
	}
	opts.Progress = func(done, total int) {
		if done%10 == 0 || done == total {
			fmt.Fprintf(env.stderr, "  %d/%d photos\n", done, total)
		}
	}
	report := accuracy.Run(ctx, cloud.Vision, set, policy, opts)
	if err := ctx.Err(); err != nil {
		return err
	}
	if *asJSON {
		return report.WriteJSON(env.stdout)
	}
	return report.WriteText(env.stdout)
}

// boothJurisdictions reads --booth: a configured booth id, or a list of jurisdiction codes.
func boothJurisdictions(byBooth map[string][]string, booth string) ([]string, error) {
	if codes, ok := byBooth[booth]; ok {
		return codes, nil
	}
	codes, err := jurisdiction.ParseCodes(booth)
	if err != nil {
		return nil, fmt.Errorf("--booth %q is neither a booth in TOLLBOOTH_BOOTH_JURISDICTIONS nor a list of jurisdiction codes: %w", booth, err)
	}
	return codes, nil
}

func orGoogle(endpoint string) string {
	if endpoint == "" {
		return "Google"
	}
	return endpoint
}
