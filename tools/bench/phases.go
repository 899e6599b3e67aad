package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"go.temporal.io/api/enums/v1"
	taskqueuepb "go.temporal.io/api/taskqueue/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/signals"
)

// counter counts from several goroutines.
type counter struct{ n atomic.Int64 }

func (c *counter) add(d int64) { c.n.Add(d) }
func (c *counter) load() int64 { return c.n.Load() }

// bareFloor measures the floor: as many bare workflows as the spike has photos, started as fast as
// the machine allows, on as many bare worker processes as the spike has workers.
func (r *spikeRun) bareFloor(ctx context.Context) (*phaseResult, error) {
	workers, err := r.startWorkers(ctx, "bare-worker", r.opts.workers, bareTaskQueue)
	defer r.stopAll(workers)
	if err != nil {
		return nil, err
	}
	n := r.opts.count
	res := &phaseResult{count: n}
	started := &counter{}
	groups := r.cpuGroups(workers)
	cpuBefore := readCPU(groups)
	smp := r.startSampler(ctx, res, started, workflowTypeName(BareWorkflow), nil)
	prefix := "bench-bare-" + strconv.FormatInt(time.Now().UnixNano(), 36) + "-"
	ids := make([]string, n)
	res.firstStart = time.Now()
	// As many starts in flight as DESIGN.md's floor (100 at a time), not the uploads' 200: on the
	// dev server's single SQLite writer a wider start storm starves task dispatch (measured: 0.2
	// workflow tasks/s while 200 starts were in flight), which measures the storm, not the floor.
	err = parallel(n, func(i int) error {
		ids[i] = prefix + strconv.Itoa(i)
		_, err := r.c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: ids[i], TaskQueue: bareTaskQueue}, BareWorkflow, r.opts.floorActivities)
		started.add(1)
		return err
	})
	res.lastArrival = time.Now()
	if err != nil {
		smp.stop()
		return nil, err
	}
	err = smp.waitDrained(ctx, n, r.opts.timeout)
	smp.stop()
	if err != nil {
		return nil, err
	}
	res.cpu = readCPU(groups).since(cpuBefore)
	res.closeTimes, err = closeTimes(ctx, r.c, r.cfg.Temporal.Namespace, workflowTypeName(BareWorkflow), ids)
	return res, err
}

// pipeline is the spike itself: trigger and workers started, every photo uploaded at once, then
// the wait until every capture workflow has closed.
func (r *spikeRun) pipeline(ctx context.Context, bucket gcp.Bucket, photos []photo) (*phaseResult, error) {
	workers, err := r.startWorkers(ctx, "worker", r.opts.workers, signals.CaptureTaskQueue)
	defer r.stopAll(workers)
	if err != nil {
		return nil, err
	}
	trigger, err := r.procs.start("trigger", r.procs.bin("trigger"), nil)
	if err != nil {
		return nil, err
	}
	defer r.stopAll([]*proc{trigger})
	fmt.Printf("bench: %d worker(s) and the trigger running (logs in %s)\n", len(workers), r.procs.dir)
	if err := resetVisionStats(ctx, r.statsURL); err != nil {
		return nil, err
	}
	n := len(photos)
	res := &phaseResult{count: n, visionPerSecond: map[int64]int{}}
	groups := r.cpuGroups(append(workers, trigger))
	cpuBefore := readCPU(groups)
	metricsBefore, err := scrapeLatencies(ctx, workers)
	if err != nil {
		return nil, err
	}
	uploaded := &counter{}
	smp := r.startSampler(ctx, res, uploaded, captureWorkflowType(), taskQueuesToWatch)
	res.firstStart = time.Now()
	ids, last, err := uploadSpike(ctx, bucket, r.cfg, photos, uploaded)
	res.lastArrival = last
	if err != nil {
		smp.stop()
		return nil, err
	}
	fmt.Printf("bench: %d photos uploaded in %.1fs (%.0f/s)\n", n, last.Sub(res.firstStart).Seconds(), res.arrivalRate())
	// The profile covers the drain: uploads of a 10,000-photo spike take minutes here, during
	// which the worker mostly waits.
	var profileWG sync.WaitGroup
	if r.opts.profileFor > 0 {
		profileWG.Add(1)
		go func() {
			defer profileWG.Done()
			res.profile, res.profileTop = r.profileWorker(ctx, workers[0])
		}()
	}
	err = smp.waitDrained(ctx, n, r.opts.timeout)
	smp.stop()
	if err != nil {
		return nil, err
	}
	res.cpu = readCPU(groups).since(cpuBefore)
	for _, w := range workers {
		res.workerRSSKiB = append(res.workerRSSKiB, w.peakRSSKiB())
	}
	metricsAfter, err := scrapeLatencies(ctx, workers)
	if err != nil {
		return nil, err
	}
	res.scheduleToStart = metricsAfter.since(metricsBefore).summaries()
	if res.vision, err = visionStats(ctx, r.statsURL); err != nil {
		return nil, err
	}
	for _, sec := range res.vision.PerSecond {
		res.visionPerSecond[sec.Second.Unix()] = sec.Images
	}
	profileWG.Wait()
	res.captureIDs = ids
	res.closeTimes, err = closeTimes(ctx, r.c, r.cfg.Temporal.Namespace, captureWorkflowType(), captureWorkflowIDs(ids))
	return res, err
}

