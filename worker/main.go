// Command worker runs tollbooth's Temporal workers: capture workflows with their storage and database
// activities, and the rate-limited Vision activities. Configuration comes from the environment (see
// README); with none it serves the local stack of `make demo`. It stops cleanly on SIGINT or SIGTERM.
package main

import (
	"context"
	"fmt"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/config"
)

func main() { app.Main("worker", run) }

func run(ctx context.Context, p app.Program) error {
	cfg, log := p.Cfg, p.Log

	metrics := app.NewMetrics()
	c, err := app.DialTemporal(cfg, log, metrics.Handler)
	if err != nil {
		return err
	}
	defer c.Close()
	if cfg.MetricsAddr != "" {
		if err := metrics.Serve(ctx, cfg.MetricsAddr, log); err != nil {
			return fmt.Errorf("serve metrics on %s (%s): %w", cfg.MetricsAddr, config.EnvMetricsAddr, err)
		}
	}
	cloud, err := app.OpenCloud(ctx, cfg, app.NeedStorage|app.NeedFirestore|app.NeedVision)
	if err != nil {
		return err
	}
	defer cloud.Close()
	// The export schedules are created once, by whichever worker starts first (internal/app/schedules.go).
	if err := app.EnsureSchedules(ctx, c, cfg); err != nil {
		return err
	}
	log.Info("worker starting", "temporal", cfg.Temporal.Address, "namespace", cfg.Temporal.Namespace,
		"project", cfg.Project, "vision", cfg.VisionEndpoint, "vision_rps", cfg.VisionRPS,
		"auto_accept", cfg.AutoAcceptConfidence, "default_jurisdictions", cfg.Jurisdictions.Default)
	if unserved := cfg.Jurisdictions.Unserved(cfg.Booths); len(unserved) > 0 {
		log.Warn("these booths have no jurisdictions: every capture of theirs goes to a person (reason no-jurisdictions); list them in "+
			config.EnvBoothJurisdictions+" or set "+config.EnvDefaultJurisdictions, "booths", unserved)
	}
	return app.NewWorkers(c, cfg, cloud).Run(ctx, log)
}
