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

// `--temporal postgres`: the Temporal server built from go.temporal.io/server on PostgreSQL, with the
// Web UI served by the UI server on its own. The configuration files are in deployments/temporal.
const (
	temporalServerConfigDir = "deployments/temporal/server"
	temporalDynamicConfig   = "deployments/temporal/dynamicconfig/postgres.yaml"
	temporalUIConfigDir     = "deployments/temporal/ui"
	// temporalConfigEnv names the files in those folders: server/postgres.yaml, ui/postgres.yaml.
	temporalConfigEnv = "postgres"
	// temporalNamespaceRetention keeps closed runs three days, to look at them in the Web UI.
	temporalNamespaceRetention = "72h"
	// namespaceCacheRefresh is the server's system.namespaceCacheRefreshInterval (default 2s): a
	// namespace created, or a search attribute added (SQL visibility keeps them as namespace
	// aliases), reaches the history and matching services within it.
	namespaceCacheRefresh = 2 * time.Second
)

// The Temporal databases and the embedded schema (temporal-sql-tool --schema-name) of each.
var temporalDatabases = []struct{ name, schema string }{
	{"temporal", "postgresql/v12/temporal"},
	{"temporal_visibility", "postgresql/v12/visibility"},
}

// startTemporalOnPostgres starts PostgreSQL, sets up or updates the Temporal schema, starts the
// server, creates the default namespace and the search attributes when missing, and starts the UI.
func (s *Stack) startTemporalOnPostgres(ctx context.Context) error {
	fresh, err := s.startPostgres(ctx) // postgres.go
	if err != nil {
		return err
	}
	if err := s.setUpTemporalSchema(ctx, fresh); err != nil {
		return err
	}
	if err := s.startTemporalServer(ctx); err != nil {
		return err
	}
	if err := s.setUpNamespace(ctx); err != nil {
		return err
	}
	if err := os.WriteFile(s.postgresSetUpMarker(), []byte(time.Now().Format(time.RFC3339)+"\n"), 0o644); err != nil {
		return err
	}
	return s.startTemporalUI(ctx)
}

// setUpTemporalSchema creates the two databases, dropping them first on a kept cluster (the stack
// keeps no state between starts, state.go: the cluster stays because initdb is slow, its Temporal
// data does not), then brings both schemas to the version of the server binary.
func (s *Stack) setUpTemporalSchema(ctx context.Context, fresh bool) error {
	logPath := s.LogPath("temporal-sql-tool")
	log, err := os.Create(logPath)
	if err != nil {
		return err
	}
	defer log.Close()
	start := time.Now()
	for _, db := range temporalDatabases {
		var steps [][]string
		if !fresh {
			steps = append(steps, []string{"drop-database", "--force"})
		}
		steps = append(steps, []string{"create-database"}, []string{"setup-schema", "--version", "0.0"},
			[]string{"update-schema", "--schema-name", db.schema})
		for _, step := range steps {
			if err := s.sqlTool(ctx, log, db.name, step...); err != nil {
				return NewServiceError("temporal-sql-tool", logPath, err)
			}
		}
	}
	s.out.Printf("Temporal schema ready in %s (temporal-sql-tool %s)", round(time.Since(start)), TemporalSQLTool.Version)
	return nil
}

// sqlTool runs one temporal-sql-tool command against database db, logging to log.
func (s *Stack) sqlTool(ctx context.Context, log *os.File, db string, args ...string) error {
	full := append([]string{"--plugin", "postgres12", "--endpoint", Host, "--port", strconv.Itoa(s.Ports.Postgres),
		"--user", PostgresRole, "--database", db}, args...)
	fmt.Fprintf(log, "# %s\n", commandLine(TemporalSQLTool.Binary, full))
	cmd := exec.CommandContext(ctx, s.Tool(TemporalSQLTool.Binary), full...)
	// The password goes through the environment, not the command line that ps shows.
	cmd.Env = append(temporalEnv(), "SQL_PASSWORD="+PostgresPassword)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("temporal-sql-tool %s on %s: %w", args[0], db, err)
	}
	return nil
}

// startTemporalServer starts the server with all four services in one process, on free internal
// ports, and waits for the frontend's health check.
func (s *Stack) startTemporalServer(ctx context.Context) error {
	internal, err := PickFreePorts(4)
	if err != nil {
		return err
	}
	// The server stores its membership ports in a smallint column (cluster_membership.rpc_port).
	membership, err := pickFreePortsBelow(4, 20000, 32767)
	if err != nil {
		return err
	}
	internal = append(internal, membership...)
	metrics := addr(s.Ports.TemporalMetrics) // the stack's Prometheus scrapes it
	env := append(temporalEnv(), s.temporalServerVars(internal)...)
	svc, err := s.launch(ServiceTemporal, "temporal", addr(s.Ports.Temporal), ProcessSpec{
		Path: s.Tool(TemporalServer.Binary),
		Args: []string{"--root", s.opts.RepoRoot, "--config", temporalServerConfigDir, "--env", temporalConfigEnv,
			// Loopback only, like the dev server; a real cluster configures an authorizer and mTLS.
			"--allow-no-auth", "start"},
		Env: env, Dir: s.Dir,
	})
	if err != nil {
		return err
	}
	svc.Extra = []Endpoint{{Name: "Temporal server metrics", Addr: "http://" + metrics + "/metrics"}}
	// The first start creates shards and system workflows: slower than the dev server.
	return s.waitReady(ctx, svc, 3*time.Minute, func(ctx context.Context) error {
		return temporalHealth(ctx, s.Tool(TemporalCLI.Binary), addr(s.Ports.Temporal))
	})
}

