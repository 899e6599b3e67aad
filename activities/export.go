package activities

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sync"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/export"
)

// ExportStore is the Firestore side of the export: batches and the marks on capture records.
type ExportStore interface {
	OpenBatch(ctx context.Context) (*export.Batch, error)
	GetBatch(ctx context.Context, batchID string) (*export.Batch, error)
	NewBatch(ctx context.Context, now time.Time) (*export.Batch, error)
	ClaimedIDs(ctx context.Context, batchID string) ([]string, error)
	ClaimMore(ctx context.Context, batchID string, n int, now time.Time) (int, error)
	ClaimedRecords(ctx context.Context, batchID string) ([]capture.Record, error)
	MarkExported(ctx context.Context, batchID string, at time.Time) (int, error)
	UpdateBatch(ctx context.Context, batchID string, fields map[string]any) error
	CountWaiting(ctx context.Context) (int64, error)
	CountExportedSince(ctx context.Context, since time.Time) (int64, error)
}

// FileWriter writes export files to the bucket and reads them back.
type FileWriter interface {
	Put(ctx context.Context, bucket, object, contentType string, body []byte) error
	PhotoReader
}

// Uploader puts a file on the billing FTP server in two steps: Stage writes it under a temporary
// name, Publish renames it to its final name (atomically) and returns its address. Publish after a
// recorded Stage never sends the file again (see export.FTP).
type Uploader interface {
	Stage(ctx context.Context, name string, body []byte) error
	Publish(ctx context.Context, name string) (string, error)
}

// PhotoMarker records on a photo that its record was exported (Cloud Storage's custom time),
// which the photo bucket's lifecycle rule counts its retention from; a retry keeps the first mark.
type PhotoMarker interface {
	MarkExported(ctx context.Context, bucket, object string, at time.Time) error
}

// ScheduleTrigger starts a run of the export schedule now (the early export).
type ScheduleTrigger interface {
	TriggerExport(ctx context.Context) error
}

// Exporter holds the export's activities.
type Exporter struct {
	Store     ExportStore
	Files     FileWriter
	FTP       Uploader
	Trigger   ScheduleTrigger
	Photos    PhotoMarker // nil: photos are not marked (tests of other steps)
	Bucket    string
	BatchSize int // rows per CSV, at most 1,000
}

// ErrEmptyBatch: a batch claimed no record; it cannot become a file.
const ErrEmptyBatch = "EmptyBatch"

// NextBatch returns the batch to export next: the oldest unfinished one (so a batch interrupted by
// a crash is finished first, with the same records and file name), else a new one holding up to
// BatchSize of the oldest unexported accepted records. A zero Batch means nothing waits.
func (e *Exporter) NextBatch(ctx context.Context) (export.Batch, error) {
	defer keepAlive(ctx)()
	now := time.Now().UTC()
	b, err := e.Store.OpenBatch(ctx)
	if err != nil {
		return export.Batch{}, fmt.Errorf("look for an unfinished export batch: %w", err)
	}
	if b == nil {
		if b, err = e.Store.NewBatch(ctx, now); err != nil || b == nil {
			return export.Batch{}, err
		}
	}
	if b.Status != export.StatusClaiming {
		return *b, nil
	}
	// Claiming is resumable: count what the batch holds, then claim more up to the batch size.
	ids, err := e.Store.ClaimedIDs(ctx, b.BatchID)
	if err != nil {
		return export.Batch{}, err
	}
	n := len(ids)
	for n < e.batchSize() {
		got, err := e.Store.ClaimMore(ctx, b.BatchID, e.batchSize()-n, now)
		if err != nil {
			return export.Batch{}, fmt.Errorf("claim records for %s: %w", b.BatchID, err)
		}
		if got == 0 {
			break
		}
		n += got
	}
	if n == 0 { // another exporter took every record first: retire the empty batch
		if err := e.Store.UpdateBatch(ctx, b.BatchID, map[string]any{"status": string(export.StatusDone), "count": 0}); err != nil {
			return export.Batch{}, err
		}
		return export.Batch{}, nil
	}
	b.Status, b.Count, b.ClaimedAt = export.StatusClaimed, n, now
	if err := e.Store.UpdateBatch(ctx, b.BatchID, map[string]any{
		"status": string(b.Status), "count": n, "claimed_at": now,
	}); err != nil {
		return export.Batch{}, err
	}
	activity.GetLogger(ctx).Info("export batch claimed", "batch", b.BatchID, "records", n, "file", b.FileName)
	return *b, nil
}

