package activities

import (
	"context"
	"fmt"
	"time"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// MonitoringStore answers the monitoring's questions about capture records (gcp.Captures).
type MonitoringStore interface {
	CountStatus(ctx context.Context, s capture.Status) (int64, error)
	RecentRecognition(ctx context.Context, since time.Time) (total, failed int, err error)
}

// Monitoring holds the activity that measures the pipeline for the Monitor workflow's alerts.
type Monitoring struct {
	Store MonitoringStore
	// ReviewBacklog is the number of waiting reviews that raises an alert (0: none).
	ReviewBacklog int
	// Spike is the recognition-failure check: the share of recent captures the recognizer failed on
	// that raises an alert (0: none), over which window, from how many captures on.
	SpikeRate   float64
	SpikeWindow time.Duration
	SpikeMin    int
}

// PipelineHealth is what one measurement found, with the limits it is judged by. The JSON names are
// the ones the export check's result carried when it did this work (see CheckResult).
type PipelineHealth struct {
	AwaitingReview int64 `json:"awaiting_review"` // captures waiting for a person
	BacklogLimit   int   `json:"backlog_limit"`   // the review backlog that raises an alert (0: none)

	RecentCaptures int           `json:"recent_captures"` // captures recorded within SpikeWindow
	RecentFailures int           `json:"recent_failures"` // ... that the recognizer failed on
	SpikeWindow    time.Duration `json:"spike_window"`
	Spike          bool          `json:"spike"` // failures at or above SpikeRate, with at least SpikeMin captures
	SpikeRate      float64       `json:"spike_rate"`
}

// Backlogged says whether the review backlog has reached its alert limit.
func (h PipelineHealth) Backlogged() bool {
	return h.BacklogLimit > 0 && h.AwaitingReview >= int64(h.BacklogLimit)
}

// MeasurePipeline counts the captures waiting for a person and the recent captures the recognizer
// failed on.
func (m *Monitoring) MeasurePipeline(ctx context.Context) (PipelineHealth, error) {
	h := PipelineHealth{BacklogLimit: m.ReviewBacklog}
	var err error
	if h.AwaitingReview, err = m.Store.CountStatus(ctx, capture.StatusAwaitingReview); err != nil {
		return h, fmt.Errorf("count captures waiting for review: %w", err)
	}
	if m.SpikeRate > 0 && m.SpikeWindow > 0 {
		h.SpikeWindow, h.SpikeRate = m.SpikeWindow, m.SpikeRate
		h.RecentCaptures, h.RecentFailures, err = m.Store.RecentRecognition(ctx, time.Now().Add(-m.SpikeWindow))
		if err != nil {
			return h, fmt.Errorf("count recent recognition failures: %w", err)
		}
		h.Spike = h.RecentCaptures >= max(m.SpikeMin, 1) &&
			float64(h.RecentFailures) >= m.SpikeRate*float64(h.RecentCaptures)
	}
	return h, nil
}
