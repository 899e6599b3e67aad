package workflows

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/signals"
)

// recognizeAttempts bounds the retries of one Vision call (about four minutes of backoff). Past them
// the recognizer is considered down for this capture, and a person reads the plate instead of the
// capture waiting without bound.
const recognizeAttempts = 8

// photoActivities read storage and Firestore: retried until they succeed, because a capture must
// never be lost to a passing outage; errors that retrying cannot fix are non-retryable.
func photoActivities(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		TaskQueue:           signals.CaptureTaskQueue,
		StartToCloseTimeout: time.Minute,
		HeartbeatTimeout:    30 * time.Second,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:        time.Second,
			BackoffCoefficient:     2,
			MaximumInterval:        time.Minute,
			NonRetryableErrorTypes: []string{activities.ErrInvalidPhoto},
		},
	})
}

// visionActivities run on the Vision task queue. No schedule-to-start timeout: during a spike the
// tasks wait in the queue for the rate limit, which is the point.
func visionActivities(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		TaskQueue:           signals.VisionTaskQueue,
		StartToCloseTimeout: 30 * time.Second,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:        2 * time.Second,
			BackoffCoefficient:     2,
			MaximumInterval:        time.Minute,
			MaximumAttempts:        recognizeAttempts,
			NonRetryableErrorTypes: []string{activities.ErrPhotoRejected},
		},
	})
}

// The second recognizer's bounds. Its tasks may wait in their queue for its rate cap, but not
// without bound: a second recognizer that is down, or backed up past secondOpinionQueueWait, sends
// the capture to a person instead of holding it (a person costs seconds; a blocked capture, a
// backlog). A schedule-to-start timeout is not retried; failed calls are, a few times.
const (
	secondOpinionQueueWait = 2 * time.Minute
	secondOpinionAttempts  = 3
)

// secondOpinionActivities run on the second recognizer's own task queue, whose workers exist only
// where one is configured.
func secondOpinionActivities(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		TaskQueue:              signals.SecondOpinionTaskQueue,
		ScheduleToStartTimeout: secondOpinionQueueWait,
		StartToCloseTimeout:    30 * time.Second,
		ScheduleToCloseTimeout: 5 * time.Minute,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:        2 * time.Second,
			BackoffCoefficient:     2,
			MaximumInterval:        30 * time.Second,
			MaximumAttempts:        secondOpinionAttempts,
			NonRetryableErrorTypes: []string{activities.ErrPhotoRejected},
		},
	})
}

// alertActivities deliver alerts: a few retries over some minutes; past them the failure is logged,
// and the capture goes on waiting for its reviewer.
func alertActivities(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		TaskQueue:           signals.CaptureTaskQueue,
		StartToCloseTimeout: 30 * time.Second,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:    5 * time.Second,
			BackoffCoefficient: 2,
			MaximumInterval:    time.Minute,
			MaximumAttempts:    6,
		},
	})
}
