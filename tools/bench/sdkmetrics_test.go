package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/stretchr/testify/require"
)

// Two workers' histograms add up per queue (sticky queues together), a scrape taken before the
// spike is subtracted, and the quantiles interpolate within buckets as histogram_quantile does.
func TestScheduleToStartFromTwoWorkersScrapes(t *testing.T) {
	const metric = "tollbooth_temporal_activity_schedule_to_start_latency_seconds"
	scrape := func(t *testing.T, texts ...string) latencyScrape {
		s := latencyScrape{}
		for _, text := range texts {
			p := expfmt.NewTextParser(model.UTF8Validation)
			fams, err := p.TextToMetricFamilies(strings.NewReader(text))
			require.NoError(t, err)
			s.add(fams)
		}
		return s
	}
	hist := func(queue string, le1, le10, inf float64, sum float64) string {
		return "# TYPE " + metric + " histogram\n" +
			metric + `_bucket{task_queue="` + queue + `",le="1"} ` + ftoa(le1) + "\n" +
			metric + `_bucket{task_queue="` + queue + `",le="10"} ` + ftoa(le10) + "\n" +
			metric + `_bucket{task_queue="` + queue + `",le="+Inf"} ` + ftoa(inf) + "\n" +
			metric + `_sum{task_queue="` + queue + `"} ` + ftoa(sum) + "\n" +
			metric + `_count{task_queue="` + queue + `"} ` + ftoa(inf) + "\n"
	}
	before := scrape(t, hist("tollbooth-vision", 10, 10, 10, 1), hist("tollbooth-vision", 0, 0, 0, 0))
	after := scrape(t,
		hist("tollbooth-vision", 60, 100, 110, 500),  // worker 1: +50 under 1 s, +40 in 1–10 s, +10 above
		hist("tollbooth-vision", 0, 100, 100, 400),   // worker 2: 100 in 1–10 s
		hist("host:1234-sticky-queue", 5, 5, 5, 0.1)) // a sticky queue
	sums := after.since(before).summaries()
	require.Len(t, sums, 2)
	var vision latencySummary
	for _, s := range sums {
		if s.queue == "tollbooth-vision" {
			vision = s
		} else {
			require.Equal(t, "sticky", s.queue)
		}
	}
	require.Equal(t, "activity", vision.kind)
	require.Equal(t, 200.0, vision.count)
	require.InDelta(t, 899.0/200, vision.mean, 1e-9)
	// 50 observations ≤ 1 s, 140 in (1, 10], 10 above: the median is rank 100, 50 into the second bucket.
	require.InDelta(t, 1+9*50.0/140, vision.p50.seconds, 1e-9)
	require.False(t, vision.p50.beyond)
	require.Equal(t, "4.2 s", vision.p50.String())
	// p95 is rank 190, the last observation of the (1, 10] bucket: its bound.
	require.Equal(t, quantileEstimate{seconds: 10}, vision.p95)
	// p99 is rank 198, in the +Inf bucket: the last finite bound, as Prometheus answers, and the
	// report says it is only a lower bound.
	require.Equal(t, quantileEstimate{seconds: 10, beyond: true}, vision.p99)
	require.Equal(t, "> 10.0 s", vision.p99.String())
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// The busiest window sums consecutive seconds only, wherever it starts.
func TestWindowPeak(t *testing.T) {
	perSecond := map[int64]int{100: 5, 101: 1, 102: 1, 160: 2, 161: 9}
	require.Equal(t, 9, windowPeak(perSecond, 1))
	require.Equal(t, 11, windowPeak(perSecond, 2))  // 160–161
	require.Equal(t, 12, windowPeak(perSecond, 60)) // 102–161
	require.Equal(t, 18, windowPeak(perSecond, 62)) // 100–161
}
