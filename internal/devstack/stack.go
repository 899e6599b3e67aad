package devstack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"text/tabwriter"
	"time"
)

// Options configure Start.
type Options struct {
	// Dir holds the stack's files: logs/NAME.log, bin/ (built binaries), temporal.db, env. The
	// servers' data there is removed at every start (state.go).
	Dir string
	// Ports to listen on: FixedPorts() for the demo, FreePorts() beside it.
	Ports Ports
	// PortHint says what to do when a port is taken, e.g. "is another `make demo` running?".
	PortHint string
	// ToolsDir caches the Temporal CLI, fake-gcs-server, mailpit and the paddle engine's models
	// and runtime; "" means ToolsDir().
	ToolsDir string
	// RepoRoot is the tollbooth module root (for building tools/visionserver); "" finds it from the
	// working directory.
	RepoRoot string
	// VisionEngine is the vision server's -engine: DefaultVisionEngine, "tesseract" or "fixture".
	VisionEngine string
	// VisionFixtures is the vision server's -fixtures path (fixture engine).
	VisionFixtures string
	// Temporal chooses the Temporal server: TemporalDev (default) or TemporalPostgres.
	Temporal TemporalMode
	// SkipVision leaves the vision server out (and its variables), for when it cannot be built.
	SkipVision bool
	// Out receives progress lines; nil prints nothing.
	Out *Progress
}

// Service is one running server of the stack.
type Service struct {
	Name    string        // "Firestore emulator"
	Addr    string        // where clients reach it: host:port or URL
	LogPath string        // absolute
	ReadyIn time.Duration // from process start to answering requests
	Extra   []Endpoint    // more endpoints of the same process (the Temporal Web UI)

	proc    *Process
	started time.Time
	killed  bool // by Kill (faults.go): its exit is not a death to report
}

// Endpoint is an additional address served by a Service.
type Endpoint struct {
	Name string
	Addr string
}

// Stack is a started local stack. Stop it when done.
type Stack struct {
	Dir   string // absolute
	Ports Ports

	opts      Options
	out       *Progress
	tools     map[string]string
	mu        sync.Mutex
	services  []*Service
	extraPids []PidEntry
	stopping  bool
	stopOnce  sync.Once
	died      chan error
	// appendLogs: servers started from now on append to their logs instead of starting them
	// afresh (set by Restart, so a restarted server's log keeps what came before the crash).
	appendLogs bool
}

// Start starts every server of the stack and returns once all of them answer requests, the buckets,
// topic and subscription exist, and an object written to the photo bucket has produced an upload
// notification. On failure it stops what it started and returns an error that includes the end of
// the failing server's log.
func Start(ctx context.Context, opts Options) (*Stack, error) {
	s, err := newStack(opts)
	if err != nil {
		return nil, err
	}
	if err := s.opts.Ports.CheckFree(s.opts.PortHint, false); err != nil {
		if hint := leftoverHint(s.Dir); hint != "" {
			return nil, fmt.Errorf("%w\n%s", err, hint)
		}
		return nil, err
	}
	// Before anything slow: a missing tools/visionserver should fail now, not after 5 minutes.
	if !s.opts.SkipVision {
		if err := s.checkVisionSource(); err != nil {
			return nil, err
		}
	}
	if s.tools, err = EnsureTools(ctx, s.opts.ToolsDir, ToolsFor(s.opts.Temporal), s.out); err != nil {
		return nil, err
	}
	if !s.opts.SkipVision && s.opts.VisionEngine == "paddle" {
		if err := EnsureNpmAssets(ctx, s.opts.ToolsDir, s.out); err != nil {
			return nil, err
		}
	}

	if err := s.forgetState(); err != nil { // state.go: every start is empty
		return nil, err
	}
	start := time.Now()
	// The servers are independent except fake-gcs-server, which publishes to the Pub/Sub emulator,
	// so they start in parallel: the two JVMs dominate and overlap well even on two cores.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	steps := []func(context.Context) error{
		s.startTemporal,
		s.startFirestore,
		func(ctx context.Context) error {
			if err := s.startPubSub(ctx); err != nil {
				return err
			}
			return s.startStorage(ctx)
		},
	}
	if !s.opts.SkipVision {
		steps = append(steps, s.startVision)
	}
	steps = append(steps, s.startMailpit, s.startFTP, s.startPrometheus) // mail.go, ftp.go, prometheus.go
	errs := make([]error, len(steps))
	var wg sync.WaitGroup
	for i, step := range steps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if errs[i] = step(ctx); errs[i] != nil {
				cancel() // no point waiting for the others
			}
		}()
	}
	wg.Wait()
	if err := firstCauses(errs); err != nil {
		s.Stop()
		return nil, err
	}
	s.out.Printf("stack ready in %s", round(time.Since(start)))
	s.watch()
	return s, nil
}

