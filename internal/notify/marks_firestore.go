package notify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"cloud.google.com/go/firestore"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/tollbooth/tollbooth/internal/alert"
)

// Collection holds one document per alert condition (Kind + Key): when it was last delivered and
// the state of a delivery in progress.
const Collection = "alerts"

// FirestoreMarks keeps the marks in Firestore; claims run in transactions, so two workers raising
// the same alert at the same moment deliver it once.
type FirestoreMarks struct {
	Client *firestore.Client
}

// docID is a stable, path-safe id for a condition.
func docID(a alert.Alert) string {
	sum := sha256.Sum256([]byte(a.DedupKey()))
	return string(a.Kind) + "-" + hex.EncodeToString(sum[:12])
}

func (s FirestoreMarks) ref(a alert.Alert) *firestore.DocumentRef {
	return s.Client.Collection(Collection).Doc(docID(a))
}

func (s FirestoreMarks) Claim(ctx context.Context, a alert.Alert, now time.Time, window, lease time.Duration) (Claim, error) {
	var out Claim
	err := s.Client.RunTransaction(ctx, func(ctx context.Context, tx *firestore.Transaction) error {
		var m mark
		snap, err := tx.Get(s.ref(a))
		switch {
		case status.Code(err) == codes.NotFound:
		case err != nil:
			return err
		default:
			if err := snap.DataTo(&m); err != nil {
				return fmt.Errorf("decode alert mark %s: %w", snap.Ref.ID, err)
			}
		}
		next, c, err := m.decide(now, window, lease)
		if err != nil || c.Duplicate {
			out = c
			return err
		}
		out = c
		return tx.Set(s.ref(a), map[string]any{
			"kind": string(a.Kind), "key": a.Key, "subject": a.Subject,
			"last_sent_at": next.LastSentAt, "lease_until": next.LeaseUntil,
			"pending": true, "sent": next.Sent,
		})
	})
	return out, err
}

func (s FirestoreMarks) Sent(ctx context.Context, a alert.Alert, channel string) error {
	_, err := s.ref(a).Update(ctx, []firestore.Update{{FieldPath: firestore.FieldPath{"sent", channel}, Value: true}})
	return err
}

func (s FirestoreMarks) Done(ctx context.Context, a alert.Alert, at time.Time) error {
	_, err := s.ref(a).Update(ctx, []firestore.Update{
		{Path: "last_sent_at", Value: at},
		{Path: "pending", Value: false},
		{Path: "lease_until", Value: time.Time{}},
		{Path: "sent", Value: map[string]bool{}},
	})
	return err
}

func (s FirestoreMarks) Release(ctx context.Context, a alert.Alert) error {
	_, err := s.ref(a).Update(ctx, []firestore.Update{{Path: "lease_until", Value: time.Time{}}})
	return err
}
