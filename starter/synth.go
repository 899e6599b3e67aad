package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/tollbooth/tollbooth/internal/synth"
)

func runSynth(_ context.Context, env *cli, args []string) error {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	count := fs.Int("count", 10, "how many photos")
	out := fs.String("out", "", "folder to write them and truth.csv into (required)")
	seed := fs.Int64("seed", 1, "same seed, same photos")
	hard := fs.Float64("hard-share", 0, "share of photos made hard to read (0 to 1), for captures that need a reviewer")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if *out == "" || *count < 1 || *hard < 0 || *hard > 1 {
		return fmt.Errorf("%w: --out is required, --count at least 1, --hard-share from 0 to 1", errUsage)
	}
	samples, err := synth.WriteDir(*out, synth.Options{Count: *count, Seed: *seed, HardShare: *hard})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "wrote %d photos and truth.csv to %s\n", len(samples), *out)
	return nil
}
