package app

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	httppprof "net/http/pprof"
	"time"

	prom "github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/prometheus/otlptranslator"
	otelprom "go.opentelemetry.io/otel/exporters/prometheus"
	"go.opentelemetry.io/otel/metric"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.temporal.io/sdk/client"
	sdkotel "go.temporal.io/sdk/contrib/opentelemetry"

	"github.com/tollbooth/tollbooth/internal/telemetry"
)

// Metrics is one program's metrics, served in Prometheus format: the Temporal SDK's (task
// latencies, schedule-to-start delays, poller and slot counts, activity and workflow failures) and
// tollbooth's own (internal/telemetry), through one OpenTelemetry meter provider and its Prometheus
// exporter. The SDK's metrics come through Handler (the client's, so workflow.GetMetricsHandler and
// activity.GetMetricsHandler reach it); the program's own instruments through Meter.
type Metrics struct {
	Handler  client.MetricsHandler
	Meter    metric.Meter
	http     http.Handler
	provider *sdkmetric.MeterProvider
}

// LatencyBuckets are the upper bounds, in seconds, of the latency histograms (the SDK's timers:
// schedule-to-start, execution, end-to-end). Timers are histograms, not summaries, because workers
// scale out: per-pod summary quantiles cannot be combined, while histograms from any number of
// workers add up (histogram_quantile over sum by (le)). The range reaches half an hour: in a
// spike, Vision tasks wait behind the rate cap for minutes (BENCHMARKS.md).
var LatencyBuckets = []float64{
	0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
	1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800,
}

// ReviewWaitBuckets are the review wait's bounds, in seconds: seconds on the local stack, where a
// test decides at once, up to the week a capture may wait in production.
var ReviewWaitBuckets = []float64{
	1, 5, 15, 60, 300, 900, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 24 * 3600, 2 * 24 * 3600, 7 * 24 * 3600,
}

// ConfidenceBuckets are the recognition confidence's bounds: finer near the auto-accept
// threshold (TOLLBOOTH_AUTO_ACCEPT_CONFIDENCE, 0.80 by default).
var ConfidenceBuckets = []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.98, 1}

// histogramBuckets picks each histogram's buckets by instrument name; every other histogram is a
// latency. One view for all histograms, so that no instrument is exported twice.
func histogramBuckets(i sdkmetric.Instrument) (sdkmetric.Stream, bool) {
	if i.Kind != sdkmetric.InstrumentKindHistogram {
		return sdkmetric.Stream{}, false
	}
	bounds := LatencyBuckets
	switch i.Name {
	case telemetry.ReviewWait:
		bounds = ReviewWaitBuckets
	case telemetry.RecognitionConfidence:
		bounds = ConfidenceBuckets
	}
	return sdkmetric.Stream{
		Name: i.Name, Description: i.Description, Unit: i.Unit,
		Aggregation: sdkmetric.AggregationExplicitBucketHistogram{Boundaries: bounds},
	}, true
}

// NewMetrics builds a program's metrics: a Prometheus registry fed by an OpenTelemetry meter
// provider, and the Temporal SDK's handler on it (counters monotonic, so they are scraped as
// Prometheus counters, *_total).
func NewMetrics() (*Metrics, error) {
	reg := prom.NewRegistry()
	exporter, err := otelprom.New(
		otelprom.WithRegisterer(reg),
		otelprom.WithNamespace(telemetry.Namespace),
		otelprom.WithTranslationStrategy(otlptranslator.UnderscoreEscapingWithSuffixes),
		otelprom.WithoutScopeInfo(),  // one scope per program: the labels would only repeat it
		otelprom.WithoutTargetInfo(), // the scrape's job and instance say which program it is
	)
	if err != nil {
		return nil, err
	}
	provider := sdkmetric.NewMeterProvider(sdkmetric.WithReader(exporter), sdkmetric.WithView(histogramBuckets))
	meter := provider.Meter("github.com/tollbooth/tollbooth")
	return &Metrics{
		Handler: sdkotel.NewMetricsHandler(sdkotel.MetricsHandlerOptions{
			Meter:                meter,
			UseMonotonicCounters: true,
			// An instrument the meter refuses is a programming error; it must not stop a worker.
			OnError: func(err error) { slog.Error("metric instrument refused", "error", err) },
		}),
		Meter:    meter,
		http:     promhttp.HandlerFor(reg, promhttp.HandlerOpts{}),
		provider: provider,
	}, nil
}

// Serve answers GET /metrics on addr until ctx ends, and with pprof Go's profiler under
// /debug/pprof/ (a CPU profile of a worker under load: `go tool pprof http://ADDR/debug/pprof/profile`).
// The listener is opened before Serve returns its first error, so a taken port is reported at start.
func (m *Metrics) Serve(ctx context.Context, addr string, pprof bool, log *slog.Logger) error {
	lis, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.http)
	if pprof {
		mux.HandleFunc("GET /debug/pprof/", httppprof.Index)
		mux.HandleFunc("GET /debug/pprof/profile", httppprof.Profile)
	}
	// No WriteTimeout: a CPU profile streams for its whole duration.
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
		_ = m.provider.Shutdown(shutdown)
	}()
	log.Info("metrics listening", "addr", "http://"+lis.Addr().String()+"/metrics")
	go func() {
		if err := srv.Serve(lis); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server stopped", "error", err)
		}
	}()
	return nil
}