func newStack(opts Options) (*Stack, error) {
	if opts.Dir == "" {
		return nil, errors.New("devstack: Options.Dir is empty")
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	if opts.ToolsDir == "" {
		if opts.ToolsDir, err = ToolsDir(); err != nil {
			return nil, err
		}
	}
	if opts.RepoRoot == "" {
		if opts.RepoRoot, err = FindRepoRoot(); err != nil {
			return nil, err
		}
	}
	if opts.VisionEngine == "" {
		opts.VisionEngine = DefaultVisionEngine
	}
	if opts.Temporal == "" {
		opts.Temporal = TemporalDev
	}
	if opts.Temporal != TemporalPostgres {
		opts.Ports.Postgres = 0 // no PostgreSQL: its port is neither checked nor shown
	} else {
		opts.Ports.TemporalHTTP = 0 // the server's HTTP API is configured apart (temporalserver.go)
	}
	if opts.PortHint == "" {
		opts.PortHint = "stop whatever holds it"
	}
	for _, sub := range []string{"logs", "bin"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return nil, err
		}
	}
	return &Stack{Dir: dir, Ports: opts.Ports, opts: opts, out: opts.Out, died: make(chan error, 8)}, nil
}

// firstCauses joins the errors of failed steps, leaving out the cancellations that the first
// failure caused in the other steps.
func firstCauses(errs []error) error {
	var causes []error
	canceled := false
	for _, err := range errs {
		switch {
		case err == nil:
		case errors.Is(err, context.Canceled):
			canceled = true
		default:
			causes = append(causes, err)
		}
	}
	if len(causes) == 0 && canceled {
		return context.Canceled
	}
	return errors.Join(causes...)
}

// LogPath is where service name logs: DIR/logs/NAME.log.
func (s *Stack) LogPath(name string) string { return filepath.Join(s.Dir, "logs", name+".log") }

// BinDir is where the stack builds binaries (visionserver; the demo's apps).
func (s *Stack) BinDir() string { return filepath.Join(s.Dir, "bin") }

// VisionEngine is the OCR engine the vision server runs, or "" when the stack has no vision server.
func (s *Stack) VisionEngine() string {
	if s.opts.SkipVision {
		return ""
	}
	return s.opts.VisionEngine
}

// RepoRoot is the tollbooth module root the stack builds from.
func (s *Stack) RepoRoot() string { return s.opts.RepoRoot }

// Temporal is the stack's Temporal mode.
func (s *Stack) Temporal() TemporalMode { return s.opts.Temporal }

// Tool returns the path of a cached tool binary ("temporal", "fake-gcs-server").
func (s *Stack) Tool(binary string) string { return s.tools[binary] }

// launch starts a server process and registers it, so Stop stops it even if it never gets ready.
func (s *Stack) launch(name, logName string, addr string, spec ProcessSpec) (*Service, error) {
	spec.Name = name
	spec.LogPath = s.LogPath(logName)
	s.mu.Lock()
	spec.AppendLog = s.appendLogs
	s.mu.Unlock()
	svc := &Service{Name: name, Addr: addr, LogPath: spec.LogPath, started: time.Now()}
	proc, err := StartProcess(spec)
	if err != nil {
		return nil, err
	}
	svc.proc = proc
	s.mu.Lock()
	s.services = append(s.services, svc)
	s.writePidsLocked()
	stopping := s.stopping
	s.mu.Unlock()
	if stopping { // Stop ran while this was starting
		proc.Stop(StopGrace)
		return nil, context.Canceled
	}
	return svc, nil
}

