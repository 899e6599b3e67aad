package visionserver

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// DirFetcher reads gs://BUCKET/OBJECT from the file DIR/BUCKET/OBJECT: the vision server without
// Cloud Storage, for measuring an engine on photos on disk (`make bench-ocr`).
type DirFetcher string

// Fetch reads the object's file; a name that would leave the folder is not found.
func (d DirFetcher) Fetch(_ context.Context, bucket, object string) ([]byte, error) {
	obj := filepath.FromSlash(object)
	if !filepath.IsLocal(obj) || !filepath.IsLocal(bucket) || strings.ContainsAny(bucket, `/\`) {
		return nil, fmt.Errorf("gs://%s/%s: %w", bucket, object, ErrObjectNotFound)
	}
	b, err := os.ReadFile(filepath.Join(string(d), bucket, obj))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("gs://%s/%s: %w", bucket, object, ErrObjectNotFound)
	}
	return b, err
}
