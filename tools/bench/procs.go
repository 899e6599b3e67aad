package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// procs are the programs a bench runs beside the stack (worker, trigger, bare workers), each a
// separate process so that its memory and CPU time are its own.
type procs struct {
	dir  string // binaries and logs
	list []*proc
}

// proc is one started program.
type proc struct {
	name    string // "worker-1"
	cmd     *exec.Cmd
	metrics string // host:port of its /metrics, "" if it serves none
	log     string // where its output goes
	done    chan struct{}
}

func newProcs() (*procs, error) {
	dir, err := os.MkdirTemp("", "tollbooth-bench-")
	if err != nil {
		return nil, err
	}
	return &procs{dir: dir}, nil
}

// build compiles the repository's main packages (./worker, ./trigger) into the procs' folder.
func (p *procs) build(ctx context.Context, pkgs ...string) error {
	args := append([]string{"build", "-o", p.dir + string(filepath.Separator)}, pkgs...)
	build := exec.CommandContext(ctx, "go", args...)
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build %s: %w", strings.Join(pkgs, " "), err)
	}
	return nil
}

// bin is the path of a binary built by build.
func (p *procs) bin(name string) string { return filepath.Join(p.dir, name) }

// start runs path with this process's environment plus env, logging to DIR/NAME.log.
func (p *procs) start(name, path string, env []string, args ...string) (*proc, error) {
	cmd := exec.Command(path, args...)
	cmd.Env = append(os.Environ(), env...)
	logPath := filepath.Join(p.dir, name+".log")
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	pr := &proc{name: name, cmd: cmd, log: logPath, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); logf.Close(); close(pr.done) }()
	p.list = append(p.list, pr)
	return pr, nil
}

// named returns the started program called name, or nil.
func (p *procs) named(name string) *proc {
	for _, pr := range p.list {
		if pr.name == name {
			return pr
		}
	}
	return nil
}

// stop interrupts every program (they finish running tasks and exit) and waits for them.
func (p *procs) stop() {
	for _, pr := range p.list {
		pr.stop()
	}
	p.list = nil
}

// stopGrace is how long a program gets to finish its running tasks after SIGINT.
const stopGrace = 30 * time.Second

func (pr *proc) stop() {
	_ = pr.cmd.Process.Signal(os.Interrupt)
	select {
	case <-pr.done:
	case <-time.After(stopGrace):
		_ = pr.cmd.Process.Kill()
		<-pr.done
	}
}

// alive reports whether the program still runs.
func (pr *proc) alive() bool {
	select {
	case <-pr.done:
		return false
	default:
		return true
	}
}

// peakRSSKiB is the program's peak resident set (VmHWM) in KiB, 0 if unknown.
func (pr *proc) peakRSSKiB() int {
	if pr == nil {
		return 0
	}
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pr.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kib, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return kib
		}
	}
	return 0
}
