package app

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	httppprof "net/http/pprof"
	"time"

	prom "github.com/prometheus/client_golang/prometheus"
	"github.com/uber-go/tally/v4"
	tallyprom "github.com/uber-go/tally/v4/prometheus"
	"go.temporal.io/sdk/client"
	sdktally "go.temporal.io/sdk/contrib/tally"
)

// Metrics exposes the Temporal SDK's metrics (task latencies, schedule-to-start delays, poller and
// slot counts, activity and workflow failures) in Prometheus format: what an operator needs to see a
// backlog build up on the Vision queue, and what a KEDA or HPA scaler can use.
type Metrics struct {
	Handler client.MetricsHandler
	http    http.Handler
	closer  io.Closer
}

// sanitize keeps names Prometheus-safe but label values readable: the SDK's default turns the task
// queue "tollbooth-vision" into "tollbooth_vision", which no longer matches anything an operator types.
var sanitize = func() tally.SanitizeOptions {
	o := sdktally.PrometheusSanitizeOptions
	o.ValueCharacters = tally.ValidCharacters{Ranges: tally.AlphanumericRange, Characters: []rune{'_', '-', '.', ':', '/'}}
	return o
}()

// LatencyBuckets are the upper bounds, in seconds, of the latency histograms (the SDK's timers:
// schedule-to-start, execution, end-to-end). Timers are histograms, not summaries, because workers
// scale out: per-pod summary quantiles cannot be combined, while histograms from any number of
// workers add up (histogram_quantile over sum by (le)). The range reaches half an hour: in a
// spike, Vision tasks wait behind the rate cap for minutes (BENCHMARKS.md).
var LatencyBuckets = []float64{
	0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
	1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800,
}

// NewMetrics builds the metrics handler to give the Temporal client.
func NewMetrics() *Metrics {
	reg := prom.NewRegistry()
	reporter := tallyprom.NewReporter(tallyprom.Options{
		Registerer:              reg,
		DefaultTimerType:        tallyprom.HistogramTimerType,
		DefaultHistogramBuckets: LatencyBuckets,
	})
	scope, closer := tally.NewRootScope(tally.ScopeOptions{
		Prefix:          "tollbooth",
		CachedReporter:  reporter,
		Separator:       tallyprom.DefaultSeparator,
		SanitizeOptions: &sanitize,
	}, time.Second)
	return &Metrics{
		Handler: sdktally.NewMetricsHandler(sdktally.NewPrometheusNamingScope(scope)),
		http:    reporter.HTTPHandler(),
		closer:  closer,
	}
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
		_ = m.closer.Close()
	}()
	log.Info("metrics listening", "addr", "http://"+lis.Addr().String()+"/metrics")
	go func() {
		if err := srv.Serve(lis); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server stopped", "error", err)
		}
	}()
	return nil
}
