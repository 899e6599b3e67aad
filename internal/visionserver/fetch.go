package visionserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"cloud.google.com/go/storage"
	"google.golang.org/api/option"

	"github.com/tollbooth/tollbooth/internal/config"
)

// MaxImageBytes is the largest image the server accepts, the same 20 MB limit real Vision applies.
const MaxImageBytes = 20 << 20

// ErrObjectNotFound is what a Fetcher returns (wrapped) when the bucket or object does not exist;
// the server turns it into a per-image NOT_FOUND.
var ErrObjectNotFound = errors.New("object not found")

// Fetcher reads an image that a request names by gs:// URI instead of sending inline.
type Fetcher interface {
	Fetch(ctx context.Context, bucket, object string) ([]byte, error)
}

// MapFetcher serves objects from memory, keyed by "gs://bucket/object"; tests use it in place of
// Cloud Storage.
type MapFetcher map[string][]byte

// Fetch returns the stored bytes or ErrObjectNotFound.
func (m MapFetcher) Fetch(_ context.Context, bucket, object string) ([]byte, error) {
	uri := "gs://" + bucket + "/" + object
	b, ok := m[uri]
	if !ok {
		return nil, fmt.Errorf("%s: %w", uri, ErrObjectNotFound)
	}
	return b, nil
}

// StorageFetcher reads objects through the Cloud Storage client. With STORAGE_EMULATOR_HOST set
// (fake-gcs-server in the local stack) it talks to the emulator without credentials.
//
// The client is created on first use, not at start, so a server that only ever receives inline
// content runs without any storage configuration.
type StorageFetcher struct {
	mu     sync.Mutex
	client *storage.Client
}

// NewStorageFetcher returns a fetcher that connects on first use.
func NewStorageFetcher() *StorageFetcher { return &StorageFetcher{} }

// Fetch reads gs://bucket/object, at most MaxImageBytes+1 bytes so an oversized object is
// detected without reading all of it.
func (f *StorageFetcher) Fetch(ctx context.Context, bucket, object string) ([]byte, error) {
	client, err := f.connect(ctx)
	if err != nil {
		return nil, err
	}
	r, err := client.Bucket(bucket).Object(object).NewReader(ctx)
	if errors.Is(err, storage.ErrObjectNotExist) || errors.Is(err, storage.ErrBucketNotExist) {
		return nil, fmt.Errorf("gs://%s/%s: %w", bucket, object, ErrObjectNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("open gs://%s/%s: %w", bucket, object, err)
	}
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, MaxImageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read gs://%s/%s: %w", bucket, object, err)
	}
	return b, nil
}

// Close releases the storage client, if one was created.
func (f *StorageFetcher) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.client == nil {
		return nil
	}
	err := f.client.Close()
	f.client = nil
	return err
}

func (f *StorageFetcher) connect(ctx context.Context) (*storage.Client, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.client != nil {
		return f.client, nil
	}
	// JSON-API reads work against fake-gcs-server however it was started; the default XML-API
	// reads 404 there unless its -public-host matches the address the client dials.
	opts := []option.ClientOption{storage.WithJSONReads()}
	if os.Getenv(config.EnvStorageEmulator) != "" {
		// storage.NewClient already routes to the emulator; without credentials it must not try
		// to find Application Default Credentials, which a dev machine usually lacks.
		opts = append(opts, option.WithoutAuthentication())
	}
	// The client outlives this request, so it must not inherit the request's deadline.
	client, err := storage.NewClient(context.WithoutCancel(ctx), opts...)
	if err != nil {
		return nil, fmt.Errorf("connect to Cloud Storage (for the local stack set STORAGE_EMULATOR_HOST=127.0.0.1:8912; for real buckets provide Application Default Credentials): %w", err)
	}
	f.client = client
	return client, nil
}

// parseGCSURI splits "gs://bucket/object".
func parseGCSURI(uri string) (bucket, object string, ok bool) {
	rest, found := strings.CutPrefix(uri, "gs://")
	if !found {
		return "", "", false
	}
	bucket, object, found = strings.Cut(rest, "/")
	if !found || bucket == "" || object == "" {
		return "", "", false
	}
	return bucket, object, true
}
