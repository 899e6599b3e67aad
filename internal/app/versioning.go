package app

import (
	"go.temporal.io/sdk/worker"

	"github.com/tollbooth/tollbooth/internal/config"
)

// versioned makes the capture queue's worker a Worker Deployment Version when the configuration
// names a deployment (TOLLBOOTH_DEPLOYMENT_NAME); otherwise it is left unversioned. No default
// versioning behaviour: each workflow declares its own (workflows.Register), and one that does not
// stops the worker at start.
//
// Only the capture queue is versioned: it holds the workflows, and its activities (photo check,
// record save, export, alerts) run on the build of the workflow that scheduled them. The Vision and
// second-opinion queues stay unversioned ("independent activities" in Temporal's terms): every
// build's workers serve one queue, so the server's rate cap (TaskQueueActivitiesPerSecond) stays
// one cap for the whole fleet during a rollout, when two builds poll at once. Their requests and
// results are therefore kept compatible across builds, as they must be anyway: a result is in the
// history an AutoUpgrade capture replays on the next build.
func versioned(o worker.Options, v config.Versioning) worker.Options {
	if !v.Enabled() {
		return o
	}
	o.DeploymentOptions = worker.DeploymentOptions{
		UseVersioning: true,
		Version:       worker.WorkerDeploymentVersion{DeploymentName: v.DeploymentName, BuildID: v.BuildID},
	}
	return o
}
