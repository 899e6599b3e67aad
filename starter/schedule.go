package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/signals"
)

func runSchedule(ctx context.Context, env *cli, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: say set, pause, resume or show", errUsage)
	}
	var every time.Duration
	switch args[0] {
	case "set":
		fs := flag.NewFlagSet("schedule set", flag.ContinueOnError)
		fs.DurationVar(&every, "every", 0, "export interval, e.g. 1h, 30m")
		if _, err := parseInterspersed(fs, args[1:]); err != nil {
			return err
		}
		if every < time.Second {
			return fmt.Errorf("%w: --every wants a duration of at least 1s, e.g. 1h or 15m", errUsage)
		}
	case "pause", "resume", "show":
		if len(args) > 1 {
			return fmt.Errorf("%w: schedule %s takes no arguments", errUsage, args[0])
		}
	default:
		return fmt.Errorf("%w: unknown schedule command %q", errUsage, args[0])
	}

	c, err := env.temporalClient()
	if err != nil {
		return err
	}
	cfg, err := env.config()
	if err != nil {
		return err
	}
	if err := app.EnsureSchedules(ctx, c, cfg); err != nil {
		return err
	}
	h := c.ScheduleClient().GetHandle(ctx, signals.ExportScheduleID)
	switch args[0] {
	case "set":
		if err := app.SetExportEvery(ctx, c, every); err != nil {
			return fmt.Errorf("update schedule %s: %w", signals.ExportScheduleID, err)
		}
		fmt.Fprintf(env.stdout, "export schedule %s: every %s\n", signals.ExportScheduleID, every)
	case "pause":
		if err := h.Pause(ctx, client.SchedulePauseOptions{Note: "paused from the starter CLI"}); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "export schedule %s paused (starter export now still runs an export)\n", signals.ExportScheduleID)
		return nil
	case "resume":
		if err := h.Unpause(ctx, client.ScheduleUnpauseOptions{Note: "resumed from the starter CLI"}); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "export schedule %s resumed\n", signals.ExportScheduleID)
		return nil
	}
	d, err := h.Describe(ctx)
	if err != nil {
		return err
	}
	for _, iv := range d.Schedule.Spec.Intervals {
		fmt.Fprintf(env.stdout, "every:  %s\n", iv.Every)
	}
	fmt.Fprintf(env.stdout, "paused: %v\n", d.Schedule.State.Paused)
	for _, t := range d.Info.NextActionTimes[:min(3, len(d.Info.NextActionTimes))] {
		fmt.Fprintf(env.stdout, "next:   %s\n", t.UTC().Format(time.RFC3339))
	}
	return nil
}
