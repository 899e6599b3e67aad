package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"cloud.google.com/go/firestore/apiv1/firestorepb"
	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/gcp"
)

// runInfo is one workflow run as visibility lists it.
type runInfo struct {
	status    enums.WorkflowExecutionStatus
	closeTime time.Time
}

// listRuns lists every run that matches query, by workflow id, page by page.
func listRuns(ctx context.Context, c client.Client, namespace, query string) (map[string][]runInfo, error) {
	out := map[string][]runInfo{}
	var token []byte
	for {
		resp, err := c.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
			Namespace: namespace, PageSize: 1000, NextPageToken: token, Query: query,
		})
		if err != nil {
			return nil, fmt.Errorf("list workflows (%s): %w", query, err)
		}
		for _, e := range resp.GetExecutions() {
			id := e.GetExecution().GetWorkflowId()
			out[id] = append(out[id], runInfo{status: e.GetStatus(), closeTime: e.GetCloseTime().AsTime()})
		}
		if token = resp.GetNextPageToken(); len(token) == 0 {
			return out, nil
		}
	}
}

// closeTimes returns when each workflow closed, as the server recorded it. Visibility may still lag
// behind for a few runs: those are described one by one.
func closeTimes(ctx context.Context, c client.Client, namespace, wfType string, ids []string) ([]time.Time, error) {
	runs, err := listRuns(ctx, c, namespace, fmt.Sprintf("WorkflowType = '%s' AND ExecutionStatus = 'Completed'", wfType))
	if err != nil {
		return nil, err
	}
	out := make([]time.Time, len(ids))
	for i, id := range ids {
		if r := runs[id]; len(r) > 0 {
			out[i] = r[0].closeTime
			continue
		}
		d, err := c.DescribeWorkflowExecution(ctx, id, "")
		if err != nil {
			return nil, fmt.Errorf("describe %s: %w", id, err)
		}
		if st := d.GetWorkflowExecutionInfo().GetStatus(); st != enums.WORKFLOW_EXECUTION_STATUS_COMPLETED {
			return nil, fmt.Errorf("workflow %s is %s, not completed", id, st)
		}
		out[i] = d.GetWorkflowExecutionInfo().GetCloseTime().AsTime()
	}
	return out, nil
}

// exactlyOnceResult is the check that the spike lost and doubled nothing: every photo has exactly
// one capture workflow run, completed, and exactly one record.
type exactlyOnceResult struct {
	photos      int
	workflowIDs []string // one per photo
	runs        int      // capture runs of the spike's photos
	strayRuns   int      // capture runs of workflows that are no photo of the spike
	records     int      // records of the spike's photos (-1: not checked, the records were stubbed)
	allRecords  int64    // documents in the captures collection
	lost        []string // photos without a completed run or without a record
	duplicated  []string // photos with more than one run
}

func (e exactlyOnceResult) ok() bool {
	return len(e.lost) == 0 && len(e.duplicated) == 0 && e.strayRuns == 0
}

// exactlyOnce lists every capture run on the server (the stack is the bench's own) and reads every
// photo's record.
func (r *spikeRun) exactlyOnce(ctx context.Context, records gcp.Captures, photos []photo) (exactlyOnceResult, error) {
	res := exactlyOnceResult{photos: len(photos), records: -1}
	runs, err := listRuns(ctx, r.c, r.cfg.Temporal.Namespace, fmt.Sprintf("WorkflowType = '%s'", captureWorkflowType()))
	if err != nil {
		return res, err
	}
	want := map[string]bool{}
	for _, id := range r.pipe.captureIDs {
		wf := captureWorkflowIDs([]string{id})[0]
		want[wf] = true
		res.workflowIDs = append(res.workflowIDs, wf)
		list := runs[wf]
		res.runs += len(list)
		switch {
		case len(list) == 0:
			res.lost = append(res.lost, id)
		case len(list) > 1:
			res.duplicated = append(res.duplicated, id)
		case list[0].status != enums.WORKFLOW_EXECUTION_STATUS_COMPLETED:
			res.lost = append(res.lost, id)
		}
	}
	for wf, list := range runs {
		if !want[wf] {
			res.strayRuns += len(list)
		}
	}
	if r.opts.stubCloud {
		return res, nil // the records are in the workers' memory
	}
	found := make([]bool, len(r.pipe.captureIDs))
	err = parallelN(len(found), 50, func(i int) error {
		rec, err := records.Get(ctx, r.pipe.captureIDs[i])
		if err != nil {
			return err
		}
		found[i] = rec != nil && rec.CaptureID == r.pipe.captureIDs[i] && rec.Status == capture.StatusAccepted
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("reading records: %w", err)
	}
	res.records = 0
	for i, ok := range found {
		if ok {
			res.records++
		} else if !slices.Contains(res.lost, r.pipe.captureIDs[i]) {
			res.lost = append(res.lost, r.pipe.captureIDs[i])
		}
	}
	agg, err := records.Client.Collection(capture.Collection).NewAggregationQuery().WithCount("all").Get(ctx)
	if err != nil {
		return res, fmt.Errorf("counting records: %w", err)
	}
	res.allRecords = countValue(agg["all"])
	return res, nil
}

// countValue reads a Firestore count aggregation's value.
func countValue(v any) int64 {
	if pv, ok := v.(*firestorepb.Value); ok {
		return pv.GetIntegerValue()
	}
	return -1
}
