//go:build integration

package e2e

import (
	"context"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/devstack"
	"github.com/tollbooth/tollbooth/internal/export"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/signals"
)

// startWorkerProcess runs the real worker binary against the stack, logging to a file; env adds
// NAME=value settings to the stack's environment.
func startWorkerProcess(t *testing.T, bin, logPath string, env ...string) *exec.Cmd {
	t.Helper()
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	require.NoError(t, err)
	cmd := exec.Command(bin)
	cmd.Env = append(append(os.Environ(), config.EnvMetricsAddr+"="), env...) // no metrics port to collide on
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
		logFile.Close()
	})
	return cmd
}

// TestExportWorkerSIGKILL: the worker process is killed with SIGKILL as soon as the first CSV is
// on the FTP server (before, or while, its records are marked), then a new worker process is
// started: every record in exactly one row, the same file names, all marked.
func TestExportWorkerSIGKILL(t *testing.T) {
	cfg, err := config.Load()
	require.NoError(t, err)
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	c, err := app.DialTemporal(cfg, log)
	require.NoError(t, err)
	defer c.Close()
	cloud, err := app.OpenCloud(context.Background(), cfg, app.NeedStorage|app.NeedFirestore)
	require.NoError(t, err)
	defer cloud.Close()
	s := &stack{cfg: cfg, temporal: c, cloud: cloud}
	ctx := context.Background()
	t.Cleanup(func() { // the worker creates the schedules; leave none behind for other tests
		for _, id := range signals.ScheduleIDs {
			_ = c.ScheduleClient().GetHandle(ctx, id).Delete(ctx)
		}
	})
	resetExportState(t, cfg, cloud.Storage)
	ids := seedAccepted(t, cloud.Firestore, "kill", 2500, time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC))

	dir := t.TempDir()
	bin := filepath.Join(dir, "worker")
	build := exec.Command("go", "build", "-o", bin, "github.com/tollbooth/tollbooth/worker")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build ./worker: %s", out)
	logPath := filepath.Join(dir, "worker.log")
	if d := os.Getenv(devstack.EnvDevstackDir); d != "" {
		logPath = filepath.Join(d, "logs", "export-kill-worker.log")
	}
	first := startWorkerProcess(t, bin, logPath)

	// The worker creates the schedule at start; trigger it as `starter export now` does.
	deadline := time.Now().Add(time.Minute)
	for {
		if err = app.TriggerExport(ctx, c); err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	require.NoError(t, err, "trigger the export schedule")

	root := os.Getenv(devstack.EnvFTPRoot)
	var firstFile string
	deadline = time.Now().Add(2 * time.Minute)
	for firstFile == "" {
		entries, _ := os.ReadDir(root)
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".part") {
				firstFile = e.Name()
			}
		}
		require.False(t, time.Now().After(deadline), "no file reached the FTP server; worker log: %s", logPath)
		time.Sleep(2 * time.Millisecond)
	}
	require.NoError(t, syscall.Kill(-first.Process.Pid, syscall.SIGKILL))
	killedAt := time.Now()

	exports := gcp.Exports{Client: cloud.Firestore}
	b1, err := exports.OpenBatch(ctx)
	require.NoError(t, err)
	if b1 != nil {
		t.Logf("killed with %s on the FTP server, batch %s %s", firstFile, b1.BatchID, b1.Status)
	}

	startWorkerProcess(t, bin, logPath)
	deadline = time.Now().Add(4 * time.Minute)
	for {
		list, err := exports.ListBatches(ctx, 0)
		require.NoError(t, err)
		done := 0
		for _, b := range list {
			if b.Status == export.StatusDone {
				done++
			}
		}
		if done == 3 {
			break
		}
		require.False(t, time.Now().After(deadline), "after the kill only %d of 3 batches finished; worker log: %s", done, logPath)
		time.Sleep(500 * time.Millisecond)
	}
	t.Logf("all batches done %s after the SIGKILL", time.Since(killedAt).Round(time.Millisecond))
	after := checkExported(t, s, ids, []int{1000, 1000, 500})
	require.Contains(t, after, firstFile, "the file uploaded before the kill keeps its name")
}
