package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"go.temporal.io/sdk/client"

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
	handle, err := c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID:   signals.CaptureWorkflowID(pos[0]),
		UpdateName:   signals.ReviewDecisionUpdate,
		Args:         []any{decision},
		WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	if err != nil {
		return fmt.Errorf("capture %s: %w", pos[0], err)
	}
	var res signals.ReviewResult
	if err := handle.Get(ctx, &res); err != nil {
		return fmt.Errorf("capture %s: %w", pos[0], err)
	}
	fmt.Fprintf(env.stdout, "capture %s: %s, plate %s, decided by %s\n", res.CaptureID, res.Status, orDash(res.Plate), res.Decision)
	return nil
}
