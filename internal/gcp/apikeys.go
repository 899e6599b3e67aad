package gcp

import (
	"context"
	"fmt"
	"time"

	"cloud.google.com/go/firestore"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/tollbooth/tollbooth/internal/apikeys"
)

// APIKeys keeps the gateway's API keys (hashes only) in Firestore.
type APIKeys struct {
	Client *firestore.Client
}

func (a APIKeys) doc(id string) *firestore.DocumentRef {
	return a.Client.Collection(apikeys.Collection).Doc(id)
}

// Create stores a new key; an existing id is an error (ids are random: it does not happen).
func (a APIKeys) Create(ctx context.Context, k apikeys.Key) error {
	_, err := a.doc(k.ID).Create(ctx, k)
	return err
}

// Get returns the key, or nil when there is none.
func (a APIKeys) Get(ctx context.Context, id string) (*apikeys.Key, error) {
	snap, err := a.doc(id).Get(ctx)
	if status.Code(err) == codes.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var k apikeys.Key
	if err := snap.DataTo(&k); err != nil {
		return nil, fmt.Errorf("decode API key %s: %w", id, err)
	}
	return &k, nil
}

// List returns every key, oldest first.
func (a APIKeys) List(ctx context.Context) ([]apikeys.Key, error) {
	snaps, err := a.Client.Collection(apikeys.Collection).OrderBy("created_at", firestore.Asc).Documents(ctx).GetAll()
	if err != nil {
		return nil, err
	}
	out := make([]apikeys.Key, 0, len(snaps))
	for _, s := range snaps {
		var k apikeys.Key
		if err := s.DataTo(&k); err != nil {
			return nil, fmt.Errorf("decode API key %s: %w", s.Ref.ID, err)
		}
		out = append(out, k)
	}
	return out, nil
}

// Revoke marks the key revoked (the first revocation time is kept).
func (a APIKeys) Revoke(ctx context.Context, id string, at time.Time) error {
	return a.Client.RunTransaction(ctx, func(ctx context.Context, tx *firestore.Transaction) error {
		snap, err := tx.Get(a.doc(id))
		if status.Code(err) == codes.NotFound {
			return apikeys.ErrNotFound
		}
		if err != nil {
			return err
		}
		var k apikeys.Key
		if err := snap.DataTo(&k); err != nil {
			return err
		}
		if k.Revoked() {
			return nil
		}
		return tx.Update(a.doc(id), []firestore.Update{{Path: "revoked_at", Value: at.UTC()}})
	})
}
