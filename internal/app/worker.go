package app

import (
	"context"
	"fmt"
	"log/slog"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/internal/photolimit"
	"github.com/tollbooth/tollbooth/signals"
	"github.com/tollbooth/tollbooth/workflows"
)

// Workers are the workers of one worker process: captures (workflows, storage and database
// activities) and Vision calls, on their own rate-limited task queue; and, when a second recognizer
// is configured, its calls on a third queue with its own cap.
type Workers struct {
	Capture worker.Worker
	Vision  worker.Worker
	// SecondOpinion is nil without a second recognizer (TOLLBOOTH_SECOND_OPINION_ENDPOINT).
	SecondOpinion worker.Worker
}

// Stores are where the capture queue's activities read photos and keep records.
type Stores struct {
	Photos  activities.PhotoReader
	Records activities.RecordStore
}

// StoresFunc builds the Stores of a worker process.
type StoresFunc func(cfg config.Config, cloud *Cloud) Stores

// CloudStores are Cloud Storage and Firestore (or their emulators).
func CloudStores(_ config.Config, cloud *Cloud) Stores {
	return Stores{Photos: gcp.Bucket{Client: cloud.Storage}, Records: gcp.Captures{Client: cloud.Firestore}}
}

// NewWorkers registers everything on its queue. The Vision worker's TaskQueueActivitiesPerSecond is
// enforced by the Temporal server for the whole queue, however many worker processes poll it.
func NewWorkers(c client.Client, cfg config.Config, cloud *Cloud) Workers {
	return newWorkers(c, cfg, cloud, CloudStores(cfg, cloud))
}

func newWorkers(c client.Client, cfg config.Config, cloud *Cloud, stores Stores) Workers {
	w := Workers{
		Capture: worker.New(c, signals.CaptureTaskQueue, versioned(captureWorkerOptions(), cfg.Versioning)), // tuning.go, versioning.go
		Vision:  worker.New(c, signals.VisionTaskQueue, visionWorkerOptions(cfg)),
	}
	workflows.Register(w.Capture)
	// One decoder for every activity of the process that decodes a photo (the inspection, the crop
	// reads): its pixel limit refuses decompression bombs before a pixel is allocated, and its
	// memory budget holds however many of them run at once (internal/photolimit).
	decoder := photolimit.New(cfg.MaxPhotoPixels, cfg.DecodeMemoryBytes)
	w.Capture.RegisterActivity(&activities.Photos{
		Reader:        stores.Photos,
		Records:       stores.Records,
		Booths:        cfg.Booths,
		MaxPhotoBytes: cfg.MaxPhotoBytes,
		Decoder:       decoder,
	})
	w.Capture.RegisterActivity(&activities.Records{Store: stores.Records, RawRetention: cfg.Retention.RawAfter})
	w.Vision.RegisterActivity(&activities.Recognizer{
		Vision:        cloud.Vision,
		Photos:        stores.Photos,
		Jurisdictions: cfg.Jurisdictions.For,
		Detector:      cloud.Vision,
		SecondOpinion: cloud.SecondOpinion != nil,
		Decoder:       decoder,
	})
	// The second recognizer's reads: their own queue and cap, so its outage or backlog never holds
	// up Vision's; the capture workflow bounds the wait and sends the capture to a person.
	if cloud.SecondOpinion != nil {
		w.SecondOpinion = worker.New(c, signals.SecondOpinionTaskQueue, secondOpinionWorkerOptions(cfg))
		w.SecondOpinion.RegisterActivity(&activities.SecondOpinion{
			Vision:        cloud.SecondOpinion,
			Photos:        stores.Photos,
			Jurisdictions: cfg.Jurisdictions.For,
			Decoder:       decoder,
		})
	}
	// Alerts (review reminders, exports, checks) are delivered by mail and webhook, de-duplicated.
	w.Capture.RegisterActivity(&activities.Alerting{Notifier: NewNotifier(cfg.Alerts, cloud.Firestore)})
	registerExport(w.Capture, c, cfg, cloud) // export.go
	registerSweep(w.Capture, c, cfg, cloud)  // sweep.go
	return w
}

