package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"go.opentelemetry.io/otel/metric"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/telemetry"
)

// PipelineStore answers the gauges' questions (gcp.Exports and gcp.Captures in the worker).
type PipelineStore struct {
	// OldestWaiting is the capture time of the oldest accepted capture no export batch holds.
	OldestWaiting func(ctx context.Context) (time.Time, bool, error)
	// CountStatus counts the captures with a status.
	CountStatus func(ctx context.Context, s capture.Status) (int64, error)
}

// gaugeEvery is how often the worker asks Firestore for a gauge's value at most, however often it
// is scraped: one small query per gauge and worker per interval.
const gaugeEvery = 10 * time.Second

// observePipeline registers the worker's gauges:
//   - tollbooth_export_oldest_waiting_age_seconds: how long the oldest billable capture has waited
//     for billing, by its capture time (0 when none waits);
//   - tollbooth_review_waiting: the captures waiting for a person (the review queue);
//   - tollbooth_vision_requests_per_second_limit: the recognizers' rate caps, to draw the rate against.
//
// The first two are measured when Prometheus scrapes, so every worker reports the same current value
// (a gauge set by a scheduled activity would leave stale values on the workers that did not run it
// last); take max() over workers. A failed query reports nothing for that scrape: Prometheus shows a
// gap, not a wrong value.
func observePipeline(meter metric.Meter, store PipelineStore, cfg config.Config, log *slog.Logger) error {
	age := cached(func(ctx context.Context) (float64, error) {
		t, waiting, err := store.OldestWaiting(ctx)
		if err != nil || !waiting {
			return 0, err
		}
		return max(time.Since(t).Seconds(), 0), nil
	}, "the oldest unexported capture", log)
	if _, err := meter.Float64ObservableGauge(telemetry.ExportOldestWaitingAge, metric.WithUnit("s"),
		metric.WithDescription("age, by capture time, of the oldest accepted capture not yet in an export batch (0: none waits)"),
		metric.WithFloat64Callback(age)); err != nil {
		return err
	}
	queue := cached(func(ctx context.Context) (float64, error) {
		n, err := store.CountStatus(ctx, capture.StatusAwaitingReview)
		return float64(n), err
	}, "the review queue", log)
	if _, err := meter.Float64ObservableGauge(telemetry.ReviewWaiting,
		metric.WithDescription("captures waiting for a person"), metric.WithFloat64Callback(queue)); err != nil {
		return err
	}
	_, err := meter.Float64ObservableGauge(telemetry.VisionRateLimit,
		metric.WithDescription("the recognizers' request caps, per second, for all workers together"),
		metric.WithFloat64Callback(func(_ context.Context, o metric.Float64Observer) error {
			o.Observe(cfg.VisionRPS, metric.WithAttributes(telemetry.Recognizer(telemetry.RecognizerVision)))
			if cfg.SecondOpinion.Endpoint != "" {
				o.Observe(cfg.SecondOpinion.RPS, metric.WithAttributes(telemetry.Recognizer(telemetry.RecognizerSecondOpinion)))
			}
			return nil
		}))
	return err
}

// cached makes a gauge callback that measures at most every gaugeEvery and observes the last good
// value; what it measures is named in the warning a failure logs.
func cached(measure func(ctx context.Context) (float64, error), what string, log *slog.Logger) metric.Float64Callback {
	var (
		mu      sync.Mutex
		checked time.Time
		value   float64
		ok      bool
	)
	return func(ctx context.Context, o metric.Float64Observer) error {
		mu.Lock()
		defer mu.Unlock()
		if time.Since(checked) >= gaugeEvery {
			qctx, cancel := context.WithTimeout(ctx, 3*time.Second)
			v, err := measure(qctx)
			cancel()
			checked, ok = time.Now(), err == nil
			if err != nil {
				log.Warn("could not measure "+what+" for the metrics", "error", err)
			} else {
				value = v
			}
		}
		if ok {
			o.Observe(value)
		}
		return nil
	}
}
