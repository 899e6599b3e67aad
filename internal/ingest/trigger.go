package ingest

import (
	"context"
	"log/slog"
	"time"

	"cloud.google.com/go/pubsub/v2"
	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/internal/captureclient"
	"github.com/tollbooth/tollbooth/internal/telemetry"
)

// Trigger starts a capture workflow for every photo the bucket's notifications announce. It is the
// local twin of a Cloud Run push endpoint or Cloud Function: stateless, as many copies as needed.
type Trigger struct {
	Subscriber  *pubsub.Subscriber
	Captures    *captureclient.Client
	PhotoBucket string
	Log         *slog.Logger
	// Metrics counts notifications by outcome (tollbooth_trigger_notifications_total); nil counts nothing.
	Metrics client.MetricsHandler
}

// count counts one notification with its outcome (telemetry.Outcome*).
func (t Trigger) count(outcome string) {
	if t.Metrics != nil {
		t.Metrics.WithTags(map[string]string{telemetry.LabelOutcome: outcome}).Counter(telemetry.TriggerNotifications).Inc(1)
	}
}

// Run receives notifications until ctx ends. A message is acknowledged only once its workflow exists,
// so a failed start is redelivered; a duplicate delivery finds the existing workflow.
func (t Trigger) Run(ctx context.Context) error {
	return t.Subscriber.Receive(ctx, func(ctx context.Context, m *pubsub.Message) {
		e, err := EventFromAttributes(m.Attributes)
		if err != nil {
			// Not ours to process, and redelivering it cannot help: drop it loudly.
			t.Log.Error("dropping message that is not an upload notification", "message_id", m.ID, "error", err)
			t.count(telemetry.OutcomeMalformed)
			m.Ack()
			return
		}
		if !e.IsCapturePhoto(t.PhotoBucket) {
			t.count(telemetry.OutcomeIgnored)
			m.Ack()
			return
		}
		startCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		s, err := t.Captures.Start(startCtx, e.Bucket, e.Object, "upload-event")
		if err != nil {
			t.Log.Error("could not start capture; the notification will be redelivered", "object", e.Object, "error", err)
			t.count(telemetry.OutcomeFailed)
			m.Nack()
			return
		}
		t.Log.Info("capture started", "capture_id", s.CaptureID, "object", e.Object, "existing", s.Existing)
		if s.Existing {
			t.count(telemetry.OutcomeDuplicate)
		} else {
			t.count(telemetry.OutcomeStarted)
		}
		m.Ack()
	})
}
