package gcp

import (
	"context"
	"fmt"
	"time"

	"cloud.google.com/go/firestore"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// Captures keeps capture records in Firestore, one document per capture id.
type Captures struct {
	Client *firestore.Client
}

func (c Captures) doc(id string) *firestore.DocumentRef {
	return c.Client.Collection(capture.Collection).Doc(id)
}

// Get returns the record, or nil when there is none.
func (c Captures) Get(ctx context.Context, captureID string) (*capture.Record, error) {
	snap, err := c.doc(captureID).Get(ctx)
	if status.Code(err) == codes.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var rec capture.Record
	if err := snap.DataTo(&rec); err != nil {
		return nil, fmt.Errorf("decode record %s: %w", captureID, err)
	}
	return &rec, nil
}

// Save writes the record in a transaction: a final record stored by a different workflow run is
// kept and returned; anything else is written over (a retry writes the same data again). Fields that
// other parts of the system add to the document (export marks) are left alone.
func (c Captures) Save(ctx context.Context, rec capture.Record) (capture.Record, error) {
	ref := c.doc(rec.CaptureID)
	out := rec
	err := c.Client.RunTransaction(ctx, func(ctx context.Context, tx *firestore.Transaction) error {
		snap, err := tx.Get(ref)
		fields := recordFields
		switch {
		case status.Code(err) == codes.NotFound:
			// A new record starts unexported; afterwards only the exporter writes export_batch.
			fields = append(fields[:len(fields):len(fields)], firestore.FieldPath{"export_batch"})
			rec.ExportBatch = ""
		case err != nil:
			return err
		default:
			var existing capture.Record
			if err := snap.DataTo(&existing); err != nil {
				return fmt.Errorf("decode record %s: %w", rec.CaptureID, err)
			}
			if existing.Status.Final() && existing.WorkflowRunID != rec.WorkflowRunID {
				out = existing
				return nil
			}
		}
		out = rec
		out.UpdatedAt = time.Now().UTC()
		return tx.Set(ref, out, firestore.Merge(fields...))
	})
	if err != nil {
		return capture.Record{}, err
	}
	return out, nil
}

// recordFields are the document fields a Save owns; Merge leaves every other field as it is.
var recordFields = func() []firestore.FieldPath {
	names := []string{"capture_id", "booth_id", "capture_time", "photo_uri", "photo_sha256", "status",
		"plate", "confidence", "decision", "reason", "raw_text", "candidates", "recognition_attempts",
		"reviewer_id", "decided_at", "workflow_id", "workflow_run_id", "created_at", "updated_at"}
	paths := make([]firestore.FieldPath, len(names))
	for i, n := range names {
		paths[i] = firestore.FieldPath{n}
	}
	return paths
}()

// List returns records, newest capture first, at most limit (0: all).
func (c Captures) List(ctx context.Context, limit int) ([]capture.Record, error) {
	q := c.Client.Collection(capture.Collection).OrderBy("capture_time", firestore.Desc)
	if limit > 0 {
		q = q.Limit(limit)
	}
	snaps, err := q.Documents(ctx).GetAll()
	if err != nil {
		return nil, err
	}
	out := make([]capture.Record, 0, len(snaps))
	for _, s := range snaps {
		var rec capture.Record
		if err := s.DataTo(&rec); err != nil {
			return nil, fmt.Errorf("decode record %s: %w", s.Ref.ID, err)
		}
		out = append(out, rec)
	}
	return out, nil
}
