package gateway

import (
	"context"
	"io"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/internal/review"
	"github.com/tollbooth/tollbooth/signals"
	"github.com/tollbooth/tollbooth/workflows"
)

// Reviews is what the gateway asks of Temporal: the queue, one capture's state, a decision.
type Reviews interface {
	Page(ctx context.Context, token string, size int) (review.Page, error)
	Show(ctx context.Context, captureID string) (workflows.CaptureState, error)
	Submit(ctx context.Context, captureID string, d signals.ReviewDecision) (signals.ReviewResult, error)
}

// Photos opens a stored photo (gcp.Bucket). The gateway streams it; the browser never sees the
// bucket or its credentials.
type Photos interface {
	Open(ctx context.Context, bucket, object string) (io.ReadCloser, error)
}

// Credentials checks a reviewer's password (reviewers.Store).
type Credentials interface {
	Check(id, password string) bool
}

// TemporalReviews is Reviews on a Temporal client and the review queue, with the Firestore record
// when the workflow cannot answer (no worker running, or its history is gone).
type TemporalReviews struct {
	Client  client.Client
	Queue   *review.Queue
	Records review.Records
}

func (t TemporalReviews) Page(ctx context.Context, token string, size int) (review.Page, error) {
	return t.Queue.Page(ctx, token, size)
}

func (t TemporalReviews) Show(ctx context.Context, id string) (workflows.CaptureState, error) {
	qctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	st, err := review.Show(qctx, t.Client, id)
	if err == nil || t.Records == nil {
		return st, err
	}
	rec, rerr := t.Records.Get(ctx, id)
	if rerr != nil || rec == nil {
		return st, err
	}
	return workflows.CaptureState{
		CaptureID: rec.CaptureID, Status: rec.Status, BoothID: rec.BoothID, CaptureTime: rec.CaptureTime,
		PhotoURI: rec.PhotoURI, PhotoSHA256: rec.PhotoSHA256, Plate: rec.Plate, Confidence: rec.Confidence,
		Decision: rec.Decision, Reason: rec.Reason, RawText: rec.RawText, Candidates: rec.Candidates,
		Attempts: rec.Attempts, ReviewerID: rec.ReviewerID, DecidedAt: rec.DecidedAt,
	}, nil
}

func (t TemporalReviews) Submit(ctx context.Context, id string, d signals.ReviewDecision) (signals.ReviewResult, error) {
	return review.Submit(ctx, t.Client, id, d)
}
