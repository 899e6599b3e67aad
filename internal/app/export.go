package app

import (
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/export"
	"github.com/tollbooth/tollbooth/internal/gcp"
)

// registerExport puts the export, retention and monitoring activities on w (the capture task queue); their
// workflows are registered with the others (workflows.Register).
func registerExport(w worker.Worker, c client.Client, cfg config.Config, cloud *Cloud) {
	w.RegisterActivity(NewExporter(c, cfg, cloud))
	w.RegisterActivity(NewRetention(cfg, cloud))
	w.RegisterActivity(&activities.Monitoring{
		Store:         gcp.Captures{Client: cloud.Firestore},
		ReviewBacklog: cfg.Monitor.ReviewBacklog,
		SpikeRate:     cfg.Monitor.SpikeRate,
		SpikeWindow:   cfg.Monitor.SpikeWindow,
		SpikeMin:      cfg.Monitor.SpikeMin,
	})
}

// NewExporter builds the export activities from configuration.
func NewExporter(c client.Client, cfg config.Config, cloud *Cloud) *activities.Exporter {
	return &activities.Exporter{
		Store: gcp.Exports{Client: cloud.Firestore},
		Files: gcp.Bucket{Client: cloud.Storage},
		FTP: export.FTP{Addr: cfg.Export.FTPAddr, User: cfg.Export.FTPUser, Password: cfg.Export.FTPPassword,
			Dir: cfg.Export.FTPDir},
		Trigger:   scheduleTrigger{client: c},
		Photos:    gcp.Bucket{Client: cloud.Storage}, // the photos' export mark: their retention counts from it
		Bucket:    cfg.ExportBucket,
		BatchSize: cfg.Export.BatchSize,
	}
}

// NewRetention builds the retention job's activities from configuration (README, "Data retention").
func NewRetention(cfg config.Config, cloud *Cloud) *activities.Retention {
	return &activities.Retention{
		Records:      gcp.Captures{Client: cloud.Firestore},
		Photos:       gcp.Bucket{Client: cloud.Storage},
		PhotoBucket:  cfg.PhotoBucket,
		PhotoDays:    cfg.Retention.PhotoDays,
		DeletePhotos: cfg.Retention.DeletePhotos,
	}
}