// temporalServerVars are the variables deployments/temporal/server/postgres.yaml reads: internal
// holds eight free ports (HTTP, history, matching, worker, four membership ports); the metrics
// port is the stack's (Ports.TemporalMetrics), which its Prometheus scrapes.
func (s *Stack) temporalServerVars(internal []int) []string {
	return []string{
		"TOLLBOOTH_POSTGRES_ADDR=" + addr(s.Ports.Postgres),
		"TOLLBOOTH_POSTGRES_USER=" + PostgresRole,
		"TOLLBOOTH_POSTGRES_PASSWORD=" + PostgresPassword,
		"TOLLBOOTH_TEMPORAL_PORT=" + strconv.Itoa(s.Ports.Temporal),
		"TOLLBOOTH_TEMPORAL_HTTP_PORT=" + strconv.Itoa(internal[0]),
		"TOLLBOOTH_TEMPORAL_HISTORY_PORT=" + strconv.Itoa(internal[1]),
		"TOLLBOOTH_TEMPORAL_MATCHING_PORT=" + strconv.Itoa(internal[2]),
		"TOLLBOOTH_TEMPORAL_WORKER_PORT=" + strconv.Itoa(internal[3]),
		fmt.Sprintf("TOLLBOOTH_TEMPORAL_MEMBERSHIP_PORTS=%d,%d,%d,%d", internal[4], internal[5], internal[6], internal[7]),
		"TOLLBOOTH_TEMPORAL_METRICS_ADDR=" + addr(s.Ports.TemporalMetrics),
		"TOLLBOOTH_TEMPORAL_DYNAMIC_CONFIG=" + filepath.Join(s.opts.RepoRoot, temporalDynamicConfig),
	}
}

// temporalUIVars are the variables deployments/temporal/ui/postgres.yaml reads.
func (s *Stack) temporalUIVars() []string {
	return []string{
		"TOLLBOOTH_TEMPORAL_ADDRESS=" + addr(s.Ports.Temporal),
		"TOLLBOOTH_TEMPORAL_UI_PORT=" + strconv.Itoa(s.Ports.TemporalUI),
	}
}

// setUpNamespace creates the default namespace and the search attributes the workflows set, when
// they are missing, the way an operator does on a real cluster (deployments/README.md).
func (s *Stack) setUpNamespace(ctx context.Context) error {
	changed := false
	if err := s.temporalCLI(ctx, "operator", "namespace", "describe", "--namespace", "default"); err != nil {
		if err := s.temporalCLI(ctx, "operator", "namespace", "create", "--namespace", "default",
			"--retention", temporalNamespaceRetention); err != nil {
			return fmt.Errorf("creating the default namespace: %w", err)
		}
		changed = true
	}
	// Creating an attribute that exists is a no-op on SQL visibility, so every start runs it: an
	// attribute added to the workflows later is created on the kept cluster too. Right after the
	// namespace is created the frontend may not know it yet ("Namespace default is not found"):
	// the command is tried again until its namespace cache has caught up.
	for _, sa := range temporalSearchAttributes {
		name, typ, _ := strings.Cut(sa, "=")
		if err := s.retryTemporalCLI(ctx, 15*namespaceCacheRefresh, "operator", "search-attribute", "create", "--namespace", "default",
			"--name", name, "--type", typ); err != nil {
			return fmt.Errorf("creating search attribute %s: %w", name, err)
		}
	}
	if changed || !s.postgresSetUp() {
		// Let every service of the server see the new namespace and attributes before a workflow
		// uses them.
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(2 * namespaceCacheRefresh):
		}
	}
	s.out.Printf("namespace default with search attributes %s", strings.Join(temporalSearchAttributes, ", "))
	return nil
}

// temporalCLI runs a Temporal CLI command against the stack's frontend.
func (s *Stack) temporalCLI(ctx context.Context, args ...string) error {
	args = append(args, "--address", addr(s.Ports.Temporal), "--disable-config-file", "--disable-config-env")
	cmd := exec.CommandContext(ctx, s.Tool(TemporalCLI.Binary), args...)
	cmd.Env = temporalEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("temporal %s: %v: %s", strings.Join(args[:3], " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

// retryTemporalCLI runs a Temporal CLI command until it succeeds or timeout passes, and returns its
// last error.
func (s *Stack) retryTemporalCLI(ctx context.Context, timeout time.Duration, args ...string) error {
	deadline := time.Now().Add(timeout)
	for {
		err := s.temporalCLI(ctx, args...)
		if err == nil || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(namespaceCacheRefresh / 2):
		}
	}
}

// startTemporalUI starts the Web UI server for the stack's frontend.
func (s *Stack) startTemporalUI(ctx context.Context) error {
	ui := "http://" + addr(s.Ports.TemporalUI)
	svc, err := s.launch("Temporal Web UI", "temporal-ui", ui, ProcessSpec{
		Path: s.Tool(TemporalUI.Binary),
		Args: []string{"--root", s.opts.RepoRoot, "--config", temporalUIConfigDir, "--env", temporalConfigEnv, "start"},
		Env:  append(temporalEnv(), s.temporalUIVars()...),
		Dir:  s.Dir,
	})
	if err != nil {
		return err
	}
	return s.waitReady(ctx, svc, 60*time.Second, func(ctx context.Context) error { return webUIAnswers(ctx, ui) })
}