func (e *Exporter) batchSize() int {
	if e.BatchSize <= 0 || e.BatchSize > export.MaxBatchSize {
		return export.MaxBatchSize
	}
	return e.BatchSize
}

// WriteBatchFile renders the batch's claimed records as CSV and writes it to the exports bucket
// under the batch's file name; a retry writes the same bytes to the same object.
func (e *Exporter) WriteBatchFile(ctx context.Context, b export.Batch) (export.Batch, error) {
	defer keepAlive(ctx)()
	recs, err := e.Store.ClaimedRecords(ctx, b.BatchID)
	if err != nil {
		return b, fmt.Errorf("read records of %s: %w", b.BatchID, err)
	}
	if len(recs) == 0 {
		return b, temporal.NewNonRetryableApplicationError("batch "+b.BatchID+" holds no record", ErrEmptyBatch, nil)
	}
	body, err := export.CSV(recs)
	if err != nil {
		return b, err
	}
	object := export.ObjectName(b.FileName)
	if err := e.Files.Put(ctx, e.Bucket, object, "text/csv; charset=utf-8", body); err != nil {
		return b, err
	}
	sum := sha256.Sum256(body)
	b.Count, b.GCSURI, b.SHA256 = len(recs), "gs://"+e.Bucket+"/"+object, hex.EncodeToString(sum[:])
	if err := e.Store.UpdateBatch(ctx, b.BatchID, map[string]any{"count": b.Count, "gcs_uri": b.GCSURI, "sha256": b.SHA256,
		"workflow_id": activity.GetInfo(ctx).WorkflowExecution.ID}); err != nil {
		return b, err
	}
	activity.GetLogger(ctx).Info("export file written", "batch", b.BatchID, "uri", b.GCSURI, "rows", b.Count)
	return b, nil
}

// UploadBatchFile copies the batch's file from the bucket to the FTP server: staged under a temporary
// name (recorded), then renamed (recorded). The records between the steps are what make a retry safe:
// after a crash at any point, the file reaches billing exactly once, even if billing has already
// taken it away when the retry comes.
func (e *Exporter) UploadBatchFile(ctx context.Context, b export.Batch) (export.Batch, error) {
	defer keepAlive(ctx)()
	stored, err := e.Store.GetBatch(ctx, b.BatchID)
	if err != nil {
		return b, err
	}
	if stored != nil && stored.FTPURI != "" && (stored.Status == export.StatusUploaded || stored.Status == export.StatusDone) {
		b.Status, b.FTPURI, b.UploadedAt = stored.Status, stored.FTPURI, stored.UploadedAt
		return b, nil
	}
	if stored == nil || stored.Status != export.StatusStaged {
		r, err := e.Files.Open(ctx, e.Bucket, export.ObjectName(b.FileName))
		if err != nil {
			return b, fmt.Errorf("read %s: %w", b.GCSURI, err)
		}
		body, err := readAll(r)
		if err != nil {
			return b, fmt.Errorf("read %s: %w", b.GCSURI, err)
		}
		if err := e.FTP.Stage(ctx, b.FileName, body); err != nil {
			return b, err
		}
		if err := e.Store.UpdateBatch(ctx, b.BatchID, map[string]any{"status": string(export.StatusStaged)}); err != nil {
			return b, err
		}
	}
	if b.FTPURI, err = e.FTP.Publish(ctx, b.FileName); err != nil {
		return b, err
	}
	b.Status, b.UploadedAt = export.StatusUploaded, time.Now().UTC()
	if err := e.Store.UpdateBatch(ctx, b.BatchID, map[string]any{"status": string(b.Status), "ftp_uri": b.FTPURI, "uploaded_at": b.UploadedAt}); err != nil {
		return b, err
	}
	activity.GetLogger(ctx).Info("export file uploaded", "batch", b.BatchID, "ftp", b.FTPURI)
	return b, nil
}

