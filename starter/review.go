package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/tollbooth/tollbooth/signals"
)

func runReview(ctx context.Context, env *cli, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "list":
			return runReviewList(ctx, env, args[1:])
		case "show":
			return runReviewShow(ctx, env, args[1:])
		}
	}
	if len(args) == 0 || args[0] != "submit" {
		return fmt.Errorf("%w: the review subcommands are list, show and submit", errUsage)
	}
	fs := flag.NewFlagSet("review submit", flag.ContinueOnError)
	plateText := fs.String("plate", "", "the plate as read on the photo")
	unreadable := fs.Bool("unreadable", false, "no plate is readable on the photo")
	reviewer := fs.String("reviewer", "", "your reviewer id (required)")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: give exactly one CAPTURE_ID", errUsage)
	}
	id := pos[0]
	decision := signals.ReviewDecision{Plate: *plateText, Unreadable: *unreadable, ReviewerID: *reviewer, DecidedAt: time.Now().UTC()}
	// An offline check first, so a typo needs no server; the workflow's validator has the last word.
	if err := decision.Validate(); err != nil {
		return err
	}
	captures, err := env.captures(ctx)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	res, err := captures.Decide(ctx, id, decision)
	var late *signals.NotWaitingError
	switch {
	case errors.As(err, &late):
		return fmt.Errorf("capture %s is not waiting for a review: %s", id, decidedText(late))
	case err != nil:
		return fmt.Errorf("capture %s: %w", id, err)
	}
	fmt.Fprintf(env.stdout, "capture %s: %s, plate %s, decided by %s\n", res.CaptureID, res.Status, orDash(res.Plate), res.Decision)
	return nil
}

// decidedText says what became of a capture a decision came too late for: who decided, and what.
func decidedText(late *signals.NotWaitingError) string {
	if late.Status == "" {
		return "no such capture waits for a review"
	}
	return fmt.Sprintf("it is %s (plate %s, decided by %s)", late.Status, orDash(late.Plate), orDash(late.Decision))
}
