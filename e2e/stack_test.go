//go:build integration

package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/captureclient"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/internal/ingest"
)

// stack is one test's view of the running local stack, with an in-process worker and trigger.
type stack struct {
	cfg      config.Config
	temporal client.Client
	cloud    *app.Cloud
	bucket   gcp.Bucket
	records  gcp.Captures
	captures *captureclient.Client // the one client, as the programs build it
	metrics  *app.Metrics          // the worker's metrics (Serve them to read them)
}

// startStack connects to the stack named by the environment and runs a worker (and, with trigger,
// the upload trigger) until the test ends. adjust may change the configuration first.
func startStack(t *testing.T, trigger bool, adjust func(*config.Config)) *stack {
	t.Helper()
	if os.Getenv(config.EnvTemporalAddress) == "" || os.Getenv(config.EnvStorageEmulator) == "" {
		t.Fatal("the local stack's addresses are not in the environment: run through `make test` (devstack exec)")
	}
	cfg, err := config.Load()
	require.NoError(t, err)
	if adjust != nil {
		adjust(&cfg)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ctx, cancel := context.WithCancel(context.Background())
	metrics, err := app.NewMetrics()
	require.NoError(t, err)
	c, err := app.DialTemporal(cfg, log, metrics.Handler)
	require.NoError(t, err)
	cloud, err := app.OpenCloud(ctx, cfg, app.NeedStorage|app.NeedFirestore|app.NeedPubSub|app.NeedVision|app.NeedSecondOpinion)
	require.NoError(t, err)
	s := &stack{
		cfg: cfg, temporal: c, cloud: cloud, metrics: metrics,
		bucket:   gcp.Bucket{Client: cloud.Storage},
		records:  gcp.Captures{Client: cloud.Firestore},
		captures: app.NewCaptureClient(cfg, c, cloud),
	}
	done := make(chan struct{}, 2)
	go func() { _ = app.NewWorkers(c, cfg, cloud).Run(ctx, log); done <- struct{}{} }()
	running := 1
	if trigger {
		running++
		go func() {
			_ = ingest.Trigger{Subscriber: cloud.PubSub.Subscriber(cfg.UploadSubscription), Captures: s.captures, PhotoBucket: cfg.PhotoBucket, Log: log}.Run(ctx)
			done <- struct{}{}
		}()
	}
	t.Cleanup(func() {
		cancel()
		for range running {
			<-done
		}
		_ = cloud.Close()
		c.Close()
	})
	return s
}

// connectStack connects to the local stack without an in-process worker: the test's workers are
// processes.
func connectStack(t *testing.T) *stack {
	t.Helper()
	cfg, err := config.Load()
	require.NoError(t, err)
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	c, err := app.DialTemporal(cfg, log)
	require.NoError(t, err)
	cloud, err := app.OpenCloud(context.Background(), cfg, app.NeedStorage|app.NeedFirestore)
	require.NoError(t, err)
	t.Cleanup(func() { _ = cloud.Close(); c.Close() })
	return &stack{
		cfg: cfg, temporal: c, cloud: cloud,
		bucket:   gcp.Bucket{Client: cloud.Storage},
		records:  gcp.Captures{Client: cloud.Firestore},
		captures: app.NewCaptureClient(cfg, c, cloud),
	}
}

// upload puts a photo into the photo bucket the way the starter does and returns its capture id.
func (s *stack) upload(t *testing.T, booth string, at time.Time, data []byte) string {
	t.Helper()
	return s.put(t, capture.ObjectName(booth, at, sha(data), "jpg"), data)
}

func sha(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// put writes an object as is, for names the starter would never make.
func (s *stack) put(t *testing.T, object string, data []byte) string {
	t.Helper()
	_, err := s.bucket.PutIfAbsent(context.Background(), s.cfg.PhotoBucket, object, "image/jpeg", bytes.NewReader(data))
	require.NoError(t, err)
	return capture.ID(s.cfg.PhotoBucket, object)
}

// waitSettled waits until every capture has a record in one of the settled states, and returns them.
func (s *stack) waitSettled(t *testing.T, ids []string, timeout time.Duration) map[string]capture.Record {
	t.Helper()
	deadline := time.Now().Add(timeout)
	out := map[string]capture.Record{}
	for {
		for _, id := range ids {
			if _, ok := out[id]; ok {
				continue
			}
			rec, err := s.records.Get(context.Background(), id)
			require.NoError(t, err)
			if rec != nil && (rec.Status.Final() || rec.Status == capture.StatusAwaitingReview) {
				out[id] = *rec
			}
		}
		if len(out) == len(ids) {
			return out
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %s only %d of %d captures settled: %v", timeout, len(out), len(ids), out)
		}
		time.Sleep(300 * time.Millisecond)
	}
}
