package gateway

import (
	"context"
	"io"

	"github.com/tollbooth/tollbooth/internal/captureclient"
	"github.com/tollbooth/tollbooth/signals"
)

// Captures is what the pages and the API ask of the capture workflows: *captureclient.Client, the
// one client, called directly (tests pass a fake). Refusals and unknown captures come back typed:
// *signals.DecisionError, *signals.NotWaitingError, captureclient.ErrNotFound,
// captureclient.ErrBadPageToken, *captureclient.ReprocessRefusedError.
type Captures interface {
	Start(ctx context.Context, bucket, object, source string) (captureclient.Started, error)
	Show(ctx context.Context, captureID string) (signals.CaptureState, error)
	Decide(ctx context.Context, captureID string, d signals.ReviewDecision) (signals.ReviewResult, error)
	Queue(ctx context.Context, token string, size int) (captureclient.Page, error)
	Reprocess(ctx context.Context, captureID string) (captureclient.Started, error)
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
