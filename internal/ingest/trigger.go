package ingest

import (
	"context"
	"log/slog"
	"time"

	"cloud.google.com/go/pubsub/v2"

	"github.com/tollbooth/tollbooth/internal/captureclient"
)

// Trigger starts a capture workflow for every photo the bucket's notifications announce. It is the
// local twin of a Cloud Run push endpoint or Cloud Function: stateless, as many copies as needed.
type Trigger struct {
	Subscriber  *pubsub.Subscriber
	Captures    *captureclient.Client
	PhotoBucket string
	Log         *slog.Logger
}

// Run receives notifications until ctx ends. A message is acknowledged only once its workflow exists,
// so a failed start is redelivered; a duplicate delivery finds the existing workflow.
func (t Trigger) Run(ctx context.Context) error {
	return t.Subscriber.Receive(ctx, func(ctx context.Context, m *pubsub.Message) {
		e, err := EventFromAttributes(m.Attributes)
		if err != nil {
			// Not ours to process, and redelivering it cannot help: drop it loudly.
			t.Log.Error("dropping message that is not an upload notification", "message_id", m.ID, "error", err)
			m.Ack()
			return
		}
		if !e.IsCapturePhoto(t.PhotoBucket) {
			m.Ack()
			return
		}
		startCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		s, err := t.Captures.Start(startCtx, e.Bucket, e.Object, "upload-event")
		if err != nil {
			t.Log.Error("could not start capture; the notification will be redelivered", "object", e.Object, "error", err)
			m.Nack()
			return
		}
		t.Log.Info("capture started", "capture_id", s.CaptureID, "object", e.Object, "existing", s.Existing)
		m.Ack()
	})
}