// waitReady polls check until it succeeds. It gives up when the process exits, ctx ends or timeout
// passes, with an error that shows the end of the service's log.
func (s *Stack) waitReady(ctx context.Context, svc *Service, timeout time.Duration, check func(context.Context) error) error {
	s.out.Printf("waiting for %s (%s)...", svc.Name, svc.Addr)
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		cctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		err := check(cctx)
		cancel()
		if err == nil {
			svc.ReadyIn = time.Since(svc.started)
			s.out.Printf("%s ready in %s", svc.Name, round(svc.ReadyIn))
			return nil
		}
		select {
		case <-svc.proc.Done():
			return NewServiceError(svc.Name, svc.LogPath,
				fmt.Errorf("exited before it was ready (%v)", svc.proc.ExitError()))
		case <-ctx.Done():
			return ctx.Err()
		case <-deadline.C:
			return NewServiceError(svc.Name, svc.LogPath,
				fmt.Errorf("not ready on %s after %s (last check: %v)", svc.Addr, timeout, err))
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// watch reports servers that exit on their own while the stack runs.
func (s *Stack) watch() {
	s.mu.Lock()
	services := append([]*Service(nil), s.services...)
	s.mu.Unlock()
	for _, svc := range services {
		s.watchService(svc)
	}
}

// watchService reports the server if it exits while the stack runs, unless it was stopped or
// killed on purpose.
func (s *Stack) watchService(svc *Service) {
	go func() {
		<-svc.proc.Done()
		s.mu.Lock()
		expected := s.stopping || svc.killed
		s.mu.Unlock()
		if !expected {
			select {
			case s.died <- NewServiceError(svc.Name, svc.LogPath, fmt.Errorf("exited unexpectedly (%v)", svc.proc.ExitError())):
			default: // nobody reads Died and the buffer is full: the first reports are the useful ones
			}
		}
	}()
}

// Died delivers an error for each server that exits while the stack is running.
func (s *Stack) Died() <-chan error { return s.died }

// displayOrder is the order Services lists servers in; they start in parallel, so start order
// would change from run to run.
var displayOrder = []string{"PostgreSQL", "Temporal server", "Temporal Web UI", "Firestore emulator", "Pub/Sub emulator", "fake-gcs-server", "vision server", "mailpit", "FTP server", "Prometheus"}

// Services lists the running servers.
func (s *Stack) Services() []*Service {
	s.mu.Lock()
	list := append([]*Service(nil), s.services...)
	s.mu.Unlock()
	rank := func(svc *Service) int {
		if i := slices.Index(displayOrder, svc.Name); i >= 0 {
			return i
		}
		return len(displayOrder)
	}
	slices.SortStableFunc(list, func(a, b *Service) int { return rank(a) - rank(b) })
	return list
}

// Stop stops every server (SIGTERM to its process group, SIGKILL after StopGrace) and waits for
// them. Servers stop in parallel: they do not depend on each other once clients are gone. It is safe
// to call more than once.
func (s *Stack) Stop() {
	s.stopOnce.Do(func() {
		s.mu.Lock()
		s.stopping = true
		services := append([]*Service(nil), s.services...)
		s.mu.Unlock()
		if len(services) == 0 {
			return
		}
		s.out.Printf("stopping %d servers...", len(services))
		start := time.Now()
		var wg sync.WaitGroup
		for _, svc := range services {
			wg.Add(1)
			go func() {
				defer wg.Done()
				t := time.Now()
				if svc.proc.Stop(StopGrace) {
					s.out.Printf("  %s did not stop within %s: killed (SIGKILL)", svc.Name, StopGrace)
				} else {
					s.out.Printf("  stopped %s (%s)", svc.Name, round(time.Since(t)))
				}
			}()
		}
		wg.Wait()
		s.removePids()
		s.out.Printf("all servers stopped in %s", round(time.Since(start)))
	})
}

// PrintTable writes what runs where.
func (s *Stack) PrintTable(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SERVICE\tADDRESS\tPID\tREADY IN\tLOG")
	for _, svc := range s.Services() {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", svc.Name, svc.Addr, svc.proc.Pid(), round(svc.ReadyIn), s.rel(svc.LogPath))
		for _, e := range svc.Extra {
			fmt.Fprintf(tw, "  %s\t%s\t\t\t\n", e.Name, e.Addr)
		}
	}
	tw.Flush()
}

// rel shows path relative to the working directory when that is shorter.
func (s *Stack) rel(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	if r, err := filepath.Rel(wd, path); err == nil && len(r) < len(path) {
		return r
	}
	return path
}
