package main

import (
	"fmt"
	"io"
	"math"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/tollbooth/tollbooth/internal/devstack"
)

// report writes the spike's figures as Markdown, ready for BENCHMARKS.md.
func (r *spikeRun) report(w io.Writer) {
	p, b := r.pipe, r.bare
	stub := ""
	if r.opts.stubCloud {
		stub = ", Firestore and storage stubbed in the workers (bench only)"
	}
	fmt.Fprintf(w, "\n## tollbooth spike — %s, commit %s\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"), r.commit)
	fmt.Fprintf(w, "%d photos, %d worker process(es), Temporal %s, Vision fixture capped at %g/s%s. "+
		"Machine: %d CPUs, %s; load average %s before, %s after.\n\n",
		p.count, r.opts.workers, r.mode, r.opts.rps, stub, runtime.NumCPU(), runtime.Version(), r.loadBefore, r.loadAfter)

	fmt.Fprintf(w, "| measure | capture pipeline (spike) | bare workflow (%d no-op activities) |\n|---|---|---|\n", r.opts.floorActivities)
	row := func(name, pipe, bare string) { fmt.Fprintf(w, "| %s | %s | %s |\n", name, pipe, bare) }
	bareOr := func(f func(*phaseResult) string) string {
		if b == nil {
			return "not measured (--bare=false)"
		}
		return f(b)
	}
	row("workflows", fmt.Sprint(len(p.closeTimes)), bareOr(func(b *phaseResult) string { return fmt.Sprint(len(b.closeTimes)) }))
	row("arrival rate (uploads or starts / s)", fmt.Sprintf("%.0f", p.arrivalRate()), bareOr(func(b *phaseResult) string { return fmt.Sprintf("%.0f", b.arrivalRate()) }))
	row("all arrived after", secs(p.lastArrival.Sub(p.firstStart)), bareOr(func(b *phaseResult) string { return secs(b.lastArrival.Sub(b.firstStart)) }))
	row("drain time (last arrival → last close)", secs(p.lastClose().Sub(p.lastArrival)), bareOr(func(b *phaseResult) string { return secs(b.lastClose().Sub(b.lastArrival)) }))
	row("throughput (first arrival → last close, workflows/s)", fmt.Sprintf("%.1f", p.throughput()), bareOr(func(b *phaseResult) string { return fmt.Sprintf("%.1f", b.throughput()) }))
	row("peak in flight (arrived, not closed)", fmt.Sprint(peakInFlight(p)), bareOr(func(b *phaseResult) string { return fmt.Sprint(peakInFlight(b)) }))
	row("Temporal server's CPU per workflow"+serverIncludes(r.mode), serverCPUPerWorkflow(p), bareOr(serverCPUPerWorkflow))
	row("Temporal server's share of the machine"+serverIncludes(r.mode), serverShare(p), bareOr(serverShare))
	if b != nil {
		fmt.Fprintf(w, "\n- throughput ratio pipeline / bare, same server, same run: **%.2f**\n", p.throughput()/b.throughput())
	}

	fmt.Fprintf(w, "- task-queue backlog peaks (ApproximateBacklogCount, what KEDA's temporal scaler reads):")
	for _, q := range taskQueuesToWatch {
		fmt.Fprintf(w, " %s %d;", q, peakBacklog(p, q.String()))
	}
	fmt.Fprintln(w)
	v := p.vision
	peak10, peak60 := windowPeak(p.visionPerSecond, 10), windowPeak(p.visionPerSecond, 60)
	fmt.Fprintf(w, "- Vision: %d images in %d requests, mean %.1f/s over the spike, against a cap of %g/s: "+
		"busiest minute %d images (%.1f/s: %s), busiest 10 s %d (%.1f/s), busiest second %d\n",
		v.Images, v.Requests, float64(v.Images)/p.lastClose().Sub(p.firstStart).Seconds(), r.opts.rps,
		peak60, float64(peak60)/60, capVerdict(peak60, 60*r.opts.rps), peak10, float64(peak10)/10, v.PeakPerSecond)
	c := r.check
	records := fmt.Sprintf("%d records of the spike's photos, %d in the collection", c.records, c.allRecords)
	if c.records < 0 {
		records = "records not checked (stubbed in the workers' memory)"
	}
	fmt.Fprintf(w, "- exactly once: %d photos, %d capture runs of them (%d stray runs), %s: **%d lost, %d duplicated**\n",
		c.photos, c.runs, c.strayRuns, records, len(c.lost), len(c.duplicated))
	for i, id := range append(c.lost, c.duplicated...) {
		if i == 10 {
			fmt.Fprintf(w, "  - … and %d more\n", len(c.lost)+len(c.duplicated)-10)
			break
		}
		fmt.Fprintf(w, "  - %s\n", id)
	}
	workerCPU := p.cpu.sum("worker-")
	stubNote := ""
	if r.opts.stubCloud {
		stubNote = " (the stub workers hold every photo of the spike in memory)"
	}
	fmt.Fprintf(w, "- workers: peak RSS %s%s; CPU %.1f s in all, **%.1f ms per capture**\n",
		rssList(p.workerRSSKiB), stubNote, workerCPU, 1000*workerCPU/float64(p.count))
	fmt.Fprintf(w, "- per capture (mean of %d histories): %.1f history events, %.1f Temporal actions\n",
		r.cost.sampled, r.cost.historyEvents, r.cost.actions)

	fmt.Fprintf(w, "\nSchedule-to-start latency during the spike (the workers' SDK metrics, histograms of all workers added):\n\n")
	fmt.Fprintf(w, "| task | queue | tasks | mean | p50 | p95 | p99 |\n|---|---|---|---|---|---|---|\n")
	for _, l := range p.scheduleToStart {
		fmt.Fprintf(w, "| %s | %s | %.0f | %s | %s | %s | %s |\n", l.kind, l.queue, l.count, dur(l.mean), l.p50, l.p95, l.p99)
	}

	fmt.Fprintf(w, "\nWhere the machine's CPU went during the spike (%s × %d CPUs = %.0f CPU-seconds):\n\n", secs(p.cpu.elapsed), p.cpu.cpus, p.cpu.capacity())
	fmt.Fprintf(w, "| process | CPU s | share of the machine |\n|---|---|---|\n")
	for _, name := range p.cpu.order {
		if s := p.cpu.seconds[name]; s >= 0.05 {
			fmt.Fprintf(w, "| %s | %.1f | %.0f%% |\n", name, s, 100*s/p.cpu.capacity())
		}
	}
	fmt.Fprintf(w, "| everything else on the machine | %.1f | %.0f%% |\n", p.cpu.others(), 100*p.cpu.others()/p.cpu.capacity())
	idle := max(0, p.cpu.capacity()-p.cpu.busy)
	fmt.Fprintf(w, "| idle | %.1f | %.0f%% |\n", idle, 100*idle/p.cpu.capacity())

	fmt.Fprintf(w, "\nThroughput per 10 s (captures closed per second, by close time, from the first upload):\n\n")
	fmt.Fprintln(w, "```")
	fmt.Fprintln(w, throughputSeries(p))
	fmt.Fprintln(w, "```")
	if p.profile != "" || p.profileTop != "" {
		fmt.Fprintf(w, "\nCPU profile of worker-1 (%s, %s during the drain; `go tool pprof -top`):\n\n```\n%s\n```\n",
			p.profile, r.opts.profileFor, strings.TrimSpace(p.profileTop))
	}
}

