package workflows

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/alert"
)

// MonitorResult is what one run of the monitoring found and raised.
type MonitorResult struct {
	AwaitingReview int64 `json:"awaiting_review"`
	RecentCaptures int   `json:"recent_captures"`
	RecentFailures int   `json:"recent_failures"`
	BacklogAlert   bool  `json:"backlog_alert"`
	SpikeAlert     bool  `json:"spike_alert"`
}

// Monitor is the monitoring schedule's workflow: it measures the pipeline and raises the
// review-backlog alert when too many captures wait for a person, and the recognition-spike alert
// when the recognizer failed on too many recent captures.
func Monitor(ctx workflow.Context) (MonitorResult, error) {
	var m *activities.Monitoring
	actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 30 * time.Second,
		RetryPolicy:         &temporal.RetryPolicy{MaximumAttempts: 3},
	})
	var h activities.PipelineHealth
	if err := workflow.ExecuteActivity(actx, m.MeasurePipeline).Get(ctx, &h); err != nil {
		return MonitorResult{}, err
	}
	res := MonitorResult{AwaitingReview: h.AwaitingReview, RecentCaptures: h.RecentCaptures, RecentFailures: h.RecentFailures,
		BacklogAlert: h.Backlogged(), SpikeAlert: h.Spike}
	return res, raiseHealthAlerts(ctx, h)
}

// raiseHealthAlerts sends the recognition-spike and review-backlog alerts the measurement calls for.
func raiseHealthAlerts(ctx workflow.Context, h activities.PipelineHealth) error {
	now := workflow.Now(ctx).UTC()
	if h.Spike {
		a := alert.Alert{
			Kind: alert.KindRecognitionSpike,
			Subject: fmt.Sprintf("Recognition failing: %d of the last %d captures (%s)", h.RecentFailures, h.RecentCaptures,
				h.SpikeWindow),
			Body: fmt.Sprintf("The recognizer (Google Cloud Vision) failed after its retries on %d of the %d captures recorded in "+
				"the last %s (alert at %.0f%%). Those captures wait for a person instead of being read automatically. "+
				"Check the Vision service's status and quota, and the worker's logs for the RecognizeText errors.",
				h.RecentFailures, h.RecentCaptures, h.SpikeWindow, 100*h.SpikeRate),
			Since: now.Add(-h.SpikeWindow),
			Link:  uiLink(ctx, ""),
		}
		if err := sendAlert(ctx, a); err != nil {
			return err
		}
	}
	if h.Backlogged() {
		a := alert.Alert{
			Kind:    alert.KindReviewBacklog,
			Subject: fmt.Sprintf("%d captures wait for a reviewer", h.AwaitingReview),
			Body: fmt.Sprintf("%d captures wait for a person to read their plate (alert threshold %d). They are not billed until "+
				"decided. Open the review queue (starter review list, or the reviewer web form) and clear the oldest first.",
				h.AwaitingReview, h.BacklogLimit),
			Since: now,
			Link:  uiLink(ctx, ""),
		}
		if err := sendAlert(ctx, a); err != nil {
			return err
		}
	}
	return nil
}