// profileWorker takes a CPU profile of the worker shortly after the uploads and returns the file and its top
// functions ("" when it could not be taken: the report says so, the spike goes on).
func (r *spikeRun) profileWorker(ctx context.Context, w *proc) (path, top string) {
	select {
	case <-ctx.Done():
		return "", ""
	case <-time.After(profileAfterUpload):
	}
	url := fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", w.metrics, int(r.opts.profileFor.Seconds()))
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", err.Error()
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", "profile: " + err.Error()
	}
	defer resp.Body.Close()
	path = filepath.Join(r.opts.out, "worker-cpu-"+time.Now().UTC().Format("20060102T150405Z")+".pprof")
	f, err := os.Create(path)
	if err != nil {
		return "", err.Error()
	}
	if _, err := f.ReadFrom(resp.Body); err != nil {
		f.Close()
		return "", "profile: " + err.Error()
	}
	f.Close()
	return path, pprofTop(ctx, r.procs.bin("worker"), path)
}

// taskQueuesToWatch are the queues whose backlog the sampler reads, the way KEDA's temporal scaler
// does (DescribeTaskQueue with ReportStats, ApproximateBacklogCount per queue type).
var taskQueuesToWatch = []queueRef{
	{signals.CaptureTaskQueue, enums.TASK_QUEUE_TYPE_WORKFLOW},
	{signals.CaptureTaskQueue, enums.TASK_QUEUE_TYPE_ACTIVITY},
	{signals.VisionTaskQueue, enums.TASK_QUEUE_TYPE_ACTIVITY},
}

// queueRef is one task queue of one type.
type queueRef struct {
	name string
	typ  enums.TaskQueueType
}

func (q queueRef) String() string {
	if q.typ == enums.TASK_QUEUE_TYPE_WORKFLOW {
		return q.name + " (workflow)"
	}
	return q.name + " (activity)"
}

// backlog is the queue's approximate backlog, as KEDA reads it.
func backlog(ctx context.Context, c client.Client, namespace string, q queueRef) (int64, error) {
	resp, err := c.WorkflowService().DescribeTaskQueue(ctx, &workflowservice.DescribeTaskQueueRequest{
		Namespace:     namespace,
		TaskQueue:     &taskqueuepb.TaskQueue{Name: q.name, Kind: enums.TASK_QUEUE_KIND_NORMAL},
		TaskQueueType: q.typ,
		ReportStats:   true,
	})
	if err != nil {
		return 0, err
	}
	return resp.GetStats().GetApproximateBacklogCount(), nil
}

// waitForPollers waits until n worker processes poll the queue, so the spike does not measure
// their start.
func waitForPollers(ctx context.Context, c client.Client, namespace, queue string, n int, list []*proc) error {
	deadline := time.Now().Add(2 * time.Minute)
	for {
		resp, err := c.WorkflowService().DescribeTaskQueue(ctx, &workflowservice.DescribeTaskQueueRequest{
			Namespace:     namespace,
			TaskQueue:     &taskqueuepb.TaskQueue{Name: queue, Kind: enums.TASK_QUEUE_KIND_NORMAL},
			TaskQueueType: enums.TASK_QUEUE_TYPE_WORKFLOW,
		})
		if err == nil {
			identities := map[string]bool{}
			for _, p := range resp.GetPollers() {
				identities[p.GetIdentity()] = true
			}
			if len(identities) >= n {
				return nil
			}
		}
		for _, p := range list {
			if !p.alive() {
				return fmt.Errorf("%s exited at start: see %s", p.name, p.log)
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%d worker(s) started but fewer poll %s after 2 minutes (last error: %v)", n, queue, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}

func resetVisionStats(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/stats/reset", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("vision server stats reset: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return errors.New("vision server stats reset: " + resp.Status)
	}
	return nil
}
