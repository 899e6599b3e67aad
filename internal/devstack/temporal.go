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

// Search attributes the workflows set; the dev server registers them at start; in postgres mode devstack
// creates them through the operator API (temporalserver.go).
var temporalSearchAttributes = []string{"TollboothStatus=Keyword", "TollboothBooth=Keyword", "TollboothCaptureTime=Datetime"}

// TemporalMode chooses the Temporal server of the stack.
type TemporalMode string

const (
	// TemporalDev is the Temporal CLI's dev server on a SQLite file: one process, starts in seconds.
	TemporalDev TemporalMode = "dev"
	// TemporalPostgres is the Temporal server built from go.temporal.io/server on its own PostgreSQL
	// schema, with the Web UI served apart: shaped like a self-hosted production cluster.
	TemporalPostgres TemporalMode = "postgres"
)

// ParseTemporalMode reads the --temporal flag.
func ParseTemporalMode(s string) (TemporalMode, error) {
	switch m := TemporalMode(s); m {
	case TemporalDev, TemporalPostgres:
		return m, nil
	case "":
		return TemporalDev, nil
	}
	return "", fmt.Errorf("--temporal %q: use dev (the CLI's dev server) or postgres (the Temporal server on PostgreSQL)", s)
}

// startTemporal starts the Temporal server of the stack's mode, with its Web UI.
func (s *Stack) startTemporal(ctx context.Context) error {
	if s.opts.Temporal == TemporalPostgres {
		return s.startTemporalOnPostgres(ctx) // temporalserver.go
	}
	return s.startDevServer(ctx)
}

// startDevServer starts `temporal server start-dev` with its Web UI, on a SQLite file in WAL mode
// (a file, not memory, for the throughput and so that a look at it after a stop is possible; it is
// removed at the next start, state.go): 2–2.5× the throughput of the default file mode here (DESIGN.md).
func (s *Stack) startDevServer(ctx context.Context) error {
	bin := s.Tool(TemporalCLI.Binary)
	args := []string{
		"server", "start-dev",
		"--ip", Host,
		"--port", strconv.Itoa(s.Ports.Temporal),
		"--ui-port", strconv.Itoa(s.Ports.TemporalUI),
		// The server's own Prometheus metrics (frontend requests, persistence latencies, task
		// queue backlogs), scraped by the stack's Prometheus.
		"--metrics-port", strconv.Itoa(s.Ports.TemporalMetrics),
		"--http-port", strconv.Itoa(s.Ports.TemporalHTTP),
		"--db-filename", filepath.Join(s.Dir, "temporal.db"),
		"--sqlite-pragma", "journal_mode=wal",
		"--sqlite-pragma", "synchronous=normal",
		// The "default" namespace is always created by start-dev; --namespace would only add others.
		"--log-level", "warn",
	}
	for _, sa := range temporalSearchAttributes {
		args = append(args, "--search-attribute", sa)
	}
	svc, err := s.launch(ServiceTemporal, "temporal", addr(s.Ports.Temporal), ProcessSpec{
		Path: bin, Args: args, Env: temporalEnv(), Dir: s.Dir,
	})
	if err != nil {
		return err
	}
	ui := "http://" + addr(s.Ports.TemporalUI)
	svc.Extra = []Endpoint{{Name: "Temporal Web UI", Addr: ui}, {Name: "Temporal server metrics", Addr: "http://" + addr(s.Ports.TemporalMetrics) + "/metrics"}}
	return s.waitReady(ctx, svc, 90*time.Second, func(ctx context.Context) error {
		if err := temporalHealth(ctx, bin, addr(s.Ports.Temporal)); err != nil {
			return err
		}
		// The UI is served by the same process but comes up on its own schedule.
		return webUIAnswers(ctx, ui)
	})
}

// webUIAnswers checks that the Web UI at base serves its HTML page.
func webUIAnswers(ctx context.Context, base string) error {
	page, err := getText(ctx, base+"/")
	if err != nil {
		return fmt.Errorf("web UI: %w", err)
	}
	if !strings.Contains(strings.ToLower(page), "<html") {
		return fmt.Errorf("web UI at %s did not answer with HTML", base)
	}
	return nil
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
