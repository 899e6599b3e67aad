//go:build integration

package e2e

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/api/serviceerror"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/devstack"
	"github.com/tollbooth/tollbooth/signals"
)

// waitingCapture starts the capture of a blank photo (no plate: a person must decide) and waits
// until it waits for a review.
func (s *stack) waitingCapture(t *testing.T, booth string, mark byte) string {
	t.Helper()
	data := append(slices.Clone(blankPhoto(t)), mark, mark, mark)
	object := capture.ObjectName(booth, time.Now().UTC().Truncate(time.Millisecond), sha(data), "jpg")
	id := s.put(t, object, data)
	_, err := s.captures.Start(context.Background(), s.cfg.PhotoBucket, object, "starter")
	require.NoError(t, err)
	require.Equal(t, capture.StatusAwaitingReview, s.waitSettled(t, []string{id}, time.Minute)[id].Status)
	return id
}

// temporalSignal sends a review-decision signal the way README tells an operator to:
// `temporal workflow signal` with the decision as JSON.
func (s *stack) temporalSignal(t *testing.T, captureID, input string) {
	t.Helper()
	dir, err := devstack.ToolsDir()
	require.NoError(t, err)
	cmd := exec.Command(filepath.Join(dir, devstack.TemporalCLI.Binary), "workflow", "signal",
		"--address", s.cfg.Temporal.Address, "--namespace", s.cfg.Temporal.Namespace,
		"--workflow-id", signals.CaptureWorkflowID(captureID), "--name", signals.ReviewDecisionSignal, "--input", input)
	cmd.Env = os.Environ()
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "temporal workflow signal: %s", out)
}

// TestReviewBySignal, on the real dev server, with the Temporal CLI an operator would use: a bad
// signal is refused visibly (the query's refused signals) and changes nothing; a good one decides the
// capture like the update, and the reviewer is on the record.
func TestReviewBySignal(t *testing.T) {
	s := startStack(t, false, nil)
	s.drainQueue(t)
	ctx := context.Background()
	id := s.waitingCapture(t, "east-01", 41)

	s.temporalSignal(t, id, `{"plate":"!!","reviewer_id":"operator"}`)
	s.temporalSignal(t, id, `{"plate":"SIG1234","reviewer":"operator"}`) // a typo in the field name
	var st signals.CaptureState
	require.Eventually(t, func() bool {
		var err error
		st, err = s.captures.Show(ctx, id)
		require.NoError(t, err)
		return len(st.RefusedSignals) == 2
	}, 20*time.Second, 200*time.Millisecond)
	require.Equal(t, capture.StatusAwaitingReview, st.Status, "refused signals change nothing")
	require.Equal(t, signals.ErrTypeInvalidDecision, st.RefusedSignals[0].ErrorType)
	require.Contains(t, st.RefusedSignals[0].Reason, "not a valid plate")
	require.Contains(t, st.RefusedSignals[1].Reason, `unknown field "reviewer"`)

	s.temporalSignal(t, id, `{"plate":"sig 1234","reviewer_id":"operator"}`)
	require.NoError(t, s.temporal.GetWorkflow(ctx, signals.CaptureWorkflowID(id), "").Get(ctx, nil), "the signal completes the capture")
	rec, err := s.records.Get(ctx, id)
	require.NoError(t, err)
	require.Equal(t, capture.StatusAccepted, rec.Status)
	require.Equal(t, "SIG1234", rec.Plate)
	require.Equal(t, capture.DecisionByReviewer("operator"), rec.Decision)
	require.False(t, rec.DecidedAt.IsZero())
	s.waitQueue(t, nil)
}

// TestASignalRacingAnUpdateYieldsOneDecision sends, for several waiting captures, a signal and an
// update at the same moment, or one a moment ahead of the other: each capture is decided exactly once, by
// one of them, and the other is refused (the update with a typed NotWaitingError; the signal in the
// query's state, or by the server when the workflow has already closed).
func TestASignalRacingAnUpdateYieldsOneDecision(t *testing.T) {
	s := startStack(t, false, nil)
	s.drainQueue(t)
	ctx := context.Background()
	var ids []string
	for i := range 6 {
		ids = append(ids, s.waitingCapture(t, "south-01", byte(50+i)))
	}
	type outcome struct {
		updateErr, signalErr error
	}
	outcomes := make([]outcome, len(ids))
	var wg sync.WaitGroup
	update := func(i int) {
		_, outcomes[i].updateErr = s.captures.Decide(ctx, ids[i], signals.ReviewDecision{Plate: "UPD1234", ReviewerID: "by-update"})
	}
	signal := func(i int) {
		outcomes[i].signalErr = s.temporal.SignalWorkflow(ctx, signals.CaptureWorkflowID(ids[i]), "", signals.ReviewDecisionSignal,
			signals.ReviewDecision{Plate: "SIG1234", ReviewerID: "by-signal"})
	}
	for i := range ids {
		switch i % 3 {
		case 1: // the signal a moment ahead: the update follows while its decision is being stored
			wg.Go(func() { signal(i); update(i) })
		case 2: // the update a moment ahead
			wg.Go(func() { update(i); signal(i) })
		default: // both at once
			start := make(chan struct{})
			wg.Go(func() { <-start; update(i) })
			wg.Go(func() { <-start; signal(i) })
			close(start)
		}
	}
	wg.Wait()

	winners := map[string]int{}
	for i, id := range ids {
		require.NoError(t, s.temporal.GetWorkflow(ctx, signals.CaptureWorkflowID(id), "").Get(ctx, nil))
		rec, err := s.records.Get(ctx, id)
		require.NoError(t, err)
		require.Equal(t, capture.StatusAccepted, rec.Status)
		st, err := s.captures.Show(ctx, id)
		require.NoError(t, err)
		o := outcomes[i]
		switch rec.ReviewerID {
		case "by-update":
			require.NoError(t, o.updateErr)
			require.Equal(t, "UPD1234", rec.Plate)
			var closed *serviceerror.NotFound
			if o.signalErr == nil {
				require.Len(t, st.RefusedSignals, 1, "the signal came second: refused, visibly")
				require.Equal(t, signals.ErrTypeNotWaiting, st.RefusedSignals[0].ErrorType)
			} else {
				require.True(t, errors.As(o.signalErr, &closed), "a signal after the workflow closed: %v", o.signalErr)
			}
		case "by-signal":
			require.NoError(t, o.signalErr)
			require.Equal(t, "SIG1234", rec.Plate)
			var late *signals.NotWaitingError
			require.ErrorAs(t, o.updateErr, &late, "the update came second: refused by type")
			require.Empty(t, st.RefusedSignals)
		default:
			t.Fatalf("capture %s decided by %q", id, rec.ReviewerID)
		}
		winners[rec.ReviewerID]++
	}
	t.Logf("winners over %d races: %v", len(ids), winners)
}
