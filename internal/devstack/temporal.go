package devstack

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Search attributes the workflows set; the dev server registers them at start (persistently in
// the SQLite file, and re-registering on the next start is harmless).
var temporalSearchAttributes = []string{"TollboothStatus=Keyword", "TollboothBooth=Keyword", "TollboothCaptureTime=Datetime"}

// startTemporal starts `temporal server start-dev` with its Web UI, on a persistent SQLite file in
// WAL mode: 2–2.5× the throughput of the default file mode here (DESIGN.md).
func (s *Stack) startTemporal(ctx context.Context) error {
	bin := s.Tool(TemporalCLI.Binary)
	args := []string{
		"server", "start-dev",
		"--ip", Host,
		"--port", strconv.Itoa(s.Ports.Temporal),
		"--ui-port", strconv.Itoa(s.Ports.TemporalUI),
		"--db-filename", filepath.Join(s.Dir, "temporal.db"),
		"--sqlite-pragma", "journal_mode=wal",
		"--sqlite-pragma", "synchronous=normal",
		// The "default" namespace is always created by start-dev; --namespace would only add others.
		"--log-level", "warn",
	}
	for _, sa := range temporalSearchAttributes {
		args = append(args, "--search-attribute", sa)
	}
	svc, err := s.launch("Temporal server", "temporal", addr(s.Ports.Temporal), ProcessSpec{
		Path: bin, Args: args, Env: temporalEnv(), Dir: s.Dir,
	})
	if err != nil {
		return err
	}
	ui := "http://" + addr(s.Ports.TemporalUI)
	svc.Extra = []Endpoint{{Name: "Temporal Web UI", Addr: ui}}
	return s.waitReady(ctx, svc, 90*time.Second, func(ctx context.Context) error {
		if err := temporalHealth(ctx, bin, addr(s.Ports.Temporal)); err != nil {
			return err
		}
		// The UI is served by the same process but comes up on its own schedule.
		page, err := getText(ctx, ui+"/")
		if err != nil {
			return fmt.Errorf("web UI: %w", err)
		}
		if !strings.Contains(strings.ToLower(page), "<html") {
			return fmt.Errorf("web UI at %s did not answer with HTML", ui)
		}
		return nil
	})
}

// temporalHealth runs `temporal operator cluster health`, the gRPC health check of the frontend.
// (The CLI binary is at hand; a gRPC client here would tie devstack to go.mod's state.)
func temporalHealth(ctx context.Context, bin, address string) error {
	cmd := exec.CommandContext(ctx, bin, "operator", "cluster", "health",
		"--address", address, "--disable-config-file", "--disable-config-env")
	cmd.Env = temporalEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("health check: %v: %s", err, strings.TrimSpace(string(out)))
	}
	if !strings.Contains(string(out), "SERVING") {
		return fmt.Errorf("health check answered %q", strings.TrimSpace(string(out)))
	}
	return nil
}

// temporalEnv is this process's environment without TEMPORAL_* variables: a TEMPORAL_API_KEY or
// TLS setting left in the shell for a cloud namespace would make the CLI dial the local server
// with TLS.
func temporalEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TEMPORAL_") {
			env = append(env, kv)
		}
	}
	return env
}
