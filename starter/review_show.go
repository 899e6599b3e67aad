package main

import (
	"context"
	"fmt"
)

// runReviewShow prints what a reviewer needs to decide a capture: its state, with the recognizer's
// candidates, raw text and photo (the same as `status`, named for the review workflow).
func runReviewShow(ctx context.Context, env *cli, args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("%w: give exactly one CAPTURE_ID", errUsage)
	}
	return showCapture(ctx, env, args[0])
}
