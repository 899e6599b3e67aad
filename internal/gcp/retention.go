package gcp

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cloud.google.com/go/firestore"
	"cloud.google.com/go/storage"
	"google.golang.org/api/iterator"

	"github.com/tollbooth/tollbooth/internal/capture"
)

var (
	fieldExpireRawAt = capture.FieldName("ExpireRawAt")
	fieldRawText     = capture.FieldName("RawText")
	fieldCandidates  = capture.FieldName("Candidates")
)

// ClearExpiredRaw clears the raw OCR text and candidates of up to limit (at most 500) records
// whose expire_raw_at has passed, in one transaction, and sets expire_raw_at back to the zero time
// ("never"); every other field stays. It returns how many it cleared: fewer than limit means none is left.
func (c Captures) ClearExpiredRaw(ctx context.Context, now time.Time, limit int) (int, error) {
	limit = min(limit, maxWrites)
	// A record that never expires holds the zero time (0001-01-01): the lower bound leaves it out.
	q := c.Client.Collection(capture.Collection).
		Where(fieldExpireRawAt, ">", time.Unix(0, 0)).
		Where(fieldExpireRawAt, "<=", now).
		Limit(limit)
	cleared := 0
	err := c.Client.RunTransaction(ctx, func(ctx context.Context, tx *firestore.Transaction) error {
		snaps, err := tx.Documents(q).GetAll()
		if err != nil {
			return err
		}
		cleared = len(snaps)
		for _, s := range snaps {
			if err := tx.Update(s.Ref, []firestore.Update{
				{Path: fieldRawText, Value: ""},
				{Path: fieldCandidates, Value: []capture.Candidate{}},
				{Path: fieldExpireRawAt, Value: time.Time{}},
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("clear expired raw text: %w", err)
	}
	return cleared, nil
}

// MarkExported sets the photo's custom time to at, the time its record was exported, unless it
// has one: the photo bucket's lifecycle rule deletes a photo a number of days after its custom time
// (Cloud Storage never lets a custom time move back, and a retry must not move it on). A photo
// that is gone is left so.
func (b Bucket) MarkExported(ctx context.Context, bucket, object string, at time.Time) error {
	obj := b.Client.Bucket(bucket).Object(object)
	attrs, err := obj.Attrs(ctx)
	if errors.Is(err, storage.ErrObjectNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read gs://%s/%s: %w", bucket, object, err)
	}
	if !attrs.CustomTime.IsZero() {
		return nil
	}
	if _, err := obj.Update(ctx, storage.ObjectAttrsToUpdate{CustomTime: at.UTC()}); err != nil && !errors.Is(err, storage.ErrObjectNotExist) {
		return fmt.Errorf("set the custom time of gs://%s/%s: %w", bucket, object, err)
	}
	return nil
}

// DeleteMarkedBefore deletes the objects under prefix whose custom time is set and not after
// before: the lifecycle rule daysSinceCustomTime, applied where the storage has no lifecycle (the
// local emulator). It returns how many it deleted; progress is called every 100.
func (b Bucket) DeleteMarkedBefore(ctx context.Context, bucket, prefix string, before time.Time, progress func(deleted int)) (int, error) {
	it := b.Client.Bucket(bucket).Objects(ctx, &storage.Query{Prefix: prefix})
	deleted := 0
	for {
		attrs, err := it.Next()
		if errors.Is(err, iterator.Done) {
			return deleted, nil
		}
		if err != nil {
			return deleted, fmt.Errorf("list gs://%s/%s: %w", bucket, prefix, err)
		}
		if attrs.CustomTime.IsZero() || attrs.CustomTime.After(before) {
			continue
		}
		// The generation precondition: a photo written again since it was listed is not deleted.
		err = b.Client.Bucket(bucket).Object(attrs.Name).If(storage.Conditions{GenerationMatch: attrs.Generation}).Delete(ctx)
		if err != nil && !errors.Is(err, storage.ErrObjectNotExist) && !isPreconditionFailed(err) {
			return deleted, fmt.Errorf("delete gs://%s/%s: %w", bucket, attrs.Name, err)
		}
		if err == nil {
			deleted++
			if progress != nil && deleted%100 == 0 {
				progress(deleted)
			}
		}
	}
}
