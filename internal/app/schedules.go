package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/signals"
	"github.com/tollbooth/tollbooth/workflows"
)

// scheduleCatchup is how late a missed export may still run after an outage; older ones are
// dropped (the next run exports what they would have).
const scheduleCatchup = 10 * time.Minute

// sweepTimeout bounds a whole sweep, across its continue-as-new runs: a sweep stuck on an outage
// gives way to the next one (runs never overlap: a late one is skipped).
const sweepTimeout = time.Hour

// EnsureSchedules creates the export schedule (every cfg.Export.Every), the early-export check's,
// the monitoring's, the retention job's and the reconciliation sweep's schedules (signals.ScheduleIDs) unless they exist. An existing schedule is left as it is: its interval may have been
// changed at run time with `starter schedule set`.
func EnsureSchedules(ctx context.Context, c client.Client, cfg config.Config) error {
	sc := c.ScheduleClient()
	for _, opts := range []client.ScheduleOptions{
		{
			ID:   signals.ExportScheduleID,
			Spec: client.ScheduleSpec{Intervals: []client.ScheduleIntervalSpec{{Every: cfg.Export.Every}}},
			Action: &client.ScheduleWorkflowAction{
				ID: signals.ExportWorkflowID, Workflow: workflows.Export, TaskQueue: signals.CaptureTaskQueue,
				Args: []any{workflows.ExportInput{Every: cfg.Export.Every}},
			},
			// Runs never overlap: one waits behind a running export (triggers included).
			Overlap:       enumspb.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE,
			CatchupWindow: scheduleCatchup,
			Note:          "tollbooth batch export: CSV to the exports bucket and the billing FTP server",
		},
		{
			ID:   signals.ExportCheckScheduleID,
			Spec: client.ScheduleSpec{Intervals: []client.ScheduleIntervalSpec{{Every: cfg.Export.CheckEvery}}},
			Action: &client.ScheduleWorkflowAction{
				ID: signals.ExportCheckWorkflowID, Workflow: workflows.ExportCheck, TaskQueue: signals.CaptureTaskQueue,
				WorkflowRunTimeout: time.Minute,
			},
			Overlap:       enumspb.SCHEDULE_OVERLAP_POLICY_SKIP,
			CatchupWindow: time.Minute,
			Note:          "tollbooth: export early when a full batch waits",
		},
		{
			ID:   signals.MonitorScheduleID,
			Spec: client.ScheduleSpec{Intervals: []client.ScheduleIntervalSpec{{Every: cfg.Monitor.Every}}},
			Action: &client.ScheduleWorkflowAction{
				ID: signals.MonitorWorkflowID, Workflow: workflows.Monitor, TaskQueue: signals.CaptureTaskQueue,
				WorkflowRunTimeout: time.Minute,
			},
			Overlap:       enumspb.SCHEDULE_OVERLAP_POLICY_SKIP,
			CatchupWindow: time.Minute,
			Note:          "tollbooth monitoring: review backlog and recognition-failure alerts",
		},
		{
			ID:   signals.RetentionScheduleID,
			Spec: client.ScheduleSpec{Intervals: []client.ScheduleIntervalSpec{{Every: cfg.Retention.Every}}},
			Action: &client.ScheduleWorkflowAction{
				ID: signals.RetentionWorkflowID, Workflow: workflows.Retention, TaskQueue: signals.CaptureTaskQueue,
			},
			Overlap:       enumspb.SCHEDULE_OVERLAP_POLICY_SKIP,
			CatchupWindow: time.Minute,
			Note:          "tollbooth retention: raw OCR text expires; exported photos deleted where storage has no lifecycle rule",
		},
		{
			ID:   signals.SweepScheduleID,
			Spec: client.ScheduleSpec{Intervals: []client.ScheduleIntervalSpec{{Every: cfg.Sweep.Every}}},
			Action: &client.ScheduleWorkflowAction{
				ID: signals.SweepWorkflowID, Workflow: workflows.Sweep, TaskQueue: signals.CaptureTaskQueue,
				Args: []any{workflows.SweepInput{}}, WorkflowExecutionTimeout: sweepTimeout,
			},
			Overlap:       enumspb.SCHEDULE_OVERLAP_POLICY_SKIP,
			CatchupWindow: time.Minute,
			Note:          "tollbooth reconciliation sweep: start photos whose upload notification was lost",
		},
	} {
		if _, err := sc.Create(ctx, opts); err != nil && !errors.Is(err, temporal.ErrScheduleAlreadyRunning) {
			return fmt.Errorf("create schedule %s: %w", opts.ID, err)
		}
	}
	return nil
}

// TriggerExport runs the export schedule's action now. It queues behind a running export.
func TriggerExport(ctx context.Context, c client.Client) error {
	return c.ScheduleClient().GetHandle(ctx, signals.ExportScheduleID).Trigger(ctx,
		client.ScheduleTriggerOptions{Overlap: enumspb.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE})
}

// SetExportEvery changes the export schedule's interval, and the interval its runs report "no
// data" for, at run time: the next run follows the new interval.
func SetExportEvery(ctx context.Context, c client.Client, every time.Duration) error {
	return c.ScheduleClient().GetHandle(ctx, signals.ExportScheduleID).Update(ctx, client.ScheduleUpdateOptions{
		DoUpdate: func(in client.ScheduleUpdateInput) (*client.ScheduleUpdate, error) {
			s := in.Description.Schedule
			s.Spec = &client.ScheduleSpec{Intervals: []client.ScheduleIntervalSpec{{Every: every}}}
			action, ok := s.Action.(*client.ScheduleWorkflowAction)
			if !ok {
				return nil, fmt.Errorf("schedule %s does not start a workflow", signals.ExportScheduleID)
			}
			action.Args = []any{workflows.ExportInput{Every: every}}
			return &client.ScheduleUpdate{Schedule: &s}, nil
		},
	})
}

// scheduleTrigger lets the periodic check's activity trigger the export.
type scheduleTrigger struct{ client client.Client }

func (t scheduleTrigger) TriggerExport(ctx context.Context) error {
	return TriggerExport(ctx, t.client)
}
