package main

import (
	"context"
	"time"

	"go.temporal.io/sdk/workflow"
)

// bareTaskQueue carries the floor measurement, apart from the pipeline's queues.
const bareTaskQueue = "tollbooth-bench-bare"

// BareWorkflow is the floor: a workflow with two no-op activities, what any Temporal app pays.
func BareWorkflow(ctx workflow.Context) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second})
	if err := workflow.ExecuteActivity(ctx, Noop).Get(ctx, nil); err != nil {
		return err
	}
	return workflow.ExecuteActivity(ctx, Noop).Get(ctx, nil)
}

// Noop does nothing.
func Noop(context.Context) error { return nil }
