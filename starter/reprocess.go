package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/tollbooth/tollbooth/internal/captureclient"
)

// runReprocess starts a new run of each capture whose last run ended terminated, failed, timed out
// or canceled and that has no final record; any other capture is refused with the reason, one line
// per id. It fails when any capture was refused or could not be started.
func runReprocess(ctx context.Context, env *cli, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: give one or more CAPTURE_IDs", errUsage)
	}
	captures, err := env.captures(ctx)
	if err != nil {
		return err
	}
	var started, refused, failed int
	for _, id := range args {
		s, err := captures.Reprocess(ctx, id)
		var r *captureclient.ReprocessRefusedError
		switch {
		case errors.As(err, &r):
			refused++
			fmt.Fprintf(env.stderr, "refused: %v\n", r)
		case err != nil:
			failed++
			fmt.Fprintf(env.stderr, "failed: %v\n", err)
		default:
			started++
			fmt.Fprintf(env.stdout, "%s\treprocessing: run %s\n", s.CaptureID, s.RunID)
		}
	}
	fmt.Fprintf(env.stderr, "%d reprocessing, %d refused, %d failed\n", started, refused, failed)
	if refused+failed > 0 {
		return fmt.Errorf("%d of %d captures not reprocessed", refused+failed, len(args))
	}
	return nil
}
