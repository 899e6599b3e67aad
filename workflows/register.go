package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/tollbooth/tollbooth/signals"
)

// Registry is where workflows are registered: a worker, or the replayer of the replay test.
type Registry interface {
	RegisterWorkflowWithOptions(w any, options workflow.RegisterOptions)
}

// Register registers every workflow with its name and its Worker Versioning behaviour. The worker
// and the replay test both call it, so what is replayed is what runs. A versioned worker (README,
// "Deploying a new worker version") sets no default behaviour: a workflow added here without one
// makes the worker panic at start rather than guess.
//
// The behaviour decides what a deploy must keep running:
//
//   - Capture is AutoUpgrade. It waits for a reviewer without bound (days, when reviews back
//     up), so Pinned would keep each old build running until its last waiting capture is decided:
//     a fleet of old builds nobody can retire. AutoUpgrade moves a waiting capture to the current
//     build on its next workflow task (the decision, a reminder timer), so the old build drains as
//     soon as the new one is current. The price is the one this package already pays: a change to
//     Capture's commands goes behind workflow.GetVersion, and the replay test proves the new build
//     replays every recorded history.
//   - Export, ExportBatch, ExportCheck, Monitor, Retention and Sweep are Pinned. They run for seconds to minutes
//     (their activities' retries are bounded), so a run finishes on the build it started on and
//     its old build drains within one export interval. An export never switches code between
//     claiming a batch and marking its records, and a change to them needs no GetVersion (the
//     patches already in them stay, for histories recorded before versioning). ExportBatch, a
//     child on the same task queue, starts on its parent's build. Export continues as new on its
//     build too.
func Register(r Registry) {
	r.RegisterWorkflowWithOptions(Capture, workflow.RegisterOptions{
		Name: signals.CaptureWorkflow, VersioningBehavior: workflow.VersioningBehaviorAutoUpgrade,
	})
	for _, w := range []any{Export, ExportBatch, ExportCheck, Monitor, Retention, Sweep} {
		r.RegisterWorkflowWithOptions(w, workflow.RegisterOptions{VersioningBehavior: workflow.VersioningBehaviorPinned})
	}
}
