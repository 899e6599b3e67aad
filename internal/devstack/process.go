package devstack

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// StopGrace is how long a process group gets between SIGTERM and SIGKILL.
const StopGrace = 10 * time.Second

// ProcessSpec describes one long-running child process.
type ProcessSpec struct {
	Name    string   // shown in messages, e.g. "Firestore emulator"
	Path    string   // executable
	Args    []string // arguments after the executable
	Env     []string // complete environment; nil inherits this process's
	Dir     string   // working directory; "" is the current one
	LogPath string   // stdout and stderr go here (truncated at start, unless AppendLog)
	// AppendLog keeps what the log holds: a server started again after a crash.
	AppendLog bool
	// RunAs, if set, runs the process as another user (PostgreSQL refuses to run as root).
	RunAs *syscall.Credential
}

// Process is a child started in its own process group. The group matters: gcloud is a Python
// script that starts the emulator as a child Java process, and signalling only gcloud's pid would
// leave Java holding the port.
type Process struct {
	Name    string
	LogPath string

	cmd     *exec.Cmd
	done    chan struct{}
	waitErr error
}

// StartProcess starts spec with its own process group and no stdin.
func StartProcess(spec ProcessSpec) (*Process, error) {
	if err := os.MkdirAll(filepath.Dir(spec.LogPath), 0o755); err != nil {
		return nil, err
	}
	mode := os.O_TRUNC
	if spec.AppendLog {
		mode = os.O_APPEND
	}
	logFile, err := os.OpenFile(spec.LogPath, os.O_CREATE|os.O_WRONLY|mode, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening log for %s: %w", spec.Name, err)
	}
	cmd := exec.Command(spec.Path, spec.Args...)
	cmd.Env = spec.Env
	cmd.Dir = spec.Dir
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	// Setpgid: the child leads a new group, so Ctrl-C in the terminal reaches only devstack, which
	// then stops the servers in order, and Stop can signal the whole group.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Credential: spec.RunAs}
	fmt.Fprintf(logFile, "# devstack started %s at %s\n# %s\n", spec.Name, time.Now().Format(time.RFC3339), commandLine(spec.Path, spec.Args))
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("starting %s (%s): %w", spec.Name, spec.Path, err)
	}
	p := &Process{Name: spec.Name, LogPath: spec.LogPath, cmd: cmd, done: make(chan struct{})}
	go func() {
		p.waitErr = cmd.Wait()
		logFile.Close()
		close(p.done)
	}()
	return p, nil
}

// Pid is the child's pid, which is also its process group id.
func (p *Process) Pid() int { return p.cmd.Process.Pid }

// Done is closed when the child itself has exited (its group may still have members).
func (p *Process) Done() <-chan struct{} { return p.done }

// ExitError describes how the child exited; call it after Done is closed.
func (p *Process) ExitError() error {
	if p.waitErr == nil {
		return errors.New("exited with status 0")
	}
	return p.waitErr
}

// Stop sends SIGTERM to the process group, waits up to grace for every member to exit, then sends
// SIGKILL. It reports whether SIGKILL was needed. Stop is safe to call after the child has exited:
// members of its group (the emulator's Java process) may still be running.
func (p *Process) Stop(grace time.Duration) (killed bool) {
	return StopGroup(p.Pid(), p.done, grace)
}

// StopGroup stops process group pgid whose leader's exit closes leaderDone (nil if the caller
// already waited for it): SIGTERM, then SIGKILL to whatever is left after grace. It reports
// whether SIGKILL was needed.
func StopGroup(pgid int, leaderDone <-chan struct{}, grace time.Duration) (killed bool) {
	if leaderDone == nil {
		closed := make(chan struct{})
		close(closed)
		leaderDone = closed
	}
	if !groupAlive(pgid) && isClosed(leaderDone) {
		return false
	}
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	if waitGroup(pgid, leaderDone, grace) {
		return false
	}
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
	waitGroup(pgid, leaderDone, 5*time.Second)
	return true
}

func isClosed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// waitGroup waits until the leader has exited and no live member of group pgid remains.
func waitGroup(pgid int, leaderDone <-chan struct{}, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for {
		if isClosed(leaderDone) && !groupAlive(pgid) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// groupAlive reports whether a process other than a zombie is in group pgid. It reads /proc
// because kill(-pgid, 0) also succeeds for zombies, and an orphaned Java child that exited may stay
// a zombie when nothing reaps it (as in containers whose init does not).
func groupAlive(pgid int) bool {
	pids, err := groupMembers(pgid)
	if err != nil {
		return syscall.Kill(-pgid, 0) == nil
	}
	return len(pids) > 0
}

// groupMembers lists the /proc folders of the live (not zombie) processes of group pgid; an error
// means /proc cannot be read.
func groupMembers(pgid int) ([]string, error) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		dir := filepath.Join("/proc", e.Name())
		if state, group, ok := readStat(filepath.Join(dir, "stat")); ok && group == pgid && live(state) {
			out = append(out, dir)
		}
	}
	return out, nil
}

// readStat reads a /proc stat file (a process's or a thread's).
func readStat(path string) (state string, pgrp int, ok bool) {
	stat, err := os.ReadFile(path)
	if err != nil {
		return "", 0, false
	}
	return parseStat(string(stat))
}

// live says whether a /proc state is not a zombie or dead task's.
func live(state string) bool { return state != "Z" && state != "X" }

// parseStat extracts the state and process group from /proc/PID/stat. The command name in
// parentheses may contain spaces, so fields are counted after the last ')'.
func parseStat(stat string) (state string, pgrp int, ok bool) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return "", 0, false
	}
	fields := strings.Fields(stat[i+1:])
	if len(fields) < 3 { // state ppid pgrp ...
		return "", 0, false
	}
	pgrp, err := strconv.Atoi(fields[2])
	if err != nil {
		return "", 0, false
	}
	return fields[0], pgrp, true
}

// commandLine renders a command for logs and messages.
func commandLine(path string, args []string) string {
	parts := []string{shellQuote(path)}
	for _, a := range args {
		parts = append(parts, shellQuote(a))
	}
	return strings.Join(parts, " ")
}
