package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/internal/review"
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
	decision := signals.ReviewDecision{Plate: *plateText, Unreadable: *unreadable, ReviewerID: *reviewer, DecidedAt: time.Now().UTC()}
	// Check here first for a quick answer; the workflow's validator checks again and has the last word.
	if err := decision.Validate(); err != nil {
		return err
	}
	c, err := env.temporalClient()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	res, err := review.Submit(ctx, c, pos[0], decision)
	if errors.Is(err, review.ErrNotWaiting) {
		return notWaiting(ctx, env, pos[0])
	}
	if err != nil {
		return fmt.Errorf("capture %s: %w", pos[0], err)
	}
	fmt.Fprintf(env.stdout, "capture %s: %s, plate %s, decided by %s\n", res.CaptureID, res.Status, orDash(res.Plate), res.Decision)
	return nil
}

// notWaiting explains a refused decision with what the record says: who decided, and what.
func notWaiting(ctx context.Context, env *cli, captureID string) error {
	cloud, err := env.cloudClients(ctx, app.NeedFirestore)
	if err != nil {
		return err
	}
	rec, err := gcp.Captures{Client: cloud.Firestore}.Get(ctx, captureID)
	switch {
	case err != nil:
		return err
	case rec == nil:
		return fmt.Errorf("capture %s: no such capture waits for a review", captureID)
	case rec.Status == capture.StatusAwaitingReview:
		return fmt.Errorf("capture %s: %w", captureID, review.ErrNotWaiting)
	}
	return fmt.Errorf("capture %s is not waiting for a review: it is %s (plate %s, decided by %s)",
		captureID, rec.Status, orDash(rec.Plate), orDash(rec.Decision))
}
