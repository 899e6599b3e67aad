package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tollbooth/tollbooth/internal/captureclient"
)

// runReviewList prints one page of the review queue, oldest first; --page continues from the
// token the previous page printed.
func runReviewList(ctx context.Context, env *cli, args []string) error {
	fs := flag.NewFlagSet("review list", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "one JSON object per line, then {\"next_token\": ...} if there is more")
	limit := fs.Int("limit", captureclient.DefaultPageSize, fmt.Sprintf("captures per page (at most %d)", captureclient.MaxPageSize))
	page := fs.String("page", "", "the next-page token a previous list printed")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return fmt.Errorf("%w: review list takes no arguments", errUsage)
	}
	captures, err := env.captures(ctx)
	if err != nil {
		return err
	}
	p, err := captures.Queue(ctx, *page, *limit)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.stdout)
		for _, it := range p.Items {
			if err := enc.Encode(it); err != nil {
				return err
			}
		}
		if p.NextToken != "" {
			return enc.Encode(map[string]string{"next_token": p.NextToken})
		}
		return nil
	}
	if len(p.Items) == 0 {
		fmt.Fprintln(env.stdout, "no capture is waiting for a review")
		return nil
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CAPTURE\tBOOTH\tTAKEN\tAGE\tCANDIDATES\tRAW TEXT\tPHOTO")
	for _, it := range p.Items {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", it.CaptureID, it.BoothID, it.CaptureTime.Format(time.RFC3339),
			it.Age, orDash(candidateList(it)), orDash(oneLine(it.RawText, 30)), it.PhotoURI)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "\n%d waiting from here on", p.Total)
	if p.NextToken != "" {
		fmt.Fprintf(env.stdout, "; next page: starter review list --page %s", p.NextToken)
	}
	fmt.Fprintln(env.stdout)
	return nil
}

func candidateList(it captureclient.Item) string {
	var out []string
	for _, c := range it.Candidates {
		out = append(out, fmt.Sprintf("%s (%.2f)", c.Plate, c.Confidence))
	}
	return strings.Join(out, ", ")
}

// oneLine shows text on one line, cut at n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
