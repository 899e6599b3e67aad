package main

import (
	"context"
	"time"

	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/config"
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

// bareWorker runs the bare workflow's worker until interrupted: `bench bare-worker`, started once
// per worker process of the spike, so the floor gets as many processes as the pipeline.
func bareWorker(ctx context.Context) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	c, err := app.DialTemporal(cfg, app.NewLogger(cfg))
	if err != nil {
		return err
	}
	defer c.Close()
	w := worker.New(c, bareTaskQueue, worker.Options{})
	w.RegisterWorkflow(BareWorkflow)
	w.RegisterActivity(Noop)
	return w.Run(interruptCh(ctx))
}

// interruptCh is closed when ctx ends (the worker's Run waits on a channel).
func interruptCh(ctx context.Context) <-chan any {
	ch := make(chan any)
	go func() { <-ctx.Done(); close(ch) }()
	return ch
}
