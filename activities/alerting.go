package activities

import (
	"context"
	"fmt"

	"go.temporal.io/sdk/activity"

	"github.com/tollbooth/tollbooth/internal/alert"
	"github.com/tollbooth/tollbooth/internal/telemetry"
)

// Notifier delivers alerts (SMTP, webhook) and drops repeats of the same condition in its window.
type Notifier interface {
	// Notify says whether it delivered the alert (false: a repeat within the window, dropped).
	Notify(ctx context.Context, a alert.Alert) (bool, error)
}

// Alerting holds the activity that raises alerts, for every workflow that needs to.
type Alerting struct {
	Notifier Notifier
}

// SendAlert delivers an alert. A delivery failure is returned for the retry policy. A delivered
// alert is counted by kind (tollbooth_alerts_sent_total); a repeat the notifier drops is not.
func (a *Alerting) SendAlert(ctx context.Context, al alert.Alert) error {
	sent, err := a.Notifier.Notify(ctx, al)
	if err != nil {
		return fmt.Errorf("alert %s: %w", al.DedupKey(), err)
	}
	if !sent {
		activity.GetLogger(ctx).Info("alert dropped: the same condition was reported within the window", "kind", al.Kind, "key", al.Key)
		return nil
	}
	activity.GetMetricsHandler(ctx).WithTags(map[string]string{telemetry.LabelKind: string(al.Kind)}).Counter(telemetry.AlertsSent).Inc(1)
	activity.GetLogger(ctx).Info("alert sent", "kind", al.Kind, "key", al.Key)
	return nil
}
