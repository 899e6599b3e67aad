//go:build integration

package e2e

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/captureclient"
	"github.com/tollbooth/tollbooth/signals"
)

// TestReviewRemindersAreMailed: with short review deadlines in the workflow's input, a waiting
// capture raises one reminder and one escalation, delivered by mail through the real notifier, and
// still waits; a decision then completes it.
func TestReviewRemindersAreMailed(t *testing.T) {
	s := startStack(t, false, nil)
	opts := app.CaptureClientOptions(s.cfg)
	opts.Review.ReminderAfter, opts.Review.EscalateAfter = 3*time.Second, 6*time.Second
	captures := captureclient.New(s.temporal, s.records, opts)
	ctx := context.Background()
	data := append(slices.Clone(blankPhoto(t)), 7, 7)
	object := capture.ObjectName("east-01", time.Now().UTC().Truncate(time.Millisecond), sha(data), "jpg")
	id := s.put(t, object, data)
	_, err := captures.Start(ctx, s.cfg.PhotoBucket, object, "starter")
	require.NoError(t, err)
	require.Equal(t, capture.StatusAwaitingReview, s.waitSettled(t, []string{id}, time.Minute)[id].Status)

	reminders := waitMails(t, s.cfg, "Reminder: capture "+id, 1, 30*time.Second)
	require.Len(t, reminders, 1)
	escalations := waitMails(t, s.cfg, "Escalation: capture "+id, 1, 30*time.Second)
	require.Len(t, escalations, 1)
	text := mailText(t, s.cfg, escalations[0].ID)
	require.Contains(t, text, s.cfg.Temporal.UIBaseURL+"/namespaces/default/workflows/"+signals.CaptureWorkflowID(id))

	rec, err := s.records.Get(ctx, id)
	require.NoError(t, err)
	require.Equal(t, capture.StatusAwaitingReview, rec.Status, "deadlines never end the wait")
	res, err := s.captures.Decide(ctx, id, signals.ReviewDecision{Plate: "LATE123", ReviewerID: "gina"})
	require.NoError(t, err)
	require.Equal(t, string(capture.StatusAccepted), res.Status)
	require.Len(t, mails(t, s.cfg, "capture "+id), 2, "one reminder, one escalation, nothing more")
}
