package main

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/tollbooth/tollbooth/signals"
)

// Schedule-to-start latency from the SDK's metrics (the workers' /metrics): how long a task waited
// in its queue before a worker took it. The latencies are histograms (internal/app/metrics.go), so
// the buckets of all workers add up, and the difference of two scrapes is exactly the phase's.

// scheduleToStartMetrics are the SDK's histograms, by the kind of task they time.
var scheduleToStartMetrics = map[string]string{
	"tollbooth_temporal_workflow_task_schedule_to_start_latency_seconds": "workflow task",
	"tollbooth_temporal_activity_schedule_to_start_latency_seconds":      "activity",
}

// histKey names one histogram series after aggregation: the kind of task and the queue.
type histKey struct{ kind, queue string }

// histogram is cumulative bucket counts by upper bound, plus the sum and the count.
type histogram struct {
	bounds []float64
	counts []float64 // cumulative, one per bound, +Inf last
	sum    float64
	count  float64
}

// latencyScrape is every worker's schedule-to-start histograms, added up.
type latencyScrape map[histKey]*histogram

// scrapeLatencies reads each worker's /metrics and adds up the schedule-to-start histograms.
func scrapeLatencies(ctx context.Context, workers []*proc) (latencyScrape, error) {
	out := latencyScrape{}
	for _, w := range workers {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+w.metrics+"/metrics", nil)
		if err != nil {
			return nil, err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, fmt.Errorf("metrics of %s: %w", w.name, err)
		}
		parser := expfmt.NewTextParser(model.UTF8Validation)
		families, err := parser.TextToMetricFamilies(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("metrics of %s: %w", w.name, err)
		}
		out.add(families)
	}
	return out, nil
}

func (s latencyScrape) add(families map[string]*dto.MetricFamily) {
	for name, kind := range scheduleToStartMetrics {
		fam := families[name]
		if fam == nil {
			continue
		}
		for _, m := range fam.GetMetric() {
			h := m.GetHistogram()
			if h == nil {
				continue
			}
			key := histKey{kind: kind, queue: queueGroup(label(m, "task_queue"))}
			bounds, counts := cumulativeBuckets(h)
			agg := s[key]
			if agg == nil {
				agg = &histogram{bounds: bounds, counts: make([]float64, len(counts))}
				s[key] = agg
			}
			if len(counts) != len(agg.counts) {
				continue // another bucket layout: not comparable
			}
			for i, c := range counts {
				agg.counts[i] += c
			}
			agg.sum += h.GetSampleSum()
			agg.count += float64(h.GetSampleCount())
		}
	}
}

// cumulativeBuckets are a histogram's bounds and cumulative counts, ending with +Inf (the text
// format lists it; a histogram made in code may not).
func cumulativeBuckets(h *dto.Histogram) (bounds, counts []float64) {
	for _, b := range h.GetBucket() {
		bounds = append(bounds, b.GetUpperBound())
		counts = append(counts, float64(b.GetCumulativeCount()))
	}
	if len(bounds) == 0 || !math.IsInf(bounds[len(bounds)-1], 1) {
		bounds = append(bounds, math.Inf(1))
		counts = append(counts, float64(h.GetSampleCount()))
	}
	return bounds, counts
}

// queueGroup names a task queue for the report; a worker's sticky queue (one per worker process,
// random name) counts as its workflow queue's sticky part.
func queueGroup(q string) string {
	switch q {
	case signals.CaptureTaskQueue, signals.VisionTaskQueue:
		return q
	}
	return "sticky"
}

func label(m *dto.Metric, name string) string {
	for _, l := range m.GetLabel() {
		if l.GetName() == name {
			return l.GetValue()
		}
	}
	return ""
}

// since is what was observed between before and s.
func (s latencyScrape) since(before latencyScrape) latencyScrape {
	out := latencyScrape{}
	for k, h := range s {
		d := &histogram{bounds: h.bounds, counts: slices.Clone(h.counts), sum: h.sum, count: h.count}
		if b := before[k]; b != nil && len(b.counts) == len(d.counts) {
			for i := range d.counts {
				d.counts[i] -= b.counts[i]
			}
			d.sum -= b.sum
			d.count -= b.count
		}
		if d.count > 0 {
			out[k] = d
		}
	}
	return out
}

// quantileEstimate is a quantile in seconds; beyond: it is above seconds, the histogram's last
// finite bound.
type quantileEstimate struct {
	seconds float64
	beyond  bool
}

// String is the estimate for the report: "> 1800.0 s" when it is only a lower bound.
func (e quantileEstimate) String() string {
	if e.beyond {
		return "> " + dur(e.seconds)
	}
	return dur(e.seconds)
}

// quantile estimates the q-quantile the way Prometheus's histogram_quantile does: linear within
// the bucket that holds it; in the +Inf bucket, the last finite bound, with beyond set: the
// quantile is only known to lie above it (the waits of a long spike can outlast the buckets).
func (h *histogram) quantile(q float64) quantileEstimate {
	if h.count == 0 {
		return quantileEstimate{seconds: math.NaN()}
	}
	rank := q * h.count
	lower, below := 0.0, 0.0
	for i, c := range h.counts {
		if c >= rank {
			if math.IsInf(h.bounds[i], 1) {
				return quantileEstimate{seconds: lower, beyond: true}
			}
			if c == below {
				return quantileEstimate{seconds: h.bounds[i]}
			}
			return quantileEstimate{seconds: lower + (h.bounds[i]-lower)*(rank-below)/(c-below)}
		}
		lower, below = h.bounds[i], c
	}
	return quantileEstimate{seconds: lower, beyond: true}
}

// latencySummary is one line of the report's schedule-to-start table.
type latencySummary struct {
	kind, queue   string
	count         float64
	mean          float64
	p50, p95, p99 quantileEstimate
}

func (s latencyScrape) summaries() []latencySummary {
	var out []latencySummary
	for k, h := range s {
		out = append(out, latencySummary{kind: k.kind, queue: k.queue, count: h.count, mean: h.sum / h.count,
			p50: h.quantile(0.50), p95: h.quantile(0.95), p99: h.quantile(0.99)})
	}
	slices.SortFunc(out, func(a, b latencySummary) int {
		return strings.Compare(a.kind+a.queue, b.kind+b.queue)
	})
	return out
}
