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

// Submissions remembers which API keys submitted which capture (capture.SubmissionsCollection).
type Submissions struct {
	Client *firestore.Client
}

func (s Submissions) doc(captureID string) *firestore.DocumentRef {
	return s.Client.Collection(capture.SubmissionsCollection).Doc(captureID)
}

// Add records that the key submitted the capture; again is harmless (the key is in the set once).
func (s Submissions) Add(ctx context.Context, captureID, keyID string, at time.Time) error {
	_, err := s.doc(captureID).Set(ctx, map[string]any{
		"capture_id":        captureID,
		"key_ids":           firestore.ArrayUnion(keyID),
		"last_submitted_at": at.UTC(),
	}, firestore.MergeAll)
	return err
}

// SubmittedBy says whether the key submitted the capture. A capture with no document (submitted
// before submissions were recorded, or never through the API) was submitted by no key.
func (s Submissions) SubmittedBy(ctx context.Context, captureID, keyID string) (bool, error) {
	snap, err := s.doc(captureID).Get(ctx)
	if status.Code(err) == codes.NotFound {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	var sub capture.Submission
	if err := snap.DataTo(&sub); err != nil {
		return false, fmt.Errorf("decode submission %s: %w", captureID, err)
	}
	return slices.Contains(sub.KeyIDs, keyID), nil
}
