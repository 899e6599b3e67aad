package config

import "time"

// Monitor configures the pipeline's monitoring (the Monitor workflow on its schedule): the review
// backlog and recognition-failure alerts.
type Monitor struct {
	Every time.Duration // how often the pipeline is checked
	// ReviewBacklog is how many captures may wait for a reviewer before an alert (0: no alert).
	ReviewBacklog int
	// SpikeRate is the share of recent captures the recognizer failed on that raises an alert
	// (0: none), measured over SpikeWindow once at least SpikeMin captures were recorded.
	SpikeRate   float64
	SpikeWindow time.Duration
	SpikeMin    int
}

// Monitor defaults.
const (
	DefaultMonitorEvery  = time.Minute
	DefaultReviewBacklog = 200
	DefaultSpikeRate     = 0.5
	DefaultSpikeWindow   = 15 * time.Minute
	DefaultSpikeMin      = 10
)

const (
	EnvMonitorEvery  = "TOLLBOOTH_MONITOR_EVERY"
	EnvReviewBacklog = "TOLLBOOTH_REVIEW_BACKLOG_ALERT"
	EnvSpikeRate     = "TOLLBOOTH_RECOGNITION_SPIKE_RATE"
	EnvSpikeWindow   = "TOLLBOOTH_RECOGNITION_SPIKE_WINDOW"
)

func (c *Config) loadMonitor() error {
	m := Monitor{SpikeMin: DefaultSpikeMin}
	var err error
	if m.Every, err = durationEnv(EnvMonitorEvery, DefaultMonitorEvery, 10*time.Second, 24*time.Hour); err != nil {
		return err
	}
	if m.ReviewBacklog, err = intEnv(EnvReviewBacklog, DefaultReviewBacklog, 0, 1_000_000); err != nil {
		return err
	}
	if m.SpikeRate, err = floatEnv(EnvSpikeRate, DefaultSpikeRate, 0, 1); err != nil {
		return err
	}
	if m.SpikeWindow, err = durationEnv(EnvSpikeWindow, DefaultSpikeWindow, time.Minute, 24*time.Hour); err != nil {
		return err
	}
	c.Monitor = m
	return nil
}
