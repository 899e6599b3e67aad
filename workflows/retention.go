package workflows

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/tollbooth/tollbooth/activities"
)

// RetentionResult is what one run of the retention job removed.
type RetentionResult struct {
	RawCleared    int `json:"raw_cleared"`    // records whose raw OCR text and candidates were cleared
	PhotosDeleted int `json:"photos_deleted"` // exported photos deleted (where the job applies the photo rule)
}

// retentionActivityOptions: each step heartbeats as it goes and resumes on a retry (what was
// cleared or deleted stays so); the next scheduled run picks up whatever a failed run left.
var retentionActivityOptions = workflow.ActivityOptions{
	StartToCloseTimeout: 30 * time.Minute,
	HeartbeatTimeout:    time.Minute,
	RetryPolicy:         &temporal.RetryPolicy{InitialInterval: 5 * time.Second, BackoffCoefficient: 2, MaximumInterval: time.Minute, MaximumAttempts: 5},
}

// Retention is the retention job's workflow (schedule tollbooth-retention): it clears the raw OCR
// text and candidates whose time has come and, where the storage has no lifecycle rules (the local
// stack), deletes the photos whose retention after export has passed. Billing fields stay.
func Retention(ctx workflow.Context) (RetentionResult, error) {
	var r *activities.Retention
	actx := workflow.WithActivityOptions(ctx, retentionActivityOptions)
	var res RetentionResult
	if err := workflow.ExecuteActivity(actx, r.ClearExpiredRaw).Get(ctx, &res.RawCleared); err != nil {
		return res, err
	}
	if err := workflow.ExecuteActivity(actx, r.DeleteExpiredPhotos).Get(ctx, &res.PhotosDeleted); err != nil {
		return res, err
	}
	return res, nil
}
