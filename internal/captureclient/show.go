package captureclient

import (
	"context"
	"errors"
	"fmt"

	"go.temporal.io/api/serviceerror"

	"github.com/tollbooth/tollbooth/signals"
)

// Show returns a capture's state: its workflow's answer to the state query (the newest state, with
// any refused signals) or, when the workflow cannot answer (no worker, history gone), its record in
// Firestore. A capture neither knows is ErrNotFound.
func (c *Client) Show(ctx context.Context, captureID string) (signals.CaptureState, error) {
	var st signals.CaptureState
	qctx, cancel := context.WithTimeout(ctx, c.opts.QueryTimeout)
	v, qerr := c.temporal.QueryWorkflow(qctx, signals.CaptureWorkflowID(captureID), "", signals.CaptureStateQuery)
	cancel()
	if qerr == nil {
		return st, v.Get(&st)
	}
	rec, err := c.record(ctx, captureID)
	switch {
	case err != nil:
		return st, fmt.Errorf("capture %s: the workflow did not answer (%v), and the record could not be read: %w", captureID, qerr, err)
	case rec != nil:
		st.Record = *rec
		return st, nil
	}
	var notFound *serviceerror.NotFound
	if errors.As(qerr, &notFound) {
		return st, fmt.Errorf("capture %s: %w", captureID, ErrNotFound)
	}
	return st, fmt.Errorf("capture %s: no record yet, and its workflow did not answer: %w", captureID, qerr)
}
