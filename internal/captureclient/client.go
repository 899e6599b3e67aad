package captureclient

import (
	"context"
	"errors"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/signals"
)

// ErrNotFound: no workflow and no record knows the capture.
var ErrNotFound = errors.New("no such capture")

// Records reads capture records (gcp.Captures).
type Records interface {
	// Get returns the record, or nil and no error when there is none.
	Get(ctx context.Context, captureID string) (*capture.Record, error)
}

// Options are what every start records in the workflow's input, and where the queue looks.
type Options struct {
	// Namespace is the Temporal namespace the review queue's visibility queries read.
	Namespace string
	// AutoAcceptConfidence and Review go into each new workflow's input (signals.CaptureInput).
	AutoAcceptConfidence float64
	Review               signals.ReviewPolicy
	// QueryTimeout bounds the wait for a workflow's answer before Show reads the record instead
	// (no worker running, or the history is gone); default 10 seconds.
	QueryTimeout time.Duration
}

// Client talks to the capture workflows through a Temporal client, and reads their Firestore
// records where a workflow cannot answer.
type Client struct {
	temporal client.Client
	records  Records
	vis      visibility
	opts     Options
	now      func() time.Time
}

// New returns a client. records may be nil for a client that only starts captures (the trigger).
func New(c client.Client, records Records, o Options) *Client {
	if o.QueryTimeout <= 0 {
		o.QueryTimeout = 10 * time.Second
	}
	return &Client{temporal: c, records: records, vis: temporalVisibility{client: c, namespace: o.Namespace}, opts: o, now: time.Now}
}

// record reads a record, or nil without a record reader.
func (c *Client) record(ctx context.Context, captureID string) (*capture.Record, error) {
	if c.records == nil {
		return nil, nil
	}
	return c.records.Get(ctx, captureID)
}
