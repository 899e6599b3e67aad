package gcp

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"cloud.google.com/go/firestore"
	"google.golang.org/api/iterator"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/export"
)

// Exports keeps export batches in Firestore and the export marks on capture records.
//
// Queries it runs (a real project needs composite indexes for them, see deployments/README.md):
// captures where status == accepted and export_batch == "" order by capture_time; exports where
// status in [open statuses] order by seq.
type Exports struct {
	Client *firestore.Client
}

// maxWrites is the most writes put in one Firestore transaction.
const maxWrites = 500

func (e Exports) batchRef(id string) *firestore.DocumentRef {
	return e.Client.Collection(export.Collection).Doc(id)
}

// unexported are the billable records no batch holds yet, oldest first.
func (e Exports) unexported() firestore.Query {
	return e.Client.Collection(capture.Collection).
		Where(fieldStatus, "==", string(capture.StatusAccepted)).
		Where(export.FieldBatch, "==", "").
		OrderBy(fieldCaptureTime, firestore.Asc)
}

// OpenBatch returns the oldest batch that is not done, or nil.
func (e Exports) OpenBatch(ctx context.Context) (*export.Batch, error) {
	open := make([]any, len(export.OpenStatuses))
	for i, s := range export.OpenStatuses {
		open[i] = string(s)
	}
	snaps, err := e.Client.Collection(export.Collection).Where("status", "in", open).
		OrderBy("seq", firestore.Asc).Limit(1).Documents(ctx).GetAll()
	if err != nil || len(snaps) == 0 {
		return nil, err
	}
	return decodeBatch(snaps[0])
}

// GetBatch returns a batch, or nil when there is none.
func (e Exports) GetBatch(ctx context.Context, id string) (*export.Batch, error) {
	snap, err := e.batchRef(id).Get(ctx)
	if status.Code(err) == codes.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return decodeBatch(snap)
}

func decodeBatch(s *firestore.DocumentSnapshot) (*export.Batch, error) {
	var b export.Batch
	if err := s.DataTo(&b); err != nil {
		return nil, fmt.Errorf("decode export batch %s: %w", s.Ref.ID, err)
	}
	return &b, nil
}

// CountWaiting counts billable records no batch holds yet.
func (e Exports) CountWaiting(ctx context.Context) (int64, error) {
	return count(ctx, e.unexported())
}

func count(ctx context.Context, q firestore.Query) (int64, error) {
	res, err := q.NewAggregationQuery().WithCount("n").Get(ctx)
	if err != nil {
		return 0, err
	}
	switch v := res["n"].(type) {
	case int64:
		return v, nil
	case interface{ GetIntegerValue() int64 }:
		return v.GetIntegerValue(), nil
	}
	return 0, fmt.Errorf("count query answered %T", res["n"])
}

// NewBatch creates the next batch (status claiming) from the sequence, in one transaction, when
// some record waits; otherwise it returns nil.
func (e Exports) NewBatch(ctx context.Context, now time.Time) (*export.Batch, error) {
	first, err := e.unexported().Limit(1).Documents(ctx).GetAll()
	if err != nil || len(first) == 0 {
		return nil, err
	}
	collection, id, _ := strings.Cut(export.SequenceDoc, "/")
	seqRef := e.Client.Collection(collection).Doc(id)
	var out export.Batch
	err = e.Client.RunTransaction(ctx, func(ctx context.Context, tx *firestore.Transaction) error {
		var seq struct {
			Next int64 `firestore:"next"`
		}
		snap, err := tx.Get(seqRef)
		switch {
		case status.Code(err) == codes.NotFound:
			seq.Next = 1
		case err != nil:
			return err
		default:
			if err := snap.DataTo(&seq); err != nil {
				return err
			}
		}
		out = export.Batch{
			BatchID: export.BatchID(seq.Next), Seq: seq.Next, Status: export.StatusClaiming,
			FileName: export.FileName(seq.Next, now), CreatedAt: now.UTC(),
		}
		if err := tx.Create(e.batchRef(out.BatchID), out); err != nil {
			return err
		}
		return tx.Set(seqRef, map[string]any{"next": seq.Next + 1})
	})
	if err != nil {
		return nil, fmt.Errorf("create export batch: %w", err)
	}
	return &out, nil
}

// ClaimedIDs lists the capture ids a batch holds.
func (e Exports) ClaimedIDs(ctx context.Context, batchID string) ([]string, error) {
	snaps, err := e.Client.Collection(capture.Collection).Where(export.FieldBatch, "==", batchID).
		Select().Documents(ctx).GetAll()
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(snaps))
	for i, s := range snaps {
		ids[i] = s.Ref.ID
	}
	return ids, nil
}

