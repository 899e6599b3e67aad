package app

import (
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/workflows"
)

// registerSweep puts the reconciliation sweep and its activity on w (the capture task queue). It
// starts photos through the same capture client as the trigger, so its starts are the trigger's.
func registerSweep(w worker.Worker, c client.Client, cfg config.Config, cloud *Cloud) {
	w.RegisterWorkflow(workflows.Sweep)
	w.RegisterActivity(&activities.Sweeper{
		Photos:   gcp.Bucket{Client: cloud.Storage},
		Records:  gcp.Captures{Client: cloud.Firestore},
		Captures: NewCaptureClient(cfg, c, cloud),
		Bucket:   cfg.PhotoBucket,
		Window:   cfg.Sweep.Window,
		Grace:    cfg.Sweep.Grace,
	})
}
