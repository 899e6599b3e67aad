package visionserver

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestStatsPeakPerSecond(t *testing.T) {
	s := NewStats()
	now := time.Unix(1_700_000_000, 0)
	s.now = func() time.Time { return now }
	s.recordRequest(1)
	now = now.Add(300 * time.Millisecond)
	s.recordRequest(3)
	now = now.Add(time.Second) // next bucket
	s.recordRequest(2)
	snap := s.Snapshot()
	if snap.Requests != 3 || snap.Images != 6 || snap.PeakPerSecond != 4 {
		t.Errorf("snapshot = %+v, want 3 requests, 6 images, peak 4", snap)
	}
	if len(snap.PerSecond) != 2 || snap.PerSecond[0].Images != 4 || snap.PerSecond[1].Images != 2 {
		t.Errorf("per_second = %+v", snap.PerSecond)
	}
	if !snap.PeakSecond.Equal(time.Unix(1_700_000_000, 0)) {
		t.Errorf("peak_second = %v", snap.PeakSecond)
	}
	s.Reset()
	if snap := s.Snapshot(); snap.Requests != 0 || snap.PeakPerSecond != 0 {
		t.Errorf("after reset: %+v", snap)
	}
}

func TestStatsHandler(t *testing.T) {
	s := NewStats()
	s.recordRequest(2)
	h := s.Handler()

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/stats", nil))
	var snap StatsSnapshot
	if err := json.Unmarshal(rec.Body.Bytes(), &snap); err != nil || snap.Images != 2 || snap.PeakPerSecond != 2 {
		t.Errorf("GET /stats = %s (%v)", rec.Body, err)
	}

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if rec.Code != http.StatusOK {
		t.Errorf("GET /healthz = %d", rec.Code)
	}

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/stats/reset", nil))
	if rec.Code != http.StatusNoContent || s.Snapshot().Images != 0 {
		t.Errorf("POST /stats/reset = %d, images after = %d", rec.Code, s.Snapshot().Images)
	}
}
