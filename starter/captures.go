package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/gcp"
)

func runCaptures(ctx context.Context, env *cli, args []string) error {
	fs := flag.NewFlagSet("captures", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "one JSON object per line")
	limit := fs.Int("limit", 200, "at most this many, newest capture first (0: all)")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	cloud, err := env.cloudClients(ctx, app.NeedFirestore)
	if err != nil {
		return err
	}
	recs, err := gcp.Captures{Client: cloud.Firestore}.List(ctx, *limit)
	if err != nil {
		return fmt.Errorf("list captures: %w", err)
	}
	if *asJSON {
		enc := json.NewEncoder(env.stdout)
		for _, r := range recs { // the record as stored: the same fields as the API's captures
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CAPTURE ID\tBOOTH\tCAPTURED (UTC)\tSTATUS\tPLATE\tCONFIDENCE\tDECISION\tNOTE")
	for _, r := range recs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%.2f\t%s\t%s\n", r.CaptureID, orDash(r.BoothID), formatTime(r.CaptureTime),
			r.Status, orDash(r.Plate), r.Confidence, orDash(r.Decision), truncate(r.Reason, 60))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "%d captures\n", len(recs))
	return nil
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04:05")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
