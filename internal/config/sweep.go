package config

import "time"

// Sweep configures the reconciliation sweep (the Sweep workflow on its schedule): it starts photos
// whose upload notification was lost.
type Sweep struct {
	Every time.Duration // how often the bucket is swept
	// Window is how far back, in capture time, each sweep lists the bucket; older photos are
	// backfill's (starter backfill).
	Window time.Duration
	// Grace is how long after its upload a photo may still be waiting for its notification; older
	// ones without a workflow are started, and alerted on.
	Grace time.Duration
}

// Sweep defaults.
const (
	DefaultSweepEvery  = 5 * time.Minute
	DefaultSweepWindow = 24 * time.Hour
	DefaultSweepGrace  = 15 * time.Minute
)

const (
	EnvSweepEvery  = "TOLLBOOTH_SWEEP_EVERY"
	EnvSweepWindow = "TOLLBOOTH_SWEEP_WINDOW"
	EnvSweepGrace  = "TOLLBOOTH_SWEEP_GRACE"
)

func (c *Config) loadSweep() error {
	var s Sweep
	var err error
	if s.Every, err = durationEnv(EnvSweepEvery, DefaultSweepEvery, 30*time.Second, 24*time.Hour); err != nil {
		return err
	}
	if s.Window, err = durationEnv(EnvSweepWindow, DefaultSweepWindow, time.Hour, 31*24*time.Hour); err != nil {
		return err
	}
	if s.Grace, err = durationEnv(EnvSweepGrace, DefaultSweepGrace, time.Minute, 24*time.Hour); err != nil {
		return err
	}
	c.Sweep = s
	return nil
}
