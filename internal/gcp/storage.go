package gcp

import (
	"context"
	"errors"
	"fmt"
	"io"

	"cloud.google.com/go/storage"

	"github.com/tollbooth/tollbooth/activities"
)

// Bucket reads and writes photos in Cloud Storage (or fake-gcs-server, through STORAGE_EMULATOR_HOST).
type Bucket struct {
	Client *storage.Client
}

// Size returns the object's size.
func (b Bucket) Size(ctx context.Context, bucket, object string) (int64, error) {
	attrs, err := b.Client.Bucket(bucket).Object(object).Attrs(ctx)
	if errors.Is(err, storage.ErrObjectNotExist) {
		return 0, fmt.Errorf("gs://%s/%s: %w", bucket, object, activities.ErrObjectNotFound)
	}
	if err != nil {
		return 0, err
	}
	return attrs.Size, nil
}

// Open reads the object.
func (b Bucket) Open(ctx context.Context, bucket, object string) (io.ReadCloser, error) {
	r, err := b.Client.Bucket(bucket).Object(object).NewReader(ctx)
	if errors.Is(err, storage.ErrObjectNotExist) {
		return nil, fmt.Errorf("gs://%s/%s: %w", bucket, object, activities.ErrObjectNotFound)
	}
	return r, err
}

// PutIfAbsent writes the object unless it exists already, and reports whether it wrote it. The
// precondition makes a re-upload of the same photo a no-op rather than a second upload event.
func (b Bucket) PutIfAbsent(ctx context.Context, bucket, object, contentType string, body io.Reader) (bool, error) {
	w := b.Client.Bucket(bucket).Object(object).If(storage.Conditions{DoesNotExist: true}).NewWriter(ctx)
	w.ContentType = contentType
	if _, err := io.Copy(w, body); err != nil {
		_ = w.Close()
		return false, fmt.Errorf("upload gs://%s/%s: %w", bucket, object, err)
	}
	err := w.Close()
	if isPreconditionFailed(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("upload gs://%s/%s: %w", bucket, object, err)
	}
	return true, nil
}
