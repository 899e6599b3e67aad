package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	tbcost "github.com/tollbooth/tollbooth/internal/cost"
	"github.com/tollbooth/tollbooth/internal/visionserver"
	"github.com/tollbooth/tollbooth/signals"
)

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func captureWorkflowIDs(captureIDs []string) []string {
	out := make([]string, len(captureIDs))
	for i, id := range captureIDs {
		out[i] = signals.CaptureWorkflowID(id)
	}
	return out
}

// waitClosed waits for every workflow to close and returns each one's close time, as the server
// recorded it. Workflows started by the trigger may not exist yet: those are looked for again.
func waitClosed(ctx context.Context, c client.Client, ids []string, timeout time.Duration) (map[string]time.Time, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	closeTimes := make([]time.Time, len(ids))
	var done atomic.Int64
	stopProgress := progress(len(ids), &done)
	defer stopProgress()
	err := parallel(len(ids), func(i int) error {
		for {
			d, err := c.DescribeWorkflowExecution(ctx, ids[i], "")
			var notFound *serviceerror.NotFound
			switch {
			case errors.As(err, &notFound):
			case err != nil:
				return fmt.Errorf("describe %s: %w", ids[i], err)
			case d.GetWorkflowExecutionInfo().GetStatus() == enums.WORKFLOW_EXECUTION_STATUS_COMPLETED:
				closeTimes[i] = d.GetWorkflowExecutionInfo().GetCloseTime().AsTime()
				done.Add(1)
				return nil
			case d.GetWorkflowExecutionInfo().GetStatus() != enums.WORKFLOW_EXECUTION_STATUS_RUNNING:
				return fmt.Errorf("workflow %s ended %s", ids[i], d.GetWorkflowExecutionInfo().GetStatus())
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("waiting for %s: %w", ids[i], ctx.Err())
			case <-time.After(500 * time.Millisecond):
			}
		}
	})
	if err != nil {
		return nil, err
	}
	out := make(map[string]time.Time, len(ids))
	for i, id := range ids {
		out[id] = closeTimes[i]
	}
	return out, nil
}

// progress prints "n/total closed" every few seconds until stopped.
func progress(total int, done *atomic.Int64) (stop func()) {
	quit := make(chan struct{})
	go func() {
		t := time.NewTicker(3 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				fmt.Printf("bench:   %d/%d closed\n", done.Load(), total)
			}
		}
	}()
	return func() { close(quit) }
}

func visionStats(ctx context.Context, url string) (visionserver.StatsSnapshot, error) {
	var s visionserver.StatsSnapshot
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(url, "/")+"/stats", nil)
	if err != nil {
		return s, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return s, fmt.Errorf("vision server stats: %w", err)
	}
	defer resp.Body.Close()
	return s, json.NewDecoder(resp.Body).Decode(&s)
}

// cost is what a capture costs in Temporal terms, averaged over a sample of workflows.
type cost struct {
	sampled       int
	historyEvents float64
	actions       float64
}

// costSample bounds how many histories are read.
const costSample = 25

// costPerCapture reads a sample of histories and counts events and billable actions (the rules of
// Temporal Cloud's billing, in internal/cost).
func costPerCapture(ctx context.Context, c client.Client, ids []string) (cost, error) {
	var out cost
	for _, id := range ids[:min(costSample, len(ids))] {
		run, err := tbcost.MeasureRun(ctx, c, id, "")
		if err != nil {
			return out, err
		}
		out.sampled++
		out.historyEvents += float64(run.Events)
		out.actions += float64(run.Actions)
	}
	if out.sampled > 0 {
		out.historyEvents /= float64(out.sampled)
		out.actions /= float64(out.sampled)
	}
	return out, nil
}
