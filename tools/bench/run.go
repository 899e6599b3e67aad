package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/gcp"
)

// startConcurrency is how many uploads or starts are in flight at once: a burst, as from many booths.
const startConcurrency = 100

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	photoDir := fs.String("photos", ".devstack/bench", "folder made by bench prepare")
	rps := fs.Float64("rps", 25, "Vision requests-per-second cap for the run (TOLLBOOTH_VISION_RPS)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	if os.Getenv(config.EnvVisionStatsURL) == "" {
		return errors.New("run inside `devstack exec --vision-engine fixture ...` (make bench): the stack's addresses are not set")
	}
	photos, err := loadPhotos(filepath.Join(*photoDir, "photos"))
	if err != nil {
		return err
	}
	log := app.NewLogger(cfg)
	c, err := app.DialTemporal(cfg, log)
	if err != nil {
		return err
	}
	defer c.Close()
	cloud, err := app.OpenCloud(ctx, cfg, app.NeedStorage)
	if err != nil {
		return err
	}
	defer cloud.Close()

	procs, err := startApps(ctx, *rps)
	if err != nil {
		return err
	}
	defer procs.stop()

	fmt.Printf("bench: pipeline burst of %d captures (Vision fixture, cap %.0f/s)\n", len(photos), *rps)
	pipe, err := pipelineBurst(ctx, c, gcp.Bucket{Client: cloud.Storage}, cfg.PhotoBucket, photos)
	if err != nil {
		return err
	}
	workerRSS := procs.named("worker").peakRSSKiB()
	fmt.Printf("bench: bare burst of %d workflows with %d no-op activities\n", len(photos), bareActivities)
	bare, err := bareBurst(ctx, c, len(photos))
	if err != nil {
		return err
	}
	vision, err := visionStats(ctx, os.Getenv(config.EnvVisionStatsURL))
	if err != nil {
		return err
	}
	cost, err := costPerCapture(ctx, c, pipe.workflowIDs)
	if err != nil {
		return err
	}
	report(os.Stdout, reportInput{pipeline: pipe, bare: bare, vision: vision, rpsCap: *rps, workerRSSKiB: workerRSS, cost: cost})
	return nil
}

type photo struct {
	name  string
	data  []byte
	plate string
}

func loadPhotos(dir string) ([]photo, error) {
	f, err := os.Open(filepath.Join(dir, "truth.csv"))
	if err != nil {
		return nil, fmt.Errorf("%w (run `bench prepare` first; make bench does)", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, err
	}
	var out []photo
	for _, r := range rows[1:] {
		data, err := os.ReadFile(filepath.Join(dir, r[0]))
		if err != nil {
			return nil, err
		}
		out = append(out, photo{name: r[0], data: data, plate: r[1]})
	}
	return out, nil
}

// burstResult is what one burst measured.
type burstResult struct {
	first, last time.Time       // first upload/start, last completion
	latencies   []time.Duration // per workflow: from upload (or start) to close
	workflowIDs []string
}

// pipelineBurst uploads every photo at once (the upload events start the workflows through the
// trigger, as in production) and waits for every capture workflow to close.
func pipelineBurst(ctx context.Context, c client.Client, b gcp.Bucket, bucket string, photos []photo) (burstResult, error) {
	at := time.Now().UTC().Truncate(time.Second)
	uploaded := make([]time.Time, len(photos))
	ids := make([]string, len(photos))
	begin := time.Now()
	err := parallel(len(photos), func(i int) error {
		p := photos[i]
		object := capture.ObjectName(benchBooth, at.Add(time.Duration(i)*time.Millisecond), sha256Hex(p.data), "jpg")
		uploaded[i] = time.Now()
		if _, err := b.PutIfAbsent(ctx, bucket, object, "image/jpeg", bytes.NewReader(p.data)); err != nil {
			return err
		}
		ids[i] = capture.ID(bucket, object)
		return nil
	})
	if err != nil {
		return burstResult{}, err
	}
	fmt.Printf("bench: %d photos uploaded in %.1fs\n", len(photos), time.Since(begin).Seconds())
	closed, err := waitClosed(ctx, c, captureWorkflowIDs(ids), 10*time.Minute)
	if err != nil {
		return burstResult{}, err
	}
	res := burstResult{first: begin, workflowIDs: captureWorkflowIDs(ids)}
	for i, id := range res.workflowIDs {
		end := closed[id]
		res.latencies = append(res.latencies, end.Sub(uploaded[i]))
		if end.After(res.last) {
			res.last = end
		}
	}
	return res, nil
}

// bareBurst starts n bare workflows, startConcurrency at a time, on an in-process worker.
func bareBurst(ctx context.Context, c client.Client, n int) (burstResult, error) {
	w := worker.New(c, bareTaskQueue, worker.Options{})
	w.RegisterWorkflow(BareWorkflow)
	w.RegisterActivity(Noop)
	if err := w.Start(); err != nil {
		return burstResult{}, err
	}
	defer w.Stop()
	prefix := "bench-bare-" + strconv.FormatInt(time.Now().UnixNano(), 36) + "-"
	ids := make([]string, n)
	started := make([]time.Time, n)
	begin := time.Now()
	err := parallel(n, func(i int) error {
		ids[i] = prefix + strconv.Itoa(i)
		started[i] = time.Now()
		_, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: ids[i], TaskQueue: bareTaskQueue}, BareWorkflow, bareActivities)
		return err
	})
	if err != nil {
		return burstResult{}, err
	}
	closed, err := waitClosed(ctx, c, ids, 10*time.Minute)
	if err != nil {
		return burstResult{}, err
	}
	res := burstResult{first: begin, workflowIDs: ids}
	for i, id := range ids {
		res.latencies = append(res.latencies, closed[id].Sub(started[i]))
		if closed[id].After(res.last) {
			res.last = closed[id]
		}
	}
	return res, nil
}

// parallel runs f(0..n-1), startConcurrency at a time, and returns the first error.
func parallel(n int, f func(i int) error) error { return parallelN(n, startConcurrency, f) }

// parallelN runs f(0..n-1), at most concurrency at a time, and returns the first error.
func parallelN(n, concurrency int, f func(i int) error) error {
	sem := make(chan struct{}, concurrency)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	for i := range n {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := f(i); err != nil {
				mu.Lock()
				first = cmpErr(first, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return first
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// startApps builds the worker and the trigger and runs one of each, the worker with the Vision cap.
func startApps(ctx context.Context, rps float64) (*procs, error) {
	p, err := newProcs()
	if err != nil {
		return nil, err
	}
	if err := p.build(ctx, "./worker", "./trigger"); err != nil {
		return nil, err
	}
	capEnv := fmt.Sprintf("%s=%g", config.EnvVisionRPS, rps)
	for _, name := range []string{"worker", "trigger"} {
		if _, err := p.start(name, p.bin(name), []string{capEnv}); err != nil {
			p.stop()
			return nil, err
		}
	}
	fmt.Printf("bench: worker and trigger running (logs in %s)\n", p.dir)
	return p, nil
}
