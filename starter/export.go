package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"text/tabwriter"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/signals"
)

func runExport(ctx context.Context, env *cli, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: say now or list", errUsage)
	}
	switch args[0] {
	case "now":
		return runExportNow(ctx, env, args[1:])
	case "list":
		return runExportList(ctx, env, args[1:])
	}
	return fmt.Errorf("%w: unknown export command %q", errUsage, args[0])
}

// runExportNow triggers the export schedule: the run exports every waiting batch, after a running
// export if there is one.
func runExportNow(ctx context.Context, env *cli, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("%w: export now takes no arguments", errUsage)
	}
	c, err := env.temporalClient()
	if err != nil {
		return err
	}
	cfg, _ := env.config()
	if err := app.EnsureSchedules(ctx, c, cfg); err != nil {
		return err
	}
	if err := app.TriggerExport(ctx, c); err != nil {
		return fmt.Errorf("trigger schedule %s: %w", signals.ExportScheduleID, err)
	}
	fmt.Fprintf(env.stdout, "export triggered (schedule %s); follow it at %s/namespaces/%s/schedules/%s\n",
		signals.ExportScheduleID, cfg.Temporal.UIBaseURL, cfg.Temporal.Namespace, signals.ExportScheduleID)
	fmt.Fprintln(env.stdout, "then: starter export list")
	return nil
}

func runExportList(ctx context.Context, env *cli, args []string) error {
	fs := flag.NewFlagSet("export list", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "one JSON object per line")
	limit := fs.Int("limit", 50, "at most this many, newest first (0: all)")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	cloud, err := env.cloudClients(ctx, app.NeedFirestore)
	if err != nil {
		return err
	}
	list, err := gcp.Exports{Client: cloud.Firestore}.ListBatches(ctx, *limit)
	if err != nil {
		return fmt.Errorf("list export batches: %w", err)
	}
	if *asJSON {
		enc := json.NewEncoder(env.stdout)
		for _, b := range list {
			if err := enc.Encode(b); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "BATCH\tSTATUS\tROWS\tCREATED (UTC)\tEXPORTED (UTC)\tBUCKET\tFTP")
	for _, b := range list {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\n", b.BatchID, b.Status, b.Count, formatTime(b.CreatedAt),
			formatTime(b.ExportedAt), orDash(b.GCSURI), orDash(b.FTPURI))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "%d batches\n", len(list))
	return nil
}
