//go:build integration

package e2e

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/devstack"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/internal/ingest"
	"github.com/tollbooth/tollbooth/internal/photolimit/bombs"
	"github.com/tollbooth/tollbooth/signals"
)

// Bounds of the poison-photo test. The worker's address space is capped so that a regression
// (bombs decoded whole: 0.9–1.35 GB each, 16 at once) kills the worker, and fails the test,
// instead of taking the machine's memory; its peak RSS must stay far below that, under the pod's
// memory limit with room to spare.
const (
	poisonAddressSpace = 3 << 30
	poisonMaxRSS       = 256 << 20
)

// TestDecompressionBombsEndAsFailedInputAndTheWorkerSurvives: 20 valid PNGs of 30,000 × 30,000
// pixels (0.9 MB each, 900 MB decoded) and 20 JPEG headers claiming the same, uploaded at once
// beside real photos, through the real path (bucket → notification → trigger → workflow) to a real
// worker process: every bomb ends as failed_input with the reason, the real photos are read, the
// worker stays up and its peak RSS stays bounded.
func TestDecompressionBombsEndAsFailedInputAndTheWorkerSurvives(t *testing.T) {
	cfg, err := config.Load()
	require.NoError(t, err)
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, err := app.DialTemporal(cfg, log)
	require.NoError(t, err)
	defer c.Close()
	cloud, err := app.OpenCloud(ctx, cfg, app.NeedStorage|app.NeedFirestore|app.NeedPubSub)
	require.NoError(t, err)
	defer cloud.Close()
	s := &stack{cfg: cfg, temporal: c, cloud: cloud, bucket: gcp.Bucket{Client: cloud.Storage},
		records: gcp.Captures{Client: cloud.Firestore}, captures: app.NewCaptureClient(cfg, c, cloud)}
	t.Cleanup(func() { // the worker creates the schedules; leave none behind for other tests
		for _, id := range signals.ScheduleIDs {
			_ = c.ScheduleClient().GetHandle(context.Background(), id).Delete(context.Background())
		}
	})
	triggered := make(chan struct{})
	go func() {
		_ = ingest.Trigger{Subscriber: cloud.PubSub.Subscriber(cfg.UploadSubscription), Captures: s.captures, PhotoBucket: cfg.PhotoBucket, Log: log}.Run(ctx)
		close(triggered)
	}()
	defer func() { cancel(); <-triggered }()

	worker, exited := startCappedWorker(t)
	var peak atomic.Int64 // the highest VmRSS sampled, beside the kernel's VmHWM
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for ctx.Err() == nil {
			if rss, ok := procStatusBytes(worker.Process.Pid, "VmRSS"); ok && rss > peak.Load() {
				peak.Store(rss)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()
	defer func() { cancel(); <-sampled }()

	pngBomb := bombs.PNG(30000, 30000)
	require.Less(t, len(pngBomb), 1<<20, "a bomb is a small file")
	_, photos := synthPhotos(t, 4, 404, 0)
	at := time.Now().UTC().Truncate(time.Millisecond)
	var bombIDs, goodIDs []string
	for i := range 20 {
		bombIDs = append(bombIDs,
			s.put(t, capture.ObjectName("north-02", at.Add(time.Duration(i)*time.Second), sha(pngBomb), "png"), pngBomb))
		jpegBomb := bombs.JPEG(30000, 30000, i%2 == 1) // baseline and progressive headers
		bombIDs = append(bombIDs, s.upload(t, "north-02", at.Add(time.Duration(i)*time.Second), jpegBomb))
		if i%5 == 0 {
			goodIDs = append(goodIDs, s.upload(t, "north-02", at.Add(time.Duration(i)*time.Second+time.Millisecond), photos[i/5]))
		}
	}

	// A worker that died (without the guard: "fatal error: out of memory" at the cap) fails the
	// test at once, with its log.
	go func() {
		select {
		case <-exited:
			t.Errorf("the worker process died; its log is named below")
			cancel()
		case <-ctx.Done():
		}
	}()
	recs := s.waitSettled(t, append(append([]string{}, bombIDs...), goodIDs...), 4*time.Minute)
	for _, id := range bombIDs {
		rec := recs[id]
		require.Equal(t, capture.StatusFailedInput, rec.Status, "bomb %s: %+v", id, rec)
		require.Equal(t, capture.ReasonInvalidPhoto, rec.ReasonCode, id)
		require.Contains(t, rec.Reason, "declares 30000 × 30000 pixels (900.0 megapixels), over the limit of 40.0 megapixels (TOLLBOOTH_MAX_PHOTO_PIXELS)", id)
		require.Empty(t, rec.Plate)
	}
	for _, id := range goodIDs {
		require.Contains(t, []capture.Status{capture.StatusAccepted, capture.StatusAwaitingReview}, recs[id].Status,
			"a real photo beside the bombs is read: %+v", recs[id])
		require.NotEmpty(t, recs[id].RawText, id)
	}

	require.NoError(t, syscall.Kill(worker.Process.Pid, 0), "the worker is still running")
	hwm, ok := procStatusBytes(worker.Process.Pid, "VmHWM")
	require.True(t, ok, "read the worker's VmHWM")
	t.Logf("worker peak RSS: VmHWM %d MiB, highest VmRSS sampled %d MiB (bound %d MiB)", hwm>>20, peak.Load()>>20, poisonMaxRSS>>20)
	require.Less(t, hwm, int64(poisonMaxRSS), "the worker's peak RSS")
}

// startCappedWorker builds and runs the real worker binary with its address space capped at
// poisonAddressSpace (sh's ulimit, then exec: the process keeps the shell's pid), logging to a file.
func startCappedWorker(t *testing.T) (*exec.Cmd, <-chan struct{}) {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "worker")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/tollbooth/tollbooth/worker").CombinedOutput()
	require.NoError(t, err, "go build ./worker: %s", out)
	logPath := filepath.Join(dir, "worker.log")
	if d := os.Getenv(devstack.EnvDevstackDir); d != "" {
		logPath = filepath.Join(d, "logs", "poison-worker.log")
	}
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	require.NoError(t, err)
	cmd := exec.Command("sh", "-c", fmt.Sprintf(`ulimit -v %d && exec "$0"`, poisonAddressSpace>>10), bin)
	cmd.Env = append(os.Environ(), config.EnvMetricsAddr+"=") // no metrics port to collide on
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	require.NoError(t, cmd.Start())
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-exited
		logFile.Close()
		if t.Failed() {
			t.Logf("worker log: %s", logPath)
		}
	})
	// exec has replaced the shell once the process's executable is the worker.
	deadline := time.Now().Add(10 * time.Second)
	for {
		if exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", cmd.Process.Pid)); err == nil && exe == bin {
			break
		}
		require.False(t, time.Now().After(deadline), "the worker did not start; log: %s", logPath)
		time.Sleep(20 * time.Millisecond)
	}
	return cmd, exited
}

// procStatusBytes reads a size field (VmRSS, VmHWM: "kB") of /proc/PID/status.
func procStatusBytes(pid int, field string) (int64, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, false
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}
