package main

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// printTable writes the suite's table, then every problem under it; it returns whether every row
// passed.
func printTable(w io.Writer, results []result) bool {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FAULT\tPHOTOS\tLOST\tDUPLICATED\tTIME TO DRAIN: RECORDS\tEXPORT\tREVIEWED\tEXPORTED ROWS\tRESULT\tNOTE")
	ok := true
	photos, lost, dup := 0, 0, 0
	for _, r := range results {
		verdict := "ok"
		if !r.OK() {
			verdict, ok = "FAILED", false
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\t%d\t%d\t%s\t%s\n", r.Fault.Title, r.Photos, r.Tally.Lost(), r.Tally.Duplicated(),
			seconds(r.Drain), seconds(r.Billed), r.Reviewed, r.Exported, verdict, r.Note)
		photos, lost, dup = photos+r.Photos, lost+r.Tally.Lost(), dup+r.Tally.Duplicated()
	}
	fmt.Fprintf(tw, "all\t%d\t%d\t%d\t\t\t\t\t\t\n", photos, lost, dup)
	tw.Flush()
	for _, r := range results {
		if r.Err != nil {
			fmt.Fprintf(w, "\n%s: %v\n", r.Fault.Title, r.Err)
		}
		if problems := r.Tally.Problems(); len(problems) > 0 {
			fmt.Fprintf(w, "\n%s:\n", r.Fault.Title)
			for _, p := range problems {
				fmt.Fprintf(w, "  %s\n", p)
			}
		}
	}
	return ok
}

func seconds(d time.Duration) string {
	if d <= 0 {
		return "-"
	}
	return d.Round(100 * time.Millisecond).String()
}
