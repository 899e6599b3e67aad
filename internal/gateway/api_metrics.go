package gateway

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/tollbooth/tollbooth/internal/apikeys"
)

// apiMetrics are the gateway's Prometheus metrics (GET /metrics), prefixed tollbooth_gateway_.
type apiMetrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	limited   *prometheus.CounterVec
	uploading prometheus.Gauge
	handler   http.Handler
}

func newAPIMetrics() *apiMetrics {
	m := &apiMetrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tollbooth_gateway_requests_total",
			Help: "API requests by route and status code."}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "tollbooth_gateway_request_seconds",
			Help: "API request latency by route.", Buckets: prometheus.DefBuckets}, []string{"route"}),
		limited: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tollbooth_gateway_refused_total",
			Help: "Requests refused by a limit: address or key rate (429), concurrent uploads (503)."}, []string{"limit"}),
		uploading: prometheus.NewGauge(prometheus.GaugeOpts{Name: "tollbooth_gateway_uploads_in_flight",
			Help: "Photo submissions being processed."}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.limited, m.uploading,
		prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	m.handler = promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	return m
}

type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.code == 0 {
		s.code = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.code == 0 {
		s.code = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// instrument counts a route's requests by status and times them. The route label is the pattern,
// never the path, so ids and plates do not become label values.
func (m *apiMetrics) instrument(route string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		h.ServeHTTP(rec, r)
		if rec.code == 0 {
			rec.code = http.StatusOK
		}
		m.requests.WithLabelValues(route, strconv.Itoa(rec.code)).Inc()
		m.latency.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}

func (a *API) serveMetrics(w http.ResponseWriter, r *http.Request, _ apikeys.Key) {
	w.Header().Del("Cache-Control")
	a.metrics.handler.ServeHTTP(w, r)
}
