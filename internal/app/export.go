package app

import (
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/export"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/workflows"
)

// registerExport puts the export workflows and their activities on w (the capture task queue).
func registerExport(w worker.Worker, c client.Client, cfg config.Config, cloud *Cloud) {
	w.RegisterWorkflow(workflows.Export)
	w.RegisterWorkflow(workflows.ExportBatch)
	w.RegisterWorkflow(workflows.ExportCheck)
	w.RegisterActivity(NewExporter(c, cfg, cloud))
}

// NewExporter builds the export activities from configuration.
func NewExporter(c client.Client, cfg config.Config, cloud *Cloud) *activities.Exporter {
	return &activities.Exporter{
		Store: gcp.Exports{Client: cloud.Firestore},
		Files: gcp.Bucket{Client: cloud.Storage},
		FTP: export.FTP{Addr: cfg.Export.FTPAddr, User: cfg.Export.FTPUser, Password: cfg.Export.FTPPassword,
			Dir: cfg.Export.FTPDir},
		Trigger:       scheduleTrigger{client: c},
		Bucket:        cfg.ExportBucket,
		BatchSize:     cfg.Export.BatchSize,
		ReviewBacklog: cfg.Export.ReviewBacklog,
		SpikeRate:     cfg.Export.SpikeRate,
		SpikeWindow:   cfg.Export.SpikeWindow,
		SpikeMin:      cfg.Export.SpikeMin,
	}
}
