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

// bareActivities is the floor's usual shape, DESIGN.md's: two no-op activities, what any Temporal
// app pays. `bench spike --floor-activities 4` gives it the capture pipeline's shape instead (an
// accepted capture runs four activities: inspect, read the photo, read the crop, save), so that
// the ratio separates Temporal's work per capture from the pipeline's own.
const bareActivities = 2

// BareWorkflow is the floor: a workflow with the given number of no-op activities, one after another.
func BareWorkflow(ctx workflow.Context, activities int) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second})
	for range activities {
		if err := workflow.ExecuteActivity(ctx, Noop).Get(ctx, nil); err != nil {
			return err
		}
	}
	return nil
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
