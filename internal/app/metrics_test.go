package app

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/telemetry"
)

// serveMetrics serves m on a free port and returns a function that scrapes it.
func serveMetrics(t *testing.T, m *Metrics) func() string {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := lis.Addr().String()
	require.NoError(t, lis.Close())
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	require.NoError(t, m.Serve(ctx, addr, false, slog.New(slog.NewTextHandler(io.Discard, nil))))
	return func() string {
		resp, err := http.Get("http://" + addr + "/metrics")
		if err != nil {
			return ""
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			return ""
		}
		return string(body)
	}
}

func TestSDKMetricsAreServedInPrometheusFormat(t *testing.T) {
	m, err := NewMetrics()
	require.NoError(t, err)
	m.Handler.WithTags(map[string]string{"task_queue": "tollbooth-vision"}).Counter("temporal_activity_execution_failed").Inc(2)
	m.Handler.WithTags(map[string]string{"task_queue": "tollbooth-vision"}).Timer("temporal_activity_schedule_to_start_latency").Record(90 * time.Second)
	scrape := serveMetrics(t, m)

	var body string
	require.Eventually(t, func() bool {
		body = scrape()
		// Counters are Prometheus counters; timers are histograms (several workers' buckets add
		// up): 90 s falls in the 120 s bucket. Label values are kept as written.
		return strings.Contains(body, `tollbooth_temporal_activity_execution_failed_total{task_queue="tollbooth-vision"} 2`) &&
			strings.Contains(body, `tollbooth_temporal_activity_schedule_to_start_latency_seconds_bucket{task_queue="tollbooth-vision",le="60"} 0`) &&
			strings.Contains(body, `tollbooth_temporal_activity_schedule_to_start_latency_seconds_bucket{task_queue="tollbooth-vision",le="120"} 1`)
	}, 5*time.Second, 100*time.Millisecond, "%s", body)
	require.NotContains(t, body, "otel_scope", "no scope labels: one scope per program")
	require.NotContains(t, body, "target_info")
}

func TestBusinessHistogramsHaveTheirOwnBuckets(t *testing.T) {
	m, err := NewMetrics()
	require.NoError(t, err)
	// A review that took three hours, through the SDK's timer (the workflow's handler), and a read's
	// confidence through the meter (the activities').
	m.Handler.Timer(telemetry.ReviewWait).Record(3 * time.Hour)
	m.Handler.WithTags(map[string]string{"booth": "north-01"}).Counter(telemetry.CapturesFinished).Inc(1)
	h, err := m.Meter.Float64Histogram(telemetry.RecognitionConfidence)
	require.NoError(t, err)
	h.Record(context.Background(), 0.83)
	scrape := serveMetrics(t, m)

	var body string
	require.Eventually(t, func() bool { body = scrape(); return body != "" }, 5*time.Second, 100*time.Millisecond)
	for _, want := range []string{
		`tollbooth_review_wait_seconds_bucket{le="7200"} 0`,
		`tollbooth_review_wait_seconds_bucket{le="14400"} 1`,
		`tollbooth_review_wait_seconds_bucket{le="604800"} 1`,
		`tollbooth_captures_finished_total{booth="north-01"} 1`,
		`tollbooth_recognition_confidence_bucket{le="0.8"} 0`,
		`tollbooth_recognition_confidence_bucket{le="0.85"} 1`,
	} {
		require.Contains(t, body, want)
	}
}

func TestPipelineGaugesAreMeasuredWhenScrapedAndCached(t *testing.T) {
	m, err := NewMetrics()
	require.NoError(t, err)
	calls := 0
	oldest := time.Now().Add(-90 * time.Minute)
	cfg := config.Config{VisionRPS: 10}
	require.NoError(t, observePipeline(m.Meter, PipelineStore{
		OldestWaiting: func(context.Context) (time.Time, bool, error) { calls++; return oldest, true, nil },
		CountStatus: func(_ context.Context, s capture.Status) (int64, error) {
			if s != capture.StatusAwaitingReview {
				return 0, errors.New("asked for " + string(s))
			}
			return 7, nil
		},
	}, cfg, slog.New(slog.NewTextHandler(io.Discard, nil))))
	scrape := serveMetrics(t, m)

	var body string
	require.Eventually(t, func() bool { body = scrape(); return body != "" }, 5*time.Second, 100*time.Millisecond)
	require.Regexp(t, `(?m)^tollbooth_export_oldest_waiting_age_seconds 54\d\d`, body, "90 minutes")
	require.Contains(t, body, "\ntollbooth_review_waiting 7\n")
	require.Contains(t, body, `tollbooth_vision_requests_per_second_limit{recognizer="vision"} 10`)
	require.NotContains(t, body, `recognizer="second-opinion"`, "no second recognizer configured")
	scrape()
	require.Equal(t, 1, calls, "a second scrape within %s asks Firestore no more", gaugeEvery)
}

func TestAGaugeWhoseQueryFailsReportsNothing(t *testing.T) {
	m, err := NewMetrics()
	require.NoError(t, err)
	require.NoError(t, observePipeline(m.Meter, PipelineStore{
		OldestWaiting: func(context.Context) (time.Time, bool, error) { return time.Time{}, false, nil },
		CountStatus:   func(context.Context, capture.Status) (int64, error) { return 0, errors.New("firestore down") },
	}, config.Config{VisionRPS: 10}, slog.New(slog.NewTextHandler(io.Discard, nil))))
	scrape := serveMetrics(t, m)
	var body string
	require.Eventually(t, func() bool { body = scrape(); return body != "" }, 5*time.Second, 100*time.Millisecond)
	require.Contains(t, body, "\ntollbooth_export_oldest_waiting_age_seconds 0\n", "none waits: 0")
	require.NotContains(t, body, "\ntollbooth_review_waiting ", "a failed count is a gap, not a 0")
}
