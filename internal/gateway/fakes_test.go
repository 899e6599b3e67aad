package gateway

import (
	"context"
	"slices"
	"sync"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/captureclient"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/signals"
)

// fakeCaptures is the capture client in memory: it starts workflows (once per photo), answers their
// state (else a record's), decides them with the client's typed refusals, lists the waiting ones
// oldest first, and searches records.
type fakeCaptures struct {
	mu        sync.Mutex
	states    map[string]*signals.CaptureState
	records   []capture.Record
	decisions []signals.ReviewDecision
	starts    int
	// unfinished are captures whose last run ended terminated, failed or timed out: Reprocess runs them.
	unfinished map[string]bool
}

func (f *fakeCaptures) Start(_ context.Context, bucket, object, _ string) (captureclient.Started, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := capture.ID(bucket, object)
	if _, ok := f.states[id]; ok {
		return captureclient.Started{CaptureID: id, WorkflowID: signals.CaptureWorkflowID(id), Existing: true}, nil
	}
	f.starts++
	info, _ := capture.ParseObjectName(object)
	st := &signals.CaptureState{}
	st.CaptureID, st.Status, st.BoothID, st.CaptureTime, st.PhotoURI = id, capture.StatusReceived, info.BoothID, info.CaptureTime, capture.PhotoURI(bucket, object)
	f.states[id] = st
	return captureclient.Started{CaptureID: id, WorkflowID: signals.CaptureWorkflowID(id)}, nil
}

func (f *fakeCaptures) Show(_ context.Context, id string) (signals.CaptureState, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if st, ok := f.states[id]; ok {
		return *st, nil
	}
	for _, r := range f.records {
		if r.CaptureID == id {
			return signals.CaptureState{Record: r}, nil
		}
	}
	return signals.CaptureState{}, captureclient.ErrNotFound
}

func (f *fakeCaptures) Decide(_ context.Context, id string, d signals.ReviewDecision) (signals.ReviewResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	st := f.states[id]
	if st == nil || st.Status != capture.StatusAwaitingReview {
		late := &signals.NotWaitingError{CaptureID: id}
		if st != nil {
			late.Status, late.Plate, late.Decision, late.ReviewerID = st.Status, st.Plate, st.Decision, st.ReviewerID
		}
		return signals.ReviewResult{}, late
	}
	if err := d.Validate(); err != nil {
		return signals.ReviewResult{}, err
	}
	f.decisions = append(f.decisions, d)
	st.Status, st.Plate, st.Decision, st.ReviewerID = capture.StatusAccepted, d.Normalized().Plate, capture.DecisionByReviewer(d.ReviewerID), d.ReviewerID
	return signals.ReviewResult{CaptureID: id, Plate: st.Plate, Status: string(st.Status), Decision: st.Decision}, nil
}

// Reprocess follows the client's rules: a final record or state is refused, a running capture
// too, an unfinished one runs again once, an unknown one has no run.
func (f *fakeCaptures) Reprocess(_ context.Context, id string) (captureclient.Started, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	refused := &captureclient.ReprocessRefusedError{CaptureID: id}
	for _, r := range f.records {
		if r.CaptureID == id && r.Status.Final() {
			refused.Reason, refused.Record = captureclient.RefusedFinal, &r
			return captureclient.Started{}, refused
		}
	}
	switch {
	case f.unfinished[id]:
		delete(f.unfinished, id)
		f.starts++
		f.states[id] = &signals.CaptureState{}
		f.states[id].CaptureID, f.states[id].Status = id, capture.StatusReceived
		return captureclient.Started{CaptureID: id, WorkflowID: signals.CaptureWorkflowID(id), RunID: "run-2"}, nil
	case f.states[id] != nil:
		refused.Reason = captureclient.RefusedRunning
	default:
		refused.Reason = captureclient.RefusedNoRun
	}
	return captureclient.Started{}, refused
}

func (f *fakeCaptures) Queue(_ context.Context, _ string, size int) (captureclient.Page, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var p captureclient.Page
	for _, st := range f.states {
		if st.Status == capture.StatusAwaitingReview {
			p.Items = append(p.Items, captureclient.Item{Record: st.Record})
		}
	}
	slices.SortFunc(p.Items, func(a, b captureclient.Item) int { return a.CaptureTime.Compare(b.CaptureTime) })
	p.Total = int64(len(p.Items))
	p.Items = p.Items[:min(size, len(p.Items))]
	return p, nil
}

func (f *fakeCaptures) Search(_ context.Context, q gcp.CaptureQuery) ([]capture.Record, string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if q.PageToken != "" && q.PageToken != "page-2" {
		return nil, "", gcp.ErrBadPageToken
	}
	var out []capture.Record
	for _, r := range f.records {
		if (q.BoothID == "" || r.BoothID == q.BoothID) && (q.Plate == "" || r.Plate == q.Plate) &&
			(q.From.IsZero() || !r.CaptureTime.Before(q.From)) && (q.To.IsZero() || r.CaptureTime.Before(q.To)) {
			out = append(out, r)
		}
	}
	if q.PageToken == "page-2" {
		return out[min(q.Limit, len(out)):], "", nil
	}
	if len(out) > q.Limit {
		return out[:q.Limit], "page-2", nil
	}
	return out, "", nil
}

func (f *fakeCaptures) startCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.starts
}
