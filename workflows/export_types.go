package workflows

import (
	"time"

	"github.com/tollbooth/tollbooth/internal/export"
)

// ExportInput is the export schedule's argument. `starter schedule set --every D` changes the
// schedule's interval and this value together.
type ExportInput struct {
	// Every is the schedule's interval: an export run that finds nothing to export raises one
	// "no data" alert for the interval it falls in.
	Every time.Duration `json:"every"`
}

// ExportResult is what one export run did.
type ExportResult struct {
	Batches  []export.Batch `json:"batches"`
	Interval time.Time      `json:"interval"` // start of the interval the run fell in
	Empty    bool           `json:"empty"`    // nothing to export: the "no data" alert was raised
}

// ExportCheckResult is what one periodic export check found.
type ExportCheckResult struct {
	Waiting         int64 `json:"waiting"`
	ExportTriggered bool  `json:"export_triggered"`
}
