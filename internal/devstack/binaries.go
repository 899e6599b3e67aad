package devstack

import (
	"context"
	"debug/buildinfo"
	"fmt"
	"os"
	"os/exec"
	pathpkg "path"
	"path/filepath"
	"syscall"
	"time"
)

// Tool is a server binary built from the Go module proxy with `go install` and cached per machine.
type Tool struct {
	Name     string // for messages
	Package  string // main package to install
	Module   string // module that holds it, as recorded in the binary's build info
	Version  string
	Binary   string // file name in the tools folder
	Duration string // how long a cold build takes, for the progress message
}

// The servers built from source. The Temporal CLI is not downloaded as a release binary: machines
// here reach only the module proxy, and newer CLI tags do not `go install` (DESIGN.md).
var (
	TemporalCLI = Tool{Name: "Temporal CLI", Package: "github.com/temporalio/cli/cmd/temporal",
		Module: "github.com/temporalio/cli", Version: "v1.5.1", Binary: "temporal", Duration: "4–9 minutes"}
	FakeGCSServer = Tool{Name: "fake-gcs-server", Package: "github.com/fsouza/fake-gcs-server",
		Module: "github.com/fsouza/fake-gcs-server", Version: "v1.56.1", Binary: "fake-gcs-server", Duration: "about a minute"}
)

// Mailpit is the local SMTP server for alerts, with a web UI and an API to read what was sent.
var Mailpit = Tool{Name: "mailpit", Package: "github.com/axllent/mailpit", Module: "github.com/axllent/mailpit",
	Version: "v1.33.1", Binary: "mailpit", Duration: "about two minutes"}

// The production-shaped Temporal of `--temporal postgres` (postgres.go, temporalserver.go): the server
// itself and its schema tool from the same tag, and the Web UI. v1.29.1 is the newest server tag that
// installs here: v1.31.5 needs a module the proxy refuses, v1.32.2 a newer Go toolchain.
var (
	TemporalServer = Tool{Name: "Temporal server", Package: "go.temporal.io/server/cmd/server",
		Module: "go.temporal.io/server", Version: "v1.29.1", Binary: "temporal-server", Duration: "about 6 minutes"}
	TemporalSQLTool = Tool{Name: "temporal-sql-tool", Package: "go.temporal.io/server/cmd/tools/sql",
		Module: "go.temporal.io/server", Version: "v1.29.1", Binary: "temporal-sql-tool", Duration: "about a minute"}
	// The CLI serves its Web UI only inside `temporal server start-dev`, which starts a dev server
	// with it: it has no command that serves the UI alone. The UI it embeds is this module at the
	// version the CLI v1.5.1 requires (its go.mod), whose own command serves the UI for any frontend.
	TemporalUI = Tool{Name: "Temporal Web UI server", Package: "github.com/temporalio/ui-server/v2/cmd/server",
		Module: "github.com/temporalio/ui-server/v2", Version: "v2.42.1", Binary: "temporal-ui-server", Duration: "about a minute"}
)

// Tools are all binaries `devstack tools` (make tools, CI) builds.
var Tools = []Tool{TemporalCLI, FakeGCSServer, Mailpit, TemporalServer, TemporalSQLTool, TemporalUI}

// ToolsFor are the binaries a stack with this Temporal needs: a fresh machine running `make demo`
// does not wait for the Temporal server build it does not use. The CLI is in both: devstack uses
// it for health checks and, in postgres mode, to create the namespace and search attributes.
func ToolsFor(temporal TemporalMode) []Tool {
	if temporal == TemporalPostgres {
		return []Tool{TemporalCLI, FakeGCSServer, Mailpit, TemporalServer, TemporalSQLTool, TemporalUI}
	}
	return []Tool{TemporalCLI, FakeGCSServer, Mailpit}
}

// ToolsDir is where built tools are cached: $TOLLBOOTH_TOOLS_DIR, else the user cache folder
// (~/.cache/tollbooth/bin), which outlives clones of the repository.
func ToolsDir() (string, error) {
	if dir := os.Getenv(EnvToolsDir); dir != "" {
		return filepath.Abs(dir)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache folder for the Temporal CLI (%v): set %s", err, EnvToolsDir)
	}
	return filepath.Join(cache, "tollbooth", "bin"), nil
}

// InstalledVersion returns the module version recorded in the binary at path, or "" if there is no
// such binary or it was built from another module.
func (t Tool) InstalledVersion(path string) string {
	info, err := buildinfo.ReadFile(path)
	if err != nil || info.Main.Path != t.Module {
		return ""
	}
	return info.Main.Version
}

// EnsureTool returns the path of t in dir, building it first when it is missing or another version.
// A file lock keeps two devstacks (a demo and a test run) from building the same tool at once.
func EnsureTool(ctx context.Context, dir string, t Tool, out *Progress) (string, error) {
	path := filepath.Join(dir, t.Binary)
	if t.InstalledVersion(path) == t.Version {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	unlock, err := lockFile(filepath.Join(dir, ".install.lock"), func() {
		out.Printf("waiting for another devstack that is building tools in %s...", dir)
	})
	if err != nil {
		return "", err
	}
	defer unlock()
	if t.InstalledVersion(path) == t.Version { // the other devstack built it meanwhile
		return path, nil
	}
	if v := t.InstalledVersion(path); v != "" {
		out.Printf("%s in %s is %s, want %s", t.Name, dir, v, t.Version)
	}

	// go install names the binary after the package's last element ("server", "sql"): it goes to a
	// folder of its own first and is renamed to t.Binary, so two tools never overwrite each other.
	gobin, err := os.MkdirTemp(dir, ".install-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(gobin)
	logPath := filepath.Join(dir, t.Binary+".build.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return "", err
	}
	defer logFile.Close()
	out.Printf("building %s %s (once per machine, %s; log: %s)...", t.Name, t.Version, t.Duration, logPath)
	start := time.Now()
	cmd := exec.CommandContext(ctx, "go", "install", t.Package+"@"+t.Version)
	cmd.Env = append(os.Environ(), "GOBIN="+gobin)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("running go install: %w (is Go on PATH?)", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	tick := time.NewTicker(30 * time.Second)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			if err != nil {
				return "", NewServiceError("building "+t.Name, logPath,
					fmt.Errorf("go install %s@%s: %w", t.Package, t.Version, err))
			}
			if err := os.Rename(filepath.Join(gobin, pathpkg.Base(t.Package)), path); err != nil {
				return "", fmt.Errorf("go install %s@%s: %w", t.Package, t.Version, err)
			}
			out.Printf("built %s %s in %s", t.Name, t.Version, round(time.Since(start)))
			return path, nil
		case <-tick.C:
			out.Printf("  still building %s (%s so far)...", t.Name, round(time.Since(start)))
		}
	}
}

// EnsureTools builds every missing tool of tools and returns their paths by binary name.
func EnsureTools(ctx context.Context, dir string, tools []Tool, out *Progress) (map[string]string, error) {
	paths := map[string]string{}
	for _, t := range tools {
		p, err := EnsureTool(ctx, dir, t, out)
		if err != nil {
			return nil, err
		}
		paths[t.Binary] = p
	}
	return paths, nil
}

// lockFile takes an exclusive flock on path, calling waiting once if another process holds it.
func lockFile(path string, waiting func()) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		waiting()
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
