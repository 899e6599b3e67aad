//go:build integration

package e2e

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/api/serviceerror"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/devstack"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/signals"
)

// TestARestartedStackIsEmptyEverywhere starts a stack of its own (beside the one the other tests
// use), makes a capture that waits for review (photo in the bucket, a running workflow, a
// record), stops the stack and starts it again in the same folder: no server remembers any of it,
// so nothing can show a capture whose photo or record is gone (issue 12: a second `make demo`
// showed 124 such captures, because Temporal's file was kept and the emulators' data was not).
func TestARestartedStackIsEmptyEverywhere(t *testing.T) {
	dir := t.TempDir()
	start := func() *devstack.Stack {
		ports, err := devstack.FreePorts()
		require.NoError(t, err)
		s, err := devstack.Start(context.Background(), devstack.Options{Dir: dir, Ports: ports, SkipVision: true,
			Out: devstack.NewProgress(os.Stderr, "devstack (state test): ")})
		require.NoError(t, err)
		t.Cleanup(s.Stop)
		for _, v := range s.Env() { // config.Load and the Google clients read these; t.Setenv restores them
			t.Setenv(v.Name, v.Value)
		}
		return s
	}
	connect := func() (*app.Cloud, *stack) {
		cfg, err := config.Load()
		require.NoError(t, err)
		log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
		c, err := app.DialTemporal(cfg, log)
		require.NoError(t, err)
		t.Cleanup(c.Close)
		cloud, err := app.OpenCloud(context.Background(), cfg, app.NeedStorage|app.NeedFirestore)
		require.NoError(t, err)
		t.Cleanup(func() { cloud.Close() })
		return cloud, &stack{cfg: cfg, temporal: c, cloud: cloud, bucket: gcp.Bucket{Client: cloud.Storage},
			records: gcp.Captures{Client: cloud.Firestore}, captures: app.NewCaptureClient(cfg, c, cloud)}
	}
	ctx := context.Background()

	first := start()
	_, s := connect()
	data := blankPhoto(t)
	object := capture.ObjectName("north-01", time.Now().UTC().Truncate(time.Second), sha(data), "jpg")
	id := s.put(t, object, data)
	_, err := s.captures.Start(ctx, s.cfg.PhotoBucket, object, "starter") // no worker: it stays running
	require.NoError(t, err)
	_, err = s.records.Save(ctx, capture.Record{CaptureID: id, BoothID: "north-01", PhotoURI: capture.PhotoURI(s.cfg.PhotoBucket, object),
		Status: capture.StatusAwaitingReview, RawText: "7ABC123", CaptureTime: time.Now().UTC()})
	require.NoError(t, err)
	_, err = s.temporal.DescribeWorkflowExecution(ctx, signals.CaptureWorkflowID(id), "")
	require.NoError(t, err, "the capture's workflow runs")
	first.Stop()
	_, err = os.Stat(filepath.Join(dir, "temporal.db"))
	require.NoError(t, err, "the stopped stack left its Temporal file: the next start must not use it")

	start()
	_, s = connect()
	_, err = s.temporal.DescribeWorkflowExecution(ctx, signals.CaptureWorkflowID(id), "")
	var notFound *serviceerror.NotFound
	require.True(t, errors.As(err, &notFound), "Temporal forgot the workflow: %v", err)
	page, err := s.captures.Queue(ctx, "", 10)
	require.NoError(t, err)
	require.Empty(t, page.Items, "the review queue is empty")
	rec, err := s.records.Get(ctx, id)
	require.NoError(t, err)
	require.Nil(t, rec, "Firestore forgot the record")
	_, err = s.bucket.Size(ctx, s.cfg.PhotoBucket, object)
	require.ErrorIs(t, err, activities.ErrObjectNotFound, "the bucket forgot the photo")
	// The restarted stack works: the same photo is a capture again.
	id2 := s.put(t, object, bytes.Clone(data))
	require.Equal(t, id, id2)
	_, err = s.captures.Start(ctx, s.cfg.PhotoBucket, object, "starter")
	require.NoError(t, err)
}
