package workflows

import (
	"fmt"
	"net/url"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/tollbooth/tollbooth/internal/alert"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/signals"
)

// reviewQueueChange guards the review wait's commands added with the review queue: search attributes
// (the queue is a visibility query) and the reminder and escalation timers and alerts. Runs that
// started waiting before it replay the plain wait.
const (
	reviewQueueChange  = "review-queue"
	reviewQueueVersion = workflow.Version(1)
)

var (
	statusKey      = temporal.NewSearchAttributeKeyKeyword(signals.SearchAttrStatus)
	boothKey       = temporal.NewSearchAttributeKeyKeyword(signals.SearchAttrBooth)
	captureTimeKey = temporal.NewSearchAttributeKeyTime(signals.SearchAttrCaptureTime)
)

// awaitDecision waits, without end, for a reviewer's decision. Meanwhile the capture is in the review
// queue (its search attributes say awaiting_review), and after the reminder age, then the escalation
// age, an alert is raised. Neither deadline ends the wait: only a person's decision does.
func (c *captureRun) awaitDecision(ctx workflow.Context) error {
	decided := func() bool { return c.decision != nil }
	c.queueVersion = workflow.GetVersion(ctx, reviewQueueChange, workflow.DefaultVersion, reviewQueueVersion)
	if c.queueVersion == workflow.DefaultVersion {
		return workflow.Await(ctx, decided)
	}
	if err := workflow.UpsertTypedSearchAttributes(ctx,
		statusKey.ValueSet(string(capture.StatusAwaitingReview)),
		boothKey.ValueSet(c.state.BoothID),
		captureTimeKey.ValueSet(c.state.CaptureTime),
	); err != nil {
		return err
	}
	since := workflow.Now(ctx)
	p := c.reviewPolicy()
	for _, step := range []struct {
		kind  alert.Kind
		after time.Duration
	}{{alert.KindReviewReminder, p.ReminderAfter}, {alert.KindReviewEscalation, p.EscalateAfter}} {
		wait := step.after - workflow.Now(ctx).Sub(since)
		if wait > 0 {
			ok, err := workflow.AwaitWithOptions(ctx, workflow.AwaitOptions{
				Timeout:      wait,
				TimerOptions: workflow.TimerOptions{Summary: fmt.Sprintf("%s if no reviewer within %s", step.kind, step.after)},
			}, decided)
			if err != nil {
				return err
			}
			if ok {
				return nil
			}
		}
		c.raiseAlert(ctx, step.kind, step.after, since)
	}
	return workflow.Await(ctx, decided)
}

// leaveQueue sets the search attributes to the final status, so the decided capture leaves the
// review queue as soon as its record is stored.
func (c *captureRun) leaveQueue(ctx workflow.Context) error {
	if c.queueVersion == workflow.DefaultVersion {
		return nil
	}
	return workflow.UpsertTypedSearchAttributes(ctx, statusKey.ValueSet(string(c.state.Status)))
}

// reviewPolicy is the input's policy with defaults for what it leaves unset; an escalation age not
// after the reminder's is moved to twice the reminder's.
func (c *captureRun) reviewPolicy() signals.ReviewPolicy {
	p := c.in.Review
	if p.ReminderAfter <= 0 {
		p.ReminderAfter = signals.DefaultReviewReminderAfter
	}
	if p.EscalateAfter <= 0 {
		p.EscalateAfter = signals.DefaultReviewEscalateAfter
	}
	if p.EscalateAfter <= p.ReminderAfter {
		p.EscalateAfter = 2 * p.ReminderAfter
	}
	return p
}

// raiseAlert sends the alert in the background: a notifier outage must not hold up a reviewer's
// decision, and a failed alert is logged, not fatal to the capture.
func (c *captureRun) raiseAlert(ctx workflow.Context, kind alert.Kind, age time.Duration, since time.Time) {
	info := workflow.GetInfo(ctx)
	a := alert.Alert{
		Kind: kind, Key: c.in.CaptureID, Since: since,
		Subject: fmt.Sprintf("%s: capture %s has waited %s for a reviewer", alertTitle[kind], c.in.CaptureID, age),
		Body: fmt.Sprintf("Capture %s (booth %s, taken %s) has waited for a reviewer since %s: %s.\n"+
			"Decide it in the review page, or: starter review show %s",
			c.in.CaptureID, c.state.BoothID, c.state.CaptureTime.Format(time.RFC3339), since.Format(time.RFC3339),
			orNoReason(c.state.Reason), c.in.CaptureID),
		Link: webUIRunLink(c.in.Review.WebUI, info.Namespace, info.WorkflowExecution.ID, info.WorkflowExecution.RunID),
	}
	workflow.GetLogger(ctx).Warn("review overdue: raising an alert", "capture_id", c.in.CaptureID, "kind", kind, "age", age)
	workflow.Go(ctx, func(ctx workflow.Context) {
		if err := workflow.ExecuteActivity(summarized(alertActivities(ctx), "alert: "+string(kind)), alerting.SendAlert, a).Get(ctx, nil); err != nil {
			workflow.GetLogger(ctx).Error("alert not delivered", "capture_id", c.in.CaptureID, "kind", kind, "error", err)
		}
	})
}

var alertTitle = map[alert.Kind]string{alert.KindReviewReminder: "Reminder", alert.KindReviewEscalation: "Escalation"}

// webUIRunLink points at one run in the Temporal Web UI; empty without a Web UI address.
func webUIRunLink(base, namespace, workflowID, runID string) string {
	if base == "" {
		return ""
	}
	return fmt.Sprintf("%s/namespaces/%s/workflows/%s/%s/history", base,
		url.PathEscape(namespace), url.PathEscape(workflowID), url.PathEscape(runID))
}

func orNoReason(s string) string {
	if s == "" {
		return "no reason recorded"
	}
	return s
}
