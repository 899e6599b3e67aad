package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"cloud.google.com/go/storage"
	"google.golang.org/api/iterator"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/capture"
)

// runBackfill starts the workflow of every photo under a prefix: for photos whose upload event was
// lost, or that were copied into the bucket with notifications off. Photos already captured are
// found, not started again.
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
		if s.Existing {
			existing++
		} else {
			started++
		}
	}
	fmt.Fprintf(env.stderr, "%d started, %d already had a workflow\n", started, existing)
	return nil
}
