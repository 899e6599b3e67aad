// Command worker runs tollbooth's Temporal workers: capture workflows with their storage and database
// activities, and the rate-limited Vision activities. Configuration comes from the environment (see
// README); with none it serves the local stack of `make demo`. It stops cleanly on SIGINT or SIGTERM.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/config"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "worker:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	log := app.NewLogger(cfg)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	c, err := app.DialTemporal(cfg, log)
	if err != nil {
		return err
	}
	defer c.Close()
	cloud, err := app.OpenCloud(ctx, cfg, app.NeedStorage|app.NeedFirestore|app.NeedVision)
	if err != nil {
		return err
	}
	defer cloud.Close()
	log.Info("worker starting", "temporal", cfg.Temporal.Address, "namespace", cfg.Temporal.Namespace,
		"project", cfg.Project, "vision", cfg.VisionEndpoint, "vision_rps", cfg.VisionRPS,
		"auto_accept", cfg.AutoAcceptConfidence)
	return app.NewWorkers(c, cfg, cloud).Run(ctx, log)
}
