package visionserver

import (
	"encoding/json"
	"net/http"
	"sort"
	"sync"
	"time"
)

// statsWindow is how many recent one-second buckets a snapshot lists; the peak covers the whole
// run regardless.
const statsWindow = 120

// Stats counts what the server did, for benchmarks that must prove the Vision rate cap held.
// The rate is counted in images, not RPCs, because Vision quotas count images.
type Stats struct {
	mu          sync.Mutex
	now         func() time.Time
	started     time.Time
	requests    int
	images      int
	rpcFailures int
	imageErrors map[string]int
	perSecond   map[int64]int // unix second → images received in it
	peak        int
	peakAt      int64
}

// StatsSnapshot is a copy of the counters at one moment; GET /stats serves it as JSON.
type StatsSnapshot struct {
	Started time.Time `json:"started"`
	// Requests counts BatchAnnotateImages RPCs received, failed ones included.
	Requests int `json:"requests"`
	// Images counts images received across all RPCs, failed ones included: a quota counts
	// attempts, so does the cap check.
	Images int `json:"images"`
	// PeakPerSecond is the largest number of images received within one wall-clock second.
	PeakPerSecond int `json:"peak_per_second"`
	// PeakSecond is the start of that second (zero when nothing arrived yet).
	PeakSecond time.Time `json:"peak_second,omitzero"`
	// RPCFailures counts RPCs that ended in a gRPC error (injected UNAVAILABLE, deadlines, bad
	// batches).
	RPCFailures int `json:"rpc_failures"`
	// ImageErrors counts per-image errors by code name, e.g. {"INVALID_ARGUMENT": 2}.
	ImageErrors map[string]int `json:"image_errors"`
	// PerSecond lists the most recent non-empty one-second buckets, oldest first.
	PerSecond []SecondCount `json:"per_second"`
}

// SecondCount is the number of images received in the second starting at Second.
type SecondCount struct {
	Second time.Time `json:"second"`
	Images int       `json:"images"`
}

// NewStats starts counting now.
func NewStats() *Stats {
	s := &Stats{now: time.Now}
	s.Reset()
	return s
}

// Reset clears all counters, e.g. after a benchmark's warm-up.
func (s *Stats) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.started = s.now()
	s.requests, s.images, s.rpcFailures, s.peak, s.peakAt = 0, 0, 0, 0, 0
	s.imageErrors = map[string]int{}
	s.perSecond = map[int64]int{}
}

func (s *Stats) recordRequest(images int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	s.images += images
	sec := s.now().Unix()
	s.perSecond[sec] += images
	if n := s.perSecond[sec]; n > s.peak {
		s.peak, s.peakAt = n, sec
	}
	// Keep memory bounded on a long run; the peak is tracked separately.
	if len(s.perSecond) > 2*statsWindow {
		for k := range s.perSecond {
			if k <= sec-statsWindow {
				delete(s.perSecond, k)
			}
		}
	}
}

func (s *Stats) recordRPCFailure() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rpcFailures++
}

func (s *Stats) recordImageError(code string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.imageErrors[code]++
}

// Snapshot copies the counters.
func (s *Stats) Snapshot() StatsSnapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	snap := StatsSnapshot{
		Started:       s.started,
		Requests:      s.requests,
		Images:        s.images,
		PeakPerSecond: s.peak,
		RPCFailures:   s.rpcFailures,
		ImageErrors:   make(map[string]int, len(s.imageErrors)),
		PerSecond:     []SecondCount{},
	}
	if s.peak > 0 {
		snap.PeakSecond = time.Unix(s.peakAt, 0).UTC()
	}
	for k, v := range s.imageErrors {
		snap.ImageErrors[k] = v
	}
	secs := make([]int64, 0, len(s.perSecond))
	for k := range s.perSecond {
		secs = append(secs, k)
	}
	sort.Slice(secs, func(i, j int) bool { return secs[i] < secs[j] })
	if len(secs) > statsWindow {
		secs = secs[len(secs)-statsWindow:]
	}
	for _, k := range secs {
		snap.PerSecond = append(snap.PerSecond, SecondCount{Second: time.Unix(k, 0).UTC(), Images: s.perSecond[k]})
	}
	return snap
}

// Handler serves GET /stats (the snapshot as JSON), POST /stats/reset and GET /healthz.
func (s *Stats) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /stats", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(s.Snapshot())
	})
	mux.HandleFunc("POST /stats/reset", func(w http.ResponseWriter, _ *http.Request) {
		s.Reset()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	return mux
}
