package workflows

import (
	"fmt"
	"strings"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/alert"
	"github.com/tollbooth/tollbooth/internal/telemetry"
)

// The sweep's bounds: listing pages per activity (each heartbeats after every page), and per run
// before it continues as new, so a large window never grows one history without bound.
const (
	sweepPagesPerActivity = 10
	sweepPagesPerRun      = 200
)

// metricSweepStarted is the sweep's counter (internal/telemetry).
const metricSweepStarted = telemetry.SweepStarted

// SweepInput is the sweep schedule's argument (empty) and what a run hands the next when it
// continues as new: the sweep's fixed time, where the listing stands, and what it found so far.
type SweepInput struct {
	Now    time.Time              `json:"now,omitzero"`
	Cursor activities.SweepCursor `json:"cursor,omitzero"`
	Found  activities.SweepCounts `json:"found,omitzero"`
}

// SweepResult is what a whole sweep found and started.
type SweepResult struct {
	activities.SweepCounts
	Window time.Duration `json:"window"`
	Grace  time.Duration `json:"grace"`
	Alert  bool          `json:"alert"` // the photos-missed alert was raised
}

// Sweep is the reconciliation sweep (schedule tollbooth-sweep): it lists the photo bucket over the
// photos taken within the worker's window and starts, the way the upload trigger does, every photo
// older than the grace period that has neither a record nor a workflow. Finding any means upload
// notifications are being lost: it counts them (metricSweepStarted) and raises the photos-missed
// alert. Large windows continue as new every sweepPagesPerRun pages, carrying the listing's cursor.
func Sweep(ctx workflow.Context, in SweepInput) (SweepResult, error) {
	if in.Now.IsZero() {
		in.Now = workflow.Now(ctx).UTC()
	}
	var sweeper *activities.Sweeper
	actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 10 * time.Minute,
		HeartbeatTimeout:    time.Minute,
		RetryPolicy:         &temporal.RetryPolicy{InitialInterval: 5 * time.Second, MaximumAttempts: 5},
	})
	var pages int
	for {
		var p activities.SweepProgress
		req := activities.SweepRequest{Now: in.Now, Cursor: in.Cursor, MaxPages: sweepPagesPerActivity}
		if err := workflow.ExecuteActivity(actx, sweeper.SweepPhotos, req).Get(ctx, &p); err != nil {
			return SweepResult{}, err
		}
		workflow.GetMetricsHandler(ctx).Counter(metricSweepStarted).Inc(int64(p.Started))
		in.Found.Add(p.SweepCounts)
		in.Cursor = p.Cursor
		pages += p.Pages
		if p.Done {
			res := SweepResult{SweepCounts: in.Found, Window: p.Window, Grace: p.Grace, Alert: in.Found.Started > 0}
			if !res.Alert {
				return res, nil
			}
			return res, sendAlert(ctx, photosMissedAlert(ctx, in.Now, res))
		}
		if pages >= sweepPagesPerRun {
			return SweepResult{}, workflow.NewContinueAsNewError(ctx, Sweep, in)
		}
	}
}

// photosMissedAlert reports photos the sweep had to start: keyed by the bucket alone, so a stream
// of lost notifications raises one alert per de-duplication window.
func photosMissedAlert(ctx workflow.Context, now time.Time, res SweepResult) alert.Alert {
	return alert.Alert{
		Kind: alert.KindPhotosMissed,
		Key:  "upload-notifications",
		Subject: fmt.Sprintf("%d photos had no workflow %s after upload: upload notifications are being lost",
			res.Started, res.Grace),
		Body: fmt.Sprintf("The reconciliation sweep found %d photos, taken in the last %s and uploaded more than %s ago, "+
			"with neither a workflow nor a record, and started them (they are being processed now; nothing is lost). "+
			"Their upload notifications never started them: check the bucket's Pub/Sub notification and the trigger's "+
			"subscription (deleted, misconfigured, messages expired), and the trigger's logs. Some of them:\n  %s",
			res.Started, res.Window, res.Grace, strings.Join(res.StartedObjects, "\n  ")),
		Since: now.Add(-res.Window),
		Link:  uiLink(ctx, workflow.GetInfo(ctx).WorkflowExecution.ID),
	}
}
