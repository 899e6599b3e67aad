package gcp

import (
	"context"
	"fmt"
	"slices"
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
	rec, err := decodeRecord(snap)
	if err != nil {
		return nil, err
	}
	return &rec, nil
}

// decodeRecord reads a capture document; a record stored before records carried a reason code gets
// the code its reason stands for.
func decodeRecord(snap *firestore.DocumentSnapshot) (capture.Record, error) {
	var rec capture.Record
	if err := snap.DataTo(&rec); err != nil {
		return rec, fmt.Errorf("decode record %s: %w", snap.Ref.ID, err)
	}
	return rec.WithLegacyReasonCode(), nil
}

// Save writes the record in a transaction: a final record stored by a different workflow run is
// kept and returned; anything else is written over (a retry writes the same data again). Fields that
// other parts of the system add to the document (export marks) are left alone.
func (c Captures) Save(ctx context.Context, rec capture.Record) (capture.Record, error) {
	ref := c.doc(rec.CaptureID)
	out := rec
	err := c.Client.RunTransaction(ctx, func(ctx context.Context, tx *firestore.Transaction) error {
		snap, err := tx.Get(ref)
		fields := storedFields
		switch {
		case status.Code(err) == codes.NotFound:
			// A new record starts unexported; afterwards only the exporter writes export_batch.
			fields = append(fields[:len(fields):len(fields)], firestore.FieldPath{capture.FieldExportBatch})
			rec.ExportBatch = ""
		case err != nil:
			return err
		default:
			existing, err := decodeRecord(snap)
			if err != nil {
				return err
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

// storedFields are the document fields a Save owns (capture.StoredFields, from the record's tags);
// Merge leaves every other field as it is.
var storedFields = func() []firestore.FieldPath {
	paths := make([]firestore.FieldPath, len(capture.StoredFields))
	for i, n := range capture.StoredFields {
		paths[i] = firestore.FieldPath{n}
	}
	return paths
}()

// List returns records, newest capture first, at most limit (0: all).
func (c Captures) List(ctx context.Context, limit int) ([]capture.Record, error) {
	q := c.Client.Collection(capture.Collection).OrderBy(fieldCaptureTime, firestore.Desc)
	if limit > 0 {
		q = q.Limit(limit)
	}
	snaps, err := q.Documents(ctx).GetAll()
	if err != nil {
		return nil, err
	}
	out := make([]capture.Record, 0, len(snaps))
	for _, s := range snaps {
		rec, err := decodeRecord(s)
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, nil
}

// knownBatch is the documents per batched read of Known.
const knownBatch = 300

// Known says which of the captures have a record, in batched reads.
func (c Captures) Known(ctx context.Context, captureIDs []string) (map[string]bool, error) {
	known := make(map[string]bool, len(captureIDs))
	for ids := range slices.Chunk(captureIDs, knownBatch) {
		refs := make([]*firestore.DocumentRef, len(ids))
		for i, id := range ids {
			refs[i] = c.doc(id)
		}
		snaps, err := c.Client.GetAll(ctx, refs)
		if err != nil {
			return nil, err
		}
		for _, s := range snaps {
			if s.Exists() {
				known[s.Ref.ID] = true
			}
		}
	}
	return known, nil
}
