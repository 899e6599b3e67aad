package activities

import (
	"context"
	"fmt"

	"go.temporal.io/sdk/activity"

	"github.com/tollbooth/tollbooth/internal/alert"
)

// Notifier delivers alerts (SMTP, webhook) and drops repeats of the same condition in its window.
type Notifier interface {
	Notify(ctx context.Context, a alert.Alert) error
}

// Alerting holds the activity that raises alerts, for every workflow that needs to.
type Alerting struct {
	Notifier Notifier
}

// SendAlert delivers an alert. A delivery failure is returned for the retry policy.
func (a *Alerting) SendAlert(ctx context.Context, al alert.Alert) error {
	if err := a.Notifier.Notify(ctx, al); err != nil {
		return fmt.Errorf("alert %s: %w", al.DedupKey(), err)
	}
	activity.GetLogger(ctx).Info("alert sent", "kind", al.Kind, "key", al.Key)
	return nil
}
