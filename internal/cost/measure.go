package cost

import (
	"context"
	"fmt"
	"time"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/signals"
)

// Workflow type names of the periodic workflows, as the worker registers them (their Go names).
const (
	exportWorkflow      = "Export"
	exportBatchWorkflow = "ExportBatch"
	exportCheckWorkflow = "ExportCheck"
	monitorWorkflow     = "Monitor"
)

// Measure reads up to sample completed runs of each workflow type from Temporal's visibility and
// counts what they did. Progress, one line per type, goes to progress when it is not nil.
func Measure(ctx context.Context, c client.Client, namespace string, sample int, progress func(string)) (Profile, error) {
	p := Profile{Measured: fmt.Sprintf("%s, %s", time.Now().UTC().Format("2006-01-02 15:04 MST"), namespace)}
	captures, err := runs(ctx, c, namespace, signals.CaptureWorkflow, 2*sample)
	if err != nil {
		return p, err
	}
	for _, r := range captures {
		if r.Reviewed {
			if p.Reviewed.Runs < sample {
				p.Reviewed.Add(r)
			}
		} else if p.AutoAccepted.Runs < sample {
			p.AutoAccepted.Add(r)
		}
	}
	if progress != nil {
		progress(fmt.Sprintf("%s: %d auto-accepted and %d reviewed runs read", signals.CaptureWorkflow, p.AutoAccepted.Runs, p.Reviewed.Runs))
	}
	for _, t := range []struct {
		name string
		into *Mean
	}{{exportWorkflow, &p.Export}, {exportBatchWorkflow, &p.ExportBatch}, {exportCheckWorkflow, &p.ExportCheck}, {monitorWorkflow, &p.Monitor}} {
		rs, err := runs(ctx, c, namespace, t.name, sample)
		if err != nil {
			return p, err
		}
		for _, r := range rs {
			t.into.Add(r)
		}
		if progress != nil {
			progress(fmt.Sprintf("%s: %d runs read", t.name, len(rs)))
		}
	}
	return p, nil
}

// runs reads the histories of up to n completed runs of a workflow type, newest first.
func runs(ctx context.Context, c client.Client, namespace, workflowType string, n int) ([]Run, error) {
	query := fmt.Sprintf("WorkflowType = '%s' AND ExecutionStatus = 'Completed'", workflowType)
	var out []Run
	var token []byte
	for len(out) < n {
		resp, err := c.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
			Namespace: namespace, Query: query, PageSize: int32(min(n, 100)), NextPageToken: token,
		})
		if err != nil {
			return nil, fmt.Errorf("list %s runs: %w", workflowType, err)
		}
		for _, e := range resp.GetExecutions() {
			if len(out) == n {
				break
			}
			r, err := MeasureRun(ctx, c, e.GetExecution().GetWorkflowId(), e.GetExecution().GetRunId())
			if err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		if token = resp.GetNextPageToken(); len(token) == 0 {
			break
		}
	}
	return out, nil
}

// MeasureRun counts one run's events (runID "" is the latest run).
func MeasureRun(ctx context.Context, c client.Client, workflowID, runID string) (Run, error) {
	var r Run
	it := c.GetWorkflowHistory(ctx, workflowID, runID, false, enums.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for it.HasNext() {
		e, err := it.Next()
		if err != nil {
			return r, fmt.Errorf("history of %s: %w", workflowID, err)
		}
		r.CountEvent(e)
	}
	return r, nil
}
