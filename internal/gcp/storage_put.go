package gcp

import (
	"bytes"
	"context"
	"fmt"
	"io"
)

// Put writes the object, replacing what is there: an export batch's retry rewrites the same file.
func (b Bucket) Put(ctx context.Context, bucket, object, contentType string, body []byte) error {
	w := b.Client.Bucket(bucket).Object(object).NewWriter(ctx)
	w.ContentType = contentType
	if _, err := io.Copy(w, bytes.NewReader(body)); err != nil {
		_ = w.Close()
		return fmt.Errorf("write gs://%s/%s: %w", bucket, object, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("write gs://%s/%s: %w", bucket, object, err)
	}
	return nil
}
