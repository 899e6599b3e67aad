package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/audit"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/internal/plate"
)

// auditLog opens the audit log in Firestore; tests replace it.
var auditLog = func(ctx context.Context, env *cli) (audit.Log, error) {
	cloud, err := env.cloudClients(ctx, app.NeedFirestore)
	if err != nil {
		return nil, err
	}
	return gcp.AuditLog{Client: cloud.Firestore}, nil
}

const maxAuditLimit = 10000

// runAudit lists the audit log's plate reads: who saw which plate's captures, when, from where.
func runAudit(ctx context.Context, env *cli, args []string) error {
	fs := flag.NewFlagSet("audit", flag.ContinueOnError)
	p := fs.String("plate", "", "only reads of this plate")
	key := fs.String("key", "", "only reads by this API key id (or oidc:SUBJECT)")
	since := fs.String("since", "24h", "how far back: a duration (24h, 30m) or an RFC 3339 time")
	limit := fs.Int("limit", 1000, "at most this many entries, newest first")
	asJSON := fs.Bool("json", false, "one JSON object per line")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected %q (use --plate)", errUsage, pos[0])
	}
	q := audit.Query{KeyID: strings.TrimSpace(*key), Limit: *limit}
	if *p != "" {
		if q.Plate = plate.Normalize(*p); q.Plate == "" {
			return fmt.Errorf("%w: --plate %q is not a plate", errUsage, *p)
		}
	}
	if q.Since, err = sinceFlag(*since, time.Now()); err != nil {
		return fmt.Errorf("%w: --since: %v", errUsage, err)
	}
	if *limit < 1 || *limit > maxAuditLimit {
		return fmt.Errorf("%w: --limit: from 1 to %d", errUsage, maxAuditLimit)
	}
	log, err := auditLog(ctx, env)
	if err != nil {
		return err
	}
	entries, err := log.PlateReads(ctx, q)
	if err != nil {
		return fmt.Errorf("read the audit log: %w", err)
	}
	if *asJSON {
		enc := json.NewEncoder(env.stdout)
		for _, e := range entries {
			if err := enc.Encode(e); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "AT (UTC)\tPLATE\tKEY\tCUSTOMER\tSCOPE\tCLIENT\tCAPTURES")
	for _, e := range entries {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.At.UTC().Format(time.RFC3339), e.Plate, e.KeyID, dash(e.Customer),
			e.Scope, dash(e.ClientAddr), dash(strings.Join(e.CaptureIDs, " ")))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "%d plate reads since %s\n", len(entries), q.Since.UTC().Format(time.RFC3339))
	return nil
}

// sinceFlag reads a duration back from now, or a time.
func sinceFlag(v string, now time.Time) (time.Time, error) {
	if d, err := time.ParseDuration(v); err == nil && d > 0 {
		return now.Add(-d), nil
	}
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is neither a positive duration like 24h nor an RFC 3339 time", v)
}
