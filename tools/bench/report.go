package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"time"

	"github.com/tollbooth/tollbooth/internal/visionserver"
)

type reportInput struct {
	pipeline, bare burstResult
	vision         visionserver.StatsSnapshot
	rpsCap         float64
	workerRSSKiB   int
	cost           cost
}

func (b burstResult) throughput() float64 {
	return float64(len(b.latencies)) / b.last.Sub(b.first).Seconds()
}

// percentile of sorted durations, nearest rank.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p/100*float64(len(sorted))+0.5) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func report(w io.Writer, r reportInput) {
	p, b := r.pipeline, r.bare
	pl := slices.Sorted(slices.Values(p.latencies))
	bl := slices.Sorted(slices.Values(b.latencies))
	fmt.Fprintf(w, "\n## tollbooth bench — %s, %d CPUs, %s\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"), runtime.NumCPU(), runtime.Version())
	fmt.Fprintf(w, "| measure | capture pipeline | bare workflow (%d no-op activities) |\n|---|---|---|\n", bareActivities)
	fmt.Fprintf(w, "| workflows | %d | %d |\n", len(pl), len(bl))
	fmt.Fprintf(w, "| throughput (workflows/s) | %.1f | %.1f |\n", p.throughput(), b.throughput())
	fmt.Fprintf(w, "| end-to-end latency p50 / p95 / p99 | %s / %s / %s | %s / %s / %s |\n",
		ms(percentile(pl, 50)), ms(percentile(pl, 95)), ms(percentile(pl, 99)),
		ms(percentile(bl, 50)), ms(percentile(bl, 95)), ms(percentile(bl, 99)))
	fmt.Fprintf(w, "\n- throughput ratio pipeline / bare: **%.2f**\n", p.throughput()/b.throughput())
	fmt.Fprintf(w, "- Vision: %d images in %d requests; peak %d requests/s against a cap of %.0f/s\n",
		r.vision.Images, r.vision.Requests, r.vision.PeakPerSecond, r.rpsCap)
	fmt.Fprintf(w, "- worker peak RSS: %.1f MiB\n", float64(r.workerRSSKiB)/1024)
	fmt.Fprintf(w, "- per capture (mean of %d histories): %.1f history events, %.1f Temporal actions\n",
		r.cost.sampled, r.cost.historyEvents, r.cost.actions)
	fmt.Fprintf(w, "- pipeline latency runs from the photo's upload to the workflow's close (trigger, Pub/Sub and Vision included); bare from its start\n")
}

func ms(d time.Duration) string { return fmt.Sprintf("%d ms", d.Milliseconds()) }
