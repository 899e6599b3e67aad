package gcp

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/visionserver"
)

// localVision starts the project's Vision-compatible server (tesseract engine) on loopback, serving
// the images in fetch, and returns the production adapter pointed at it and a context for the calls.
func localVision(t *testing.T, fetch visionserver.MapFetcher) (*Vision, context.Context) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	engine, err := visionserver.NewTesseractEngine(ctx, visionserver.TesseractOptions{})
	require.NoError(t, err, "the local Vision server needs Debian's tesseract-ocr")
	srv, err := visionserver.NewServer(engine, fetch, nil).Start("127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { srv.Stop(context.Background()) })
	v, err := NewVision(ctx, srv.Addr)
	require.NoError(t, err)
	t.Cleanup(func() { _ = v.Close() })
	return v, ctx
}
