package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"cloud.google.com/go/storage"
	"google.golang.org/api/iterator"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/captureclient"
)

// runBackfill starts the workflow of every photo under a prefix: for photos whose upload event was
// lost, or that were copied into the bucket with notifications off. Photos already captured are
// found, not started again; those whose workflow ended without finishing (terminated, failed, timed
// out) and that have no final record are listed for `starter reprocess`, never passed over silently.
func runBackfill(ctx context.Context, env *cli, args []string) error {
	fs := flag.NewFlagSet("backfill", flag.ContinueOnError)
	prefix := fs.String("prefix", capture.PhotoPrefix, "only objects under this prefix")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	cfg, err := env.config()
	if err != nil {
		return err
	}
	cloud, err := env.cloudClients(ctx, app.NeedStorage|app.NeedFirestore)
	if err != nil {
		return err
	}
	captures, err := env.captures(ctx)
	if err != nil {
		return err
	}
	it := cloud.Storage.Bucket(cfg.PhotoBucket).Objects(ctx, &storage.Query{Prefix: *prefix})
	var started, existing int
	var stuck []string
	for {
		obj, err := it.Next()
		if errors.Is(err, iterator.Done) {
			break
		}
		if err != nil {
			return fmt.Errorf("list gs://%s/%s: %w", cfg.PhotoBucket, *prefix, err)
		}
		s, err := captures.Start(ctx, cfg.PhotoBucket, obj.Name, "starter")
		if err != nil {
			return err
		}
		fmt.Fprintln(env.stdout, s.CaptureID)
		if !s.Existing {
			started++
			continue
		}
		err = captures.CheckReprocess(ctx, s.CaptureID)
		var refused *captureclient.ReprocessRefusedError
		switch {
		case err == nil:
			stuck = append(stuck, s.CaptureID)
			fmt.Fprintf(env.stderr, "capture %s (%s): its workflow ended without finishing and it has no final record\n", s.CaptureID, obj.Name)
		case errors.As(err, &refused):
			existing++ // running, or done: as it should be
		default:
			return err
		}
	}
	fmt.Fprintf(env.stderr, "%d started, %d already had a workflow, %d need reprocessing\n", started, existing, len(stuck))
	if len(stuck) > 0 {
		fmt.Fprintf(env.stderr, "run them again with: starter reprocess %s\n", strings.Join(stuck, " "))
	}
	return nil
}