// MarkBatchExported stamps exported_at on every record of the batch (batched writes), then marks
// each record's photo exported, from when its retention counts (README, "Data retention").
func (e *Exporter) MarkBatchExported(ctx context.Context, b export.Batch) (int, error) {
	defer keepAlive(ctx)()
	now := time.Now().UTC()
	n, err := e.Store.MarkExported(ctx, b.BatchID, now)
	if err != nil {
		return 0, err
	}
	if e.Photos == nil {
		return n, nil
	}
	recs, err := e.Store.ClaimedRecords(ctx, b.BatchID)
	if err != nil {
		return n, fmt.Errorf("read records of %s: %w", b.BatchID, err)
	}
	if err := e.markPhotos(ctx, recs, now); err != nil {
		return n, fmt.Errorf("mark the photos of %s exported: %w", b.BatchID, err)
	}
	return n, nil
}

// photoMarkers is how many photos are marked at once: each is two small storage requests.
const photoMarkers = 8

func (e *Exporter) markPhotos(ctx context.Context, recs []capture.Record, at time.Time) error {
	sem := make(chan struct{}, photoMarkers)
	errs := make([]error, len(recs))
	var wg sync.WaitGroup
	for i, rec := range recs {
		bucket, object, ok := capture.SplitPhotoURI(rec.PhotoURI)
		if !ok {
			continue
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[i] = e.Photos.MarkExported(ctx, bucket, object, at)
		}()
	}
	wg.Wait()
	var failed []error
	for _, err := range errs {
		if err != nil {
			failed = append(failed, err)
		}
	}
	if len(failed) > 0 { // the first says why; a retry marks only what is left
		return fmt.Errorf("%d of %d photos: %w", len(failed), len(recs), failed[0])
	}
	return nil
}

// RecordBatch closes the batch: status done, count, file addresses and time are in `exports`.
func (e *Exporter) RecordBatch(ctx context.Context, b export.Batch) (export.Batch, error) {
	b.Status, b.ExportedAt = export.StatusDone, time.Now().UTC()
	if err := e.Store.UpdateBatch(ctx, b.BatchID, map[string]any{"status": string(b.Status), "exported_at": b.ExportedAt, "count": b.Count}); err != nil {
		return b, err
	}
	activity.GetLogger(ctx).Info("export batch done", "batch", b.BatchID, "rows", b.Count, "gcs", b.GCSURI, "ftp", b.FTPURI)
	return b, nil
}

// ExportedSince counts the batches finished at or after since: an interval in which one was
// finished is not an empty interval, even if the run at its end finds nothing left.
func (e *Exporter) ExportedSince(ctx context.Context, since time.Time) (int64, error) {
	return e.Store.CountExportedSince(ctx, since)
}

// CheckResult is what the periodic export check found. (Its activity once also measured the review
// backlog and recognition failures, now the Monitor's: old histories hold those fields too.)
type CheckResult struct {
	Waiting         int64 `json:"waiting"`          // accepted records no batch holds
	ExportTriggered bool  `json:"export_triggered"` // a full batch waited: the export schedule was triggered
}

// CheckExport counts the accepted records no batch holds and triggers the export schedule when a
// full batch is waiting (the early export).
func (e *Exporter) CheckExport(ctx context.Context) (CheckResult, error) {
	var res CheckResult
	var err error
	if res.Waiting, err = e.Store.CountWaiting(ctx); err != nil {
		return res, fmt.Errorf("count records waiting for export: %w", err)
	}
	if res.Waiting >= int64(e.batchSize()) && e.Trigger != nil {
		if err := e.Trigger.TriggerExport(ctx); err != nil {
			return res, fmt.Errorf("trigger the export schedule: %w", err)
		}
		res.ExportTriggered = true
		activity.GetLogger(ctx).Info("full batch waiting: export triggered", "waiting", res.Waiting)
	}
	return res, nil
}

// keepAlive heartbeats every few seconds until stop is called, so a worker that dies mid-step is
// noticed within the heartbeat timeout, however long the step itself may take.
func keepAlive(ctx context.Context) (stop func()) {
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(5 * time.Second)
		defer t.Stop()
		for {
			activity.RecordHeartbeat(ctx)
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done) }
}

func readAll(r io.ReadCloser) ([]byte, error) {
	defer r.Close()
	return io.ReadAll(r)
}
