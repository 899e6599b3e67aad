package app

import (
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/signals"
	"github.com/tollbooth/tollbooth/workflows"
)

func TestAVersionedWorkerTakesEveryWorkflowWithItsBehaviour(t *testing.T) {
	c, err := client.NewLazyClient(client.Options{HostPort: "127.0.0.1:1"}) // never dialled
	require.NoError(t, err)
	v := config.Versioning{DeploymentName: "tollbooth", BuildID: "b1"}
	o := versioned(captureWorkerOptions(), v)
	require.True(t, o.DeploymentOptions.UseVersioning)
	require.Equal(t, worker.WorkerDeploymentVersion{DeploymentName: "tollbooth", BuildID: "b1"}, o.DeploymentOptions.Version)
	require.Equal(t, workflow.VersioningBehaviorUnspecified, o.DeploymentOptions.DefaultVersioningBehavior,
		"no default: each workflow declares its own")

	w := worker.New(c, signals.CaptureTaskQueue, o)
	require.NotPanics(t, func() { workflows.Register(w) }, "every workflow declares a behaviour")
	require.Panics(t, func() {
		w.RegisterWorkflowWithOptions(func(workflow.Context) error { return nil }, workflow.RegisterOptions{Name: "Undeclared"})
	}, "a workflow without a behaviour stops a versioned worker at start")

	require.False(t, versioned(captureWorkerOptions(), config.Versioning{}).DeploymentOptions.UseVersioning,
		"without a deployment name the worker stays unversioned")
}
