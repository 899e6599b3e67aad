// Command trigger starts a capture workflow for every photo that lands in the photo bucket, from the
// bucket's Pub/Sub notifications (object finalize). It is stateless: run as many as the event rate
// needs; duplicates are harmless because each photo names its own workflow.
package main

import (
	"context"
	"fmt"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/ingest"
)

func main() { app.Main("trigger", run) }

func run(ctx context.Context, p app.Program) error {
	cfg, log := p.Cfg, p.Log

	metrics, err := app.NewMetrics()
	if err != nil {
		return err
	}
	c, err := app.DialTemporal(cfg, log, metrics.Handler)
	if err != nil {
		return err
	}
	defer c.Close()
	if cfg.TriggerMetricsAddr != "" {
		if err := metrics.Serve(ctx, cfg.TriggerMetricsAddr, false, log); err != nil {
			return fmt.Errorf("serve metrics on %s (%s): %w", cfg.TriggerMetricsAddr, config.EnvTriggerMetricsAddr, err)
		}
	}
	cloud, err := app.OpenCloud(ctx, cfg, app.NeedPubSub)
	if err != nil {
		return err
	}
	defer cloud.Close()
	log.Info("trigger listening", "subscription", cfg.UploadSubscription, "bucket", cfg.PhotoBucket)
	t := ingest.Trigger{
		Subscriber:  cloud.PubSub.Subscriber(cfg.UploadSubscription),
		Captures:    app.NewCaptureClient(cfg, c, cloud),
		PhotoBucket: cfg.PhotoBucket,
		Log:         log,
		Metrics:     metrics.Handler,
	}
	if err := t.Run(ctx); err != nil {
		return fmt.Errorf("receive from subscription %s: %w", cfg.UploadSubscription, err)
	}
	log.Info("trigger stopped")
	return nil
}
