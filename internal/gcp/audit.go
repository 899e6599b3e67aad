package gcp

import (
	"context"
	"fmt"

	"cloud.google.com/go/firestore"

	"github.com/tollbooth/tollbooth/internal/audit"
)

// AuditLog keeps the audit log of plate disclosures in Firestore (audit.PlateReadsCollection).
//
// Queries (a real project needs composite indexes for them): plate == P and/or key_id == K, at >=
// SINCE, order by at desc.
type AuditLog struct {
	Client *firestore.Client
}

// RecordPlateRead adds one entry; it returns once Firestore has it.
func (l AuditLog) RecordPlateRead(ctx context.Context, e audit.PlateRead) error {
	e.At = e.At.UTC()
	_, err := l.Client.Collection(audit.PlateReadsCollection).NewDoc().Create(ctx, e)
	return err
}

// PlateReads returns the entries q selects, newest first.
func (l AuditLog) PlateReads(ctx context.Context, q audit.Query) ([]audit.PlateRead, error) {
	query := l.Client.Collection(audit.PlateReadsCollection).Query
	if q.Plate != "" {
		query = query.Where("plate", "==", q.Plate)
	}
	if q.KeyID != "" {
		query = query.Where("key_id", "==", q.KeyID)
	}
	query = query.Where("at", ">=", q.Since.UTC()).OrderBy("at", firestore.Desc)
	if q.Limit > 0 {
		query = query.Limit(q.Limit)
	}
	snaps, err := query.Documents(ctx).GetAll()
	if err != nil {
		return nil, err
	}
	out := make([]audit.PlateRead, 0, len(snaps))
	for _, s := range snaps {
		var e audit.PlateRead
		if err := s.DataTo(&e); err != nil {
			return nil, fmt.Errorf("decode audit entry %s: %w", s.Ref.ID, err)
		}
		out = append(out, e)
	}
	return out, nil
}
