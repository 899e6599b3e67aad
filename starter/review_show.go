package main

import (
	"context"
	"fmt"

	"github.com/tollbooth/tollbooth/internal/review"
)

// runReviewShow prints what a reviewer needs to decide a capture: its state from the workflow.
func runReviewShow(ctx context.Context, env *cli, args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("%w: give exactly one CAPTURE_ID", errUsage)
	}
	c, err := env.temporalClient()
	if err != nil {
		return err
	}
	st, err := review.Show(ctx, c, args[0])
	if err != nil {
		return fmt.Errorf("%w (a decided capture's record: starter status %s)", err, args[0])
	}
	return printJSON(env, st)
}
