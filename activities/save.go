package activities

import (
	"context"
	"fmt"

	"go.temporal.io/sdk/activity"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// SaveCapture stores the capture's record. It is idempotent: a retry writes the same document, and a
// final record stored by another run of the same capture is kept, not overwritten.
func (p *Photos) SaveCapture(ctx context.Context, rec capture.Record) (capture.Record, error) {
	stored, err := p.Records.Save(ctx, rec)
	if err != nil {
		return capture.Record{}, fmt.Errorf("save record %s: %w", rec.CaptureID, err)
	}
	activity.GetLogger(ctx).Info("capture saved", "capture_id", rec.CaptureID, "status", stored.Status, "plate", stored.Plate)
	return stored, nil
}
