package main

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"time"

	"go.temporal.io/api/workflowservice/v1"

	"github.com/tollbooth/tollbooth/workflows"
)

// sample is the state of a phase at one moment: what has arrived, what has closed, what waits in
// each task queue.
type sample struct {
	at      time.Time
	arrived int64            // uploads (or starts) returned
	closed  int64            // closed workflows, counted through visibility
	backlog map[string]int64 // ApproximateBacklogCount by queue (queueRef.String())
}

// inFlight is what has arrived and not closed yet: the spike's backlog as a whole.
func (s sample) inFlight() int64 { return max(0, s.arrived-s.closed) }

// sampler records a sample every sampleEvery and prints a progress line every progressEvery.
type sampler struct {
	run      *spikeRun
	res      *phaseResult
	arrived  *counter
	wfType   string
	queues   []queueRef
	started  time.Time
	mu       sync.Mutex
	closed   int64
	quit     chan struct{}
	finished chan struct{}
}

func (r *spikeRun) startSampler(ctx context.Context, res *phaseResult, arrived *counter, wfType string, queues []queueRef) *sampler {
	s := &sampler{run: r, res: res, arrived: arrived, wfType: wfType, queues: queues, started: time.Now(),
		quit: make(chan struct{}), finished: make(chan struct{})}
	go s.loop(ctx)
	return s
}

func (s *sampler) loop(ctx context.Context) {
	defer close(s.finished)
	tick := time.NewTicker(sampleEvery)
	defer tick.Stop()
	lastPrint := time.Now()
	for {
		select {
		case <-s.quit:
			return
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		smp := s.take(ctx)
		s.mu.Lock()
		s.res.samples = append(s.res.samples, smp)
		s.closed = smp.closed
		s.mu.Unlock()
		if time.Since(lastPrint) >= progressEvery {
			lastPrint = time.Now()
			fmt.Println(s.progressLine(smp))
		}
	}
}

// take reads the counts; a failed read keeps the last value (the line says so).
func (s *sampler) take(ctx context.Context) sample {
	smp := sample{at: time.Now(), arrived: s.arrived.load(), backlog: map[string]int64{}}
	closed, err := countClosed(ctx, s.run, s.wfType, s.started)
	if err != nil {
		s.mu.Lock()
		closed = s.closed
		s.mu.Unlock()
	}
	smp.closed = closed
	for _, q := range s.queues {
		if n, err := backlog(ctx, s.run.c, s.run.cfg.Temporal.Namespace, q); err == nil {
			smp.backlog[q.String()] = n
		}
	}
	if len(s.queues) > 0 { // the pipeline: keep the Vision server's per-second counts (it lists the last 2 minutes)
		if v, err := visionStats(ctx, s.run.statsURL); err == nil {
			s.mu.Lock()
			for _, sec := range v.PerSecond {
				s.res.visionPerSecond[sec.Second.Unix()] = sec.Images // the latest read of a second is the fullest
			}
			s.mu.Unlock()
		}
	}
	return smp
}

// progressLine: elapsed, arrived, closed, in flight, rate over the last window, queue backlogs.
func (s *sampler) progressLine(last sample) string {
	s.mu.Lock()
	samples := s.res.samples
	s.mu.Unlock()
	rate := 0.0
	for i := len(samples) - 1; i >= 0; i-- {
		if d := last.at.Sub(samples[i].at); d >= throughputWindow {
			rate = float64(last.closed-samples[i].closed) / d.Seconds()
			break
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "bench: %4.0fs  arrived %d/%d  closed %d  in flight %d  %.1f/s",
		last.at.Sub(s.started).Seconds(), last.arrived, s.res.count, last.closed, last.inFlight(), rate)
	for _, q := range s.queues {
		if n, ok := last.backlog[q.String()]; ok {
			fmt.Fprintf(&b, "  backlog %s %d", q, n)
		}
	}
	return b.String()
}

// waitDrained returns once n workflows have closed, or fails after timeout.
func (s *sampler) waitDrained(ctx context.Context, n int, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		s.mu.Lock()
		closed := s.closed
		s.mu.Unlock()
		if closed >= int64(n) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("only %d of %d workflows closed after %s: see the logs in %s", closed, n, timeout, s.run.procs.dir)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-s.finished:
			return fmt.Errorf("sampling stopped: %v", ctx.Err())
		case <-time.After(sampleEvery / 2):
		}
	}
}

func (s *sampler) stop() {
	close(s.quit)
	<-s.finished
}

// countClosed counts this phase's closed workflows of a type through visibility (eventually
// consistent: a little behind, never ahead).
func countClosed(ctx context.Context, r *spikeRun, wfType string, since time.Time) (int64, error) {
	resp, err := r.c.CountWorkflow(ctx, &workflowservice.CountWorkflowExecutionsRequest{
		Namespace: r.cfg.Temporal.Namespace,
		Query:     fmt.Sprintf("WorkflowType = '%s' AND ExecutionStatus != 'Running' AND StartTime >= '%s'", wfType, since.UTC().Add(-time.Second).Format(time.RFC3339)),
	})
	if err != nil {
		return 0, err
	}
	return resp.GetCount(), nil
}

// workflowTypeName is the name the SDK registers a workflow function under: its function name.
func workflowTypeName(fn any) string {
	name := runtime.FuncForPC(reflect.ValueOf(fn).Pointer()).Name()
	return name[strings.LastIndex(name, ".")+1:]
}

func captureWorkflowType() string { return workflowTypeName(workflows.Capture) }