// throughputSeries lists closes per second in each 10-second window, eight windows a line.
func throughputSeries(p *phaseResult) string {
	n := int(p.lastClose().Sub(p.firstStart)/throughputWindow) + 1
	counts := make([]int, n)
	for _, t := range p.closeTimes {
		if i := int(t.Sub(p.firstStart) / throughputWindow); i >= 0 && i < n {
			counts[i]++
		}
	}
	var b strings.Builder
	for i, c := range counts {
		if i > 0 && i%8 == 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%4ds %5.1f  ", i*int(throughputWindow.Seconds()), float64(c)/throughputWindow.Seconds())
	}
	return strings.TrimRight(b.String(), " ")
}

func peakInFlight(p *phaseResult) int64 {
	var peak int64
	for _, s := range p.samples {
		peak = max(peak, s.inFlight())
	}
	return peak
}

func peakBacklog(p *phaseResult, queue string) int64 {
	var peak int64
	for _, s := range p.samples {
		peak = max(peak, s.backlog[queue])
	}
	return peak
}

// capVerdict judges the cap on a minute: Vision's quotas count requests per minute, and the
// server's rate limiter lets short bursts above the per-second rate through (a token bucket).
func capVerdict(images int, limit float64) string {
	if float64(images) <= math.Ceil(limit) {
		return "the cap held"
	}
	return "ABOVE THE CAP"
}

// windowPeak is the most images in any window of the given number of consecutive seconds.
func windowPeak(perSecond map[int64]int, window int64) int {
	peak := 0
	for start := range perSecond {
		n := 0
		for s := start; s < start+window; s++ {
			n += perSecond[s]
		}
		peak = max(peak, n)
	}
	return peak
}

func rssList(kib []int) string {
	var parts []string
	for _, k := range kib {
		parts = append(parts, fmt.Sprintf("%.0f MiB", float64(k)/1024))
	}
	return strings.Join(parts, ", ")
}

func secs(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()) }

func dur(seconds float64) string {
	switch {
	case math.IsNaN(seconds):
		return "–"
	case seconds < 1:
		return fmt.Sprintf("%.0f ms", seconds*1000)
	default:
		return fmt.Sprintf("%.1f s", seconds)
	}
}

// commit is the checked-out commit, "+dirty" when tracked files have changes.
func commit() string {
	out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	c := strings.TrimSpace(string(out))
	if status, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(strings.TrimSpace(string(status))) > 0 {
		c += "+dirty"
	}
	return c
}

// serverSeconds is the CPU the Temporal server took in a phase, with its database in postgres mode.
func serverSeconds(res *phaseResult) float64 {
	return res.cpu.seconds[devstack.ServiceTemporal] + res.cpu.seconds[devstack.ServicePostgres]
}

// serverIncludes names what the server rows count besides the server: its database in postgres
// mode; the dev server keeps its SQLite file in its own process.
func serverIncludes(mode string) string {
	if mode == string(devstack.TemporalPostgres) {
		return " (with PostgreSQL)"
	}
	return ""
}

// serverCPUPerWorkflow and serverShare say what a workflow costs the server, and how much of the
// machine the server got: the ratio of the two phases' throughputs is the product of the two
// ratios, which tells a server starved by the pipeline's other programs from a pipeline that asks
// more of the server per workflow.
func serverCPUPerWorkflow(res *phaseResult) string {
	return fmt.Sprintf("%.1f ms", 1000*serverSeconds(res)/float64(res.count))
}

func serverShare(res *phaseResult) string {
	return fmt.Sprintf("%.0f%%", 100*serverSeconds(res)/res.cpu.capacity())
}
