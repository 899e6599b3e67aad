package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/devstack"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/internal/visionserver"
)

// spikeOptions are the flags of `bench spike`.
type spikeOptions struct {
	photoDir        string
	count           int
	workers         int
	rps             float64
	bare            bool
	floorActivities int
	stubCloud       bool
	profileFor      time.Duration
	out             string
	timeout         time.Duration
}

// The spike's defaults. The Vision cap is below the arrival rate (uploads run at 100+/s here), so
// a backlog builds on the Vision queue, and above the bare floor (about 30/s), so that the cap is
// not what keeps the pipeline from reaching it.
const (
	defaultSpikeRPS    = 40
	uploadConcurrency  = 200 // uploads in flight: the booths of a whole region at once
	sampleEvery        = 2 * time.Second
	progressEvery      = 10 * time.Second
	throughputWindow   = 10 * time.Second
	profileAfterUpload = 5 * time.Second // the CPU profile starts this long after the last upload
)

func spike(ctx context.Context, args []string) error {
	var o spikeOptions
	fs := flag.NewFlagSet("spike", flag.ContinueOnError)
	fs.StringVar(&o.photoDir, "photos", ".devstack/bench", "folder made by bench prepare")
	fs.IntVar(&o.count, "count", 10000, "photos in the spike (bench prepare --count must be at least this)")
	fs.IntVar(&o.workers, "workers", 1, "worker processes")
	fs.Float64Var(&o.rps, "rps", defaultSpikeRPS, "Vision requests-per-second cap (TOLLBOOTH_VISION_RPS)")
	fs.BoolVar(&o.bare, "bare", true, "measure the bare-workflow floor first, on the same server, with as many bare workers")
	fs.IntVar(&o.floorActivities, "floor-activities", bareActivities, "no-op activities per bare workflow (4: the shape of an accepted capture)")
	fs.BoolVar(&o.stubCloud, "stub-cloud", false, "bench only: the workers keep photos and records in memory instead of calling fake-gcs-server and the Firestore emulator")
	fs.DurationVar(&o.profileFor, "profile", 30*time.Second, "CPU profile of the first worker for this long during the drain (0: none)")
	fs.StringVar(&o.out, "out", ".devstack/bench/spike", "folder for the report and the profile")
	fs.DurationVar(&o.timeout, "timeout", 90*time.Minute, "give up when the spike has not drained after this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.workers < 1 || o.count < 1 || o.floorActivities < 1 {
		return errors.New("--workers, --count and --floor-activities must be at least 1")
	}
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	statsURL := os.Getenv(config.EnvVisionStatsURL)
	if statsURL == "" {
		return errors.New("run inside `devstack exec --vision-engine fixture ...` (make bench-spike): the stack's addresses are not set")
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return err
	}
	base, err := loadPhotos(filepath.Join(o.photoDir, "photos"))
	if err != nil {
		return err
	}
	photos := expand(base, o.count)
	if err := checkFixtures(filepath.Join(o.photoDir, ManifestFile), photos); err != nil {
		return err
	}
	log := app.NewLogger(cfg)
	c, err := app.DialTemporal(cfg, log)
	if err != nil {
		return err
	}
	defer c.Close()
	cloud, err := app.OpenCloud(ctx, cfg, app.NeedStorage|app.NeedFirestore)
	if err != nil {
		return err
	}
	defer cloud.Close()
	run := &spikeRun{opts: o, cfg: cfg, c: c, statsURL: statsURL, mode: os.Getenv(devstack.EnvDevstackTemporal),
		stackDir: os.Getenv(devstack.EnvDevstackDir), loadBefore: loadAverage()}
	if run.procs, err = newProcs(); err != nil {
		return err
	}
	defer run.procs.stop()
	run.commit = commit() // of the tree the worker and the trigger are built from, now
	if err := run.procs.build(ctx, "./worker", "./trigger"); err != nil {
		return err
	}

	if o.bare {
		fmt.Printf("bench: bare floor: %d workflows with %d no-op activities, %d bare worker(s)\n", o.count, o.floorActivities, o.workers)
		if run.bare, err = run.bareFloor(ctx); err != nil {
			return err
		}
	}
	fmt.Printf("bench: spike: %d photos, %d worker(s), Vision fixture capped at %g/s, Temporal %s%s\n",
		o.count, o.workers, o.rps, run.mode, map[bool]string{true: ", Firestore and storage stubbed in the workers"}[o.stubCloud])
	if run.pipe, err = run.pipeline(ctx, gcp.Bucket{Client: cloud.Storage}, photos); err != nil {
		return err
	}
	run.loadAfter = loadAverage()
	if run.check, err = run.exactlyOnce(ctx, gcp.Captures{Client: cloud.Firestore}, photos); err != nil {
		return err
	}
	if run.cost, err = costPerCapture(ctx, c, run.check.workflowIDs); err != nil {
		return err
	}
	var report bytes.Buffer
	run.report(&report)
	fmt.Print(report.String())
	path := filepath.Join(o.out, "report-"+time.Now().UTC().Format("20060102T150405Z")+".md")
	if err := os.WriteFile(path, report.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Printf("bench: report saved to %s\n", path)
	if !run.check.ok() {
		return fmt.Errorf("%d photos lost and %d duplicated: see the report", len(run.check.lost), len(run.check.duplicated))
	}
	return nil
}

// servingBooths are the configured booths that serve the jurisdictions of benchBooth, whose
// policy bench prepare checked every scene against: a photo from another booth (east-01 serves
// Brazil locally) would go to a person and the spike would never drain.
func servingBooths(cfg config.Config) []string {
	want := strings.Join(cfg.Jurisdictions.For(benchBooth), ",")
	var out []string
	for _, b := range cfg.Booths {
		if strings.Join(cfg.Jurisdictions.For(b), ",") == want {
			out = append(out, b)
		}
	}
	if len(out) == 0 {
		return []string{benchBooth}
	}
	return out
}

// checkFixtures fails early when the Vision fixture manifest lacks a photo of the spike: that photo
// would go to a reviewer and the spike would never drain.
func checkFixtures(path string, photos []photo) error {
	m, err := visionserver.LoadManifest(path)
	if err != nil {
		return fmt.Errorf("%w (run bench prepare first; make bench-spike does)", err)
	}
	for _, p := range photos {
		if _, ok := m.Entries[visionserver.ImageKey(p.data)]; !ok {
			return fmt.Errorf("%s has no answer for photo %s: run bench prepare --count %d (or more)", path, p.name, len(photos))
		}
	}
	return nil
}

// spikeRun is one `bench spike`: its settings, what it started and what it measured.
type spikeRun struct {
	opts       spikeOptions
	cfg        config.Config
	c          client.Client
	statsURL   string
	mode       string // the stack's Temporal mode
	stackDir   string // the stack's state folder: its pids file names the servers to account CPU to
	procs      *procs
	loadBefore string
	loadAfter  string
	commit     string

	bare  *phaseResult
	pipe  *phaseResult
	check exactlyOnceResult
	cost  cost
}

// phaseResult is what one phase (bare floor or pipeline) measured.
type phaseResult struct {
	count           int
	captureIDs      []string    // pipeline: the photos' capture ids, in upload order
	firstStart      time.Time   // first upload (pipeline) or first start (bare)
	lastArrival     time.Time   // last upload or start returned
	closeTimes      []time.Time // per workflow, as the server recorded it
	samples         []sample    // every sampleEvery
	cpu             cpuUsage    // by process group, over the phase
	workerRSSKiB    []int       // peak, per worker process
	scheduleToStart []latencySummary
	vision          visionserver.StatsSnapshot
	visionPerSecond map[int64]int // images received by the Vision server, by unix second
	profile         string        // path of the worker's CPU profile, "" if none
	profileTop      string        // its top functions
}

// throughput is workflows per second from the first arrival to the last close.
func (p *phaseResult) throughput() float64 {
	return float64(len(p.closeTimes)) / p.lastClose().Sub(p.firstStart).Seconds()
}

func (p *phaseResult) lastClose() time.Time {
	var last time.Time
	for _, t := range p.closeTimes {
		if t.After(last) {
			last = t
		}
	}
	return last
}

// arrivalRate is uploads (or starts) per second.
func (p *phaseResult) arrivalRate() float64 {
	return float64(p.count) / p.lastArrival.Sub(p.firstStart).Seconds()
}

// workerEnv is the environment of worker number i (1-based): the Vision cap and its own metrics
// address; the first one also serves a CPU profile.
func (r *spikeRun) workerEnv(i int, metrics string) []string {
	env := []string{
		fmt.Sprintf("%s=%g", config.EnvVisionRPS, r.opts.rps),
		config.EnvMetricsAddr + "=" + metrics,
	}
	if i == 1 && r.opts.profileFor > 0 {
		env = append(env, config.EnvPprof+"=true")
	}
	return env
}

// startWorkers starts n worker processes of the given kind and waits until each polls its queue.
func (r *spikeRun) startWorkers(ctx context.Context, kind string, n int, queue string) ([]*proc, error) {
	ports, err := devstack.PickFreePorts(n)
	if err != nil {
		return nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	var list []*proc
	for i := 1; i <= n; i++ {
		metrics := "127.0.0.1:" + strconv.Itoa(ports[i-1])
		name := kind + "-" + strconv.Itoa(i)
		var p *proc
		switch {
		case kind == "bare-worker":
			p, err = r.procs.start(name, self, nil, "bare-worker")
		case r.opts.stubCloud:
			p, err = r.procs.start(name, self, r.workerEnv(i, metrics), "stub-worker", "--photos", r.opts.photoDir, "--count", strconv.Itoa(r.opts.count))
		default:
			p, err = r.procs.start(name, r.procs.bin("worker"), r.workerEnv(i, metrics))
		}
		if err != nil {
			return nil, err
		}
		p.metrics = metrics
		list = append(list, p)
	}
	return list, waitForPollers(ctx, r.c, r.cfg.Temporal.Namespace, queue, n, list)
}

// stopAll stops the given processes (and forgets them).
func (r *spikeRun) stopAll(list []*proc) {
	for _, p := range list {
		p.stop()
	}
	var keep []*proc
	for _, p := range r.procs.list {
		if p.alive() {
			keep = append(keep, p)
		}
	}
	r.procs.list = keep
}

// uploadSpike uploads every photo as fast as the machine allows, from booths taken in turn, and
// returns the capture ids and when the last upload returned.
func uploadSpike(ctx context.Context, b gcp.Bucket, cfg config.Config, photos []photo, uploaded *counter) ([]string, time.Time, error) {
	at := time.Now().UTC().Truncate(time.Second)
	ids := make([]string, len(photos))
	booths := servingBooths(cfg)
	bucket := cfg.PhotoBucket
	err := parallelN(len(photos), uploadConcurrency, func(i int) error {
		p := photos[i]
		booth := booths[i%len(booths)]
		object := capture.ObjectName(booth, at.Add(time.Duration(i)*time.Millisecond), sha256Hex(p.data), "jpg")
		if _, err := b.PutIfAbsent(ctx, bucket, object, "image/jpeg", bytes.NewReader(p.data)); err != nil {
			return err
		}
		ids[i] = capture.ID(bucket, object)
		uploaded.add(1)
		return nil
	})
	return ids, time.Now(), err
}