// ClaimMore gives up to n (at most 500) more unexported records, oldest first, to the batch, in
// one transaction: a record is claimed by exactly one batch even if two exporters race.
func (e Exports) ClaimMore(ctx context.Context, batchID string, n int, now time.Time) (int, error) {
	n = min(n, maxWrites)
	claimed := 0
	err := e.Client.RunTransaction(ctx, func(ctx context.Context, tx *firestore.Transaction) error {
		snaps, err := tx.Documents(e.unexported().Limit(n)).GetAll()
		if err != nil {
			return err
		}
		claimed = len(snaps)
		for _, s := range snaps {
			if err := tx.Update(s.Ref, []firestore.Update{
				{Path: export.FieldBatch, Value: batchID},
				{Path: export.FieldClaimedAt, Value: now},
			}); err != nil {
				return err
			}
		}
		return nil
	})
	return claimed, err
}

// UpdateBatch sets fields of a batch document.
func (e Exports) UpdateBatch(ctx context.Context, batchID string, fields map[string]any) error {
	updates := make([]firestore.Update, 0, len(fields))
	for k, v := range fields {
		updates = append(updates, firestore.Update{Path: k, Value: v})
	}
	_, err := e.batchRef(batchID).Update(ctx, updates)
	return err
}

// ClaimedRecords returns the records a batch holds, in CSV order: capture time, then capture id.
func (e Exports) ClaimedRecords(ctx context.Context, batchID string) ([]capture.Record, error) {
	it := e.Client.Collection(capture.Collection).Where(export.FieldBatch, "==", batchID).Documents(ctx)
	defer it.Stop()
	var out []capture.Record
	for {
		s, err := it.Next()
		if errors.Is(err, iterator.Done) {
			break
		}
		if err != nil {
			return nil, err
		}
		r, err := decodeRecord(s)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b capture.Record) int {
		if c := a.CaptureTime.Compare(b.CaptureTime); c != 0 {
			return c
		}
		return strings.Compare(a.CaptureID, b.CaptureID)
	})
	return out, nil
}

// MarkExported stamps exported_at on every record of the batch that lacks it, at most 500 writes
// per transaction. Running it again changes nothing.
func (e Exports) MarkExported(ctx context.Context, batchID string, at time.Time) (int, error) {
	snaps, err := e.Client.Collection(capture.Collection).Where(export.FieldBatch, "==", batchID).
		Select(export.FieldExportedAt).Documents(ctx).GetAll()
	if err != nil {
		return 0, err
	}
	var todo []*firestore.DocumentRef
	for _, s := range snaps {
		if v, err := s.DataAt(export.FieldExportedAt); err != nil || v == nil {
			todo = append(todo, s.Ref)
		}
	}
	for chunk := range slices.Chunk(todo, maxWrites) {
		err := e.Client.RunTransaction(ctx, func(ctx context.Context, tx *firestore.Transaction) error {
			for _, ref := range chunk {
				if err := tx.Update(ref, []firestore.Update{{Path: export.FieldExportedAt, Value: at}}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return 0, fmt.Errorf("mark batch %s exported: %w", batchID, err)
		}
	}
	return len(snaps), nil
}

// CountExportedSince counts the batches finished at or after since.
func (e Exports) CountExportedSince(ctx context.Context, since time.Time) (int64, error) {
	return count(ctx, e.Client.Collection(export.Collection).Where("exported_at", ">=", since))
}

// ListBatches returns batches, newest first, at most limit (0: all).
func (e Exports) ListBatches(ctx context.Context, limit int) ([]export.Batch, error) {
	q := e.Client.Collection(export.Collection).OrderBy("seq", firestore.Desc)
	if limit > 0 {
		q = q.Limit(limit)
	}
	snaps, err := q.Documents(ctx).GetAll()
	if err != nil {
		return nil, err
	}
	out := make([]export.Batch, 0, len(snaps))
	for _, s := range snaps {
		b, err := decodeBatch(s)
		if err != nil {
			return nil, err
		}
		out = append(out, *b)
	}
	return out, nil
}

// OldestWaiting is the capture time of the oldest billable record no batch holds yet; false when
// none waits.
func (e Exports) OldestWaiting(ctx context.Context) (time.Time, bool, error) {
	snaps, err := e.unexported().Select(fieldCaptureTime).Limit(1).Documents(ctx).GetAll()
	if err != nil || len(snaps) == 0 {
		return time.Time{}, false, err
	}
	v, err := snaps[0].DataAt(fieldCaptureTime)
	if err != nil {
		return time.Time{}, false, err
	}
	t, ok := v.(time.Time)
	if !ok {
		return time.Time{}, false, fmt.Errorf("capture %s: %s is %T, not a time", snaps[0].Ref.ID, fieldCaptureTime, v)
	}
	return t, true, nil
}
