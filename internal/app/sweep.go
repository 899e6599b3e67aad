package app

import (
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/gcp"
)

// registerSweep puts the reconciliation sweep's activity on w (the capture task queue; the Sweep
// workflow is registered with the others, workflows.Register). It starts photos through the same
// capture client as the trigger, so its starts are the trigger's.
func registerSweep(w worker.Worker, c client.Client, cfg config.Config, cloud *Cloud) {
	w.RegisterActivity(&activities.Sweeper{
		Photos:   gcp.Bucket{Client: cloud.Storage},
		Records:  gcp.Captures{Client: cloud.Firestore},
		Captures: NewCaptureClient(cfg, c, cloud),
		Bucket:   cfg.PhotoBucket,
		Window:   cfg.Sweep.Window,
		Grace:    cfg.Sweep.Grace,
	})
}