// WorkerProgram is the worker program (worker/main.go): it connects to Temporal, serves metrics,
// makes sure the export schedules exist and runs the workers until ctx ends. stores builds where
// photos are read and records kept: CloudStores in the worker; only the spike bench passes another
// (tools/bench, --stub-cloud) to measure the pipeline without the emulators' share.
func WorkerProgram(stores StoresFunc) func(context.Context, Program) error {
	return func(ctx context.Context, p Program) error {
		cfg, log := p.Cfg, p.Log
		metrics, err := NewMetrics()
		if err != nil {
			return err
		}
		c, err := DialTemporal(cfg, log, metrics.Handler)
		if err != nil {
			return err
		}
		defer c.Close()
		if cfg.MetricsAddr != "" {
			if err := metrics.Serve(ctx, cfg.MetricsAddr, cfg.Pprof, log); err != nil {
				return fmt.Errorf("serve metrics on %s (%s): %w", cfg.MetricsAddr, config.EnvMetricsAddr, err)
			}
		}
		cloud, err := OpenCloud(ctx, cfg, NeedStorage|NeedFirestore|NeedVision|NeedSecondOpinion)
		if err != nil {
			return err
		}
		defer cloud.Close()
		if err := observePipeline(metrics.Meter, PipelineStore{
			OldestWaiting: gcp.Exports{Client: cloud.Firestore}.OldestWaiting,
			CountStatus:   gcp.Captures{Client: cloud.Firestore}.CountStatus,
		}, cfg, log); err != nil {
			return err
		}
		// The export schedules are created once, by whichever worker starts first (schedules.go).
		if err := EnsureSchedules(ctx, c, cfg); err != nil {
			return err
		}
		log.Info("worker starting", "temporal", cfg.Temporal.Address, "namespace", cfg.Temporal.Namespace,
			"project", cfg.Project, "vision", cfg.VisionEndpoint, "vision_rps", cfg.VisionRPS,
			"second_opinion", cfg.SecondOpinion.Endpoint, "second_opinion_rps", cfg.SecondOpinion.RPS,
			"auto_accept", cfg.AutoAcceptConfidence, "default_jurisdictions", cfg.Jurisdictions.Default,
			"deployment", cfg.Versioning.DeploymentName, "build_id", cfg.Versioning.BuildID)
		if unserved := cfg.Jurisdictions.Unserved(cfg.Booths); len(unserved) > 0 {
			log.Warn("these booths have no jurisdictions: every capture of theirs goes to a person (reason no-jurisdictions); list them in "+
				config.EnvBoothJurisdictions+" or set "+config.EnvDefaultJurisdictions, "booths", unserved)
		}
		return newWorkers(c, cfg, cloud, stores(cfg, cloud)).Run(ctx, log)
	}
}

// Run runs the workers until ctx ends, then stops them, letting running tasks finish.
func (w Workers) Run(ctx context.Context, log *slog.Logger) error {
	if err := w.Capture.Start(); err != nil {
		return fmt.Errorf("start capture worker: %w", err)
	}
	defer w.Capture.Stop()
	if err := w.Vision.Start(); err != nil {
		return fmt.Errorf("start vision worker: %w", err)
	}
	defer w.Vision.Stop()
	queues := []string{signals.CaptureTaskQueue, signals.VisionTaskQueue}
	if w.SecondOpinion != nil {
		if err := w.SecondOpinion.Start(); err != nil {
			return fmt.Errorf("start second-opinion worker: %w", err)
		}
		defer w.SecondOpinion.Stop()
		queues = append(queues, signals.SecondOpinionTaskQueue)
	}
	log.Info("worker running", "task_queues", queues)
	<-ctx.Done()
	log.Info("worker stopping")
	return nil
}
