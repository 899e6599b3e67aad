package app

import (
	"context"
	"fmt"
	"log/slog"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/signals"
	"github.com/tollbooth/tollbooth/workflows"
)

// Workers are the two workers of one worker process: captures (workflows, storage and database
// activities) and Vision calls, on their own rate-limited task queue.
type Workers struct {
	Capture worker.Worker
	Vision  worker.Worker
}

// NewWorkers registers everything on its queue. The Vision worker's TaskQueueActivitiesPerSecond is
// enforced by the Temporal server for the whole queue, however many worker processes poll it.
func NewWorkers(c client.Client, cfg config.Config, cloud *Cloud) Workers {
	w := Workers{
		Capture: worker.New(c, signals.CaptureTaskQueue, worker.Options{}),
		Vision:  worker.New(c, signals.VisionTaskQueue, worker.Options{TaskQueueActivitiesPerSecond: cfg.VisionRPS}),
	}
	w.Capture.RegisterWorkflowWithOptions(workflows.Capture, workflow.RegisterOptions{Name: signals.CaptureWorkflow})
	records := gcp.Captures{Client: cloud.Firestore}
	w.Capture.RegisterActivity(&activities.Photos{
		Reader:        gcp.Bucket{Client: cloud.Storage},
		Records:       records,
		Booths:        cfg.Booths,
		MaxPhotoBytes: cfg.MaxPhotoBytes,
	})
	w.Capture.RegisterActivity(&activities.Records{Store: records})
	w.Vision.RegisterActivity(&activities.Recognizer{
		Vision:        cloud.Vision,
		Photos:        gcp.Bucket{Client: cloud.Storage},
		Jurisdictions: cfg.Jurisdictions.For,
		Detector:      cloud.Vision,
	})
	// Alerts (review reminders, exports, checks) are delivered by mail and webhook, de-duplicated.
	w.Capture.RegisterActivity(&activities.Alerting{Notifier: NewNotifier(cfg.Alerts, cloud.Firestore)})
	registerExport(w.Capture, c, cfg, cloud) // export.go
	return w
}

// Run runs both workers until ctx ends, then stops them, letting running tasks finish.
func (w Workers) Run(ctx context.Context, log *slog.Logger) error {
	if err := w.Capture.Start(); err != nil {
		return fmt.Errorf("start capture worker: %w", err)
	}
	defer w.Capture.Stop()
	if err := w.Vision.Start(); err != nil {
		return fmt.Errorf("start vision worker: %w", err)
	}
	defer w.Vision.Stop()
	log.Info("worker running", "task_queues", []string{signals.CaptureTaskQueue, signals.VisionTaskQueue})
	<-ctx.Done()
	log.Info("worker stopping")
	return nil
}
