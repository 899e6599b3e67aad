package devstack

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// The pids file (DIR/pids) lists the process groups a devstack started, so that when devstack itself
// is killed (kill -9, a crashed terminal) the next start can say exactly what is left over and how
// to stop it, instead of only "port 7233 is in use". It is removed when the stack stops.

// PidEntry is one process group of a pids file.
type PidEntry struct {
	Pgid int
	Name string // "Firestore emulator", "worker"
}

func (s *Stack) pidsPath() string { return filepath.Join(s.Dir, "pids") }

// RecordProcess adds a process started beside the stack (the demo's worker and trigger) to the
// pids file. Stopping it stays the caller's job.
func (s *Stack) RecordProcess(p *Process) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.extraPids = append(s.extraPids, PidEntry{p.Pid(), p.Name})
	s.writePidsLocked()
}

// writePidsLocked rewrites DIR/pids; s.mu must be held. Errors are ignored: the file only improves
// a later error message.
func (s *Stack) writePidsLocked() {
	var b strings.Builder
	fmt.Fprintf(&b, "devstack %d\n", os.Getpid())
	for _, svc := range s.services {
		fmt.Fprintf(&b, "%d %s\n", svc.proc.Pid(), svc.Name)
	}
	for _, e := range s.extraPids {
		fmt.Fprintf(&b, "%d %s\n", e.Pgid, e.Name)
	}
	_ = os.WriteFile(s.pidsPath(), []byte(b.String()), 0o644)
}

func (s *Stack) removePids() { _ = os.Remove(s.pidsPath()) }

// leftoverHint explains process groups that a devstack which is no longer running left in dir,
// or returns "" if there are none.
func leftoverHint(dir string) string {
	owner, entries := ReadPidsFile(filepath.Join(dir, "pids"))
	if owner == 0 || syscall.Kill(owner, 0) == nil { // no file, or its devstack still runs
		return ""
	}
	var alive []string
	var names []string
	for _, e := range entries {
		if groupAlive(e.Pgid) {
			alive = append(alive, "-"+strconv.Itoa(e.Pgid))
			names = append(names, e.Name)
		}
	}
	if len(alive) == 0 {
		return ""
	}
	return fmt.Sprintf("a devstack that ended without stopping its servers (pid %d) left %s running; stop them with: kill -- %s",
		owner, strings.Join(names, ", "), strings.Join(alive, " "))
}

// ReadPidsFile parses a stack's pids file (DIR/pids): the devstack that owns it (0 if there is no
// file) and the process groups it started. The spike bench accounts CPU to them.
func ReadPidsFile(path string) (owner int, entries []PidEntry) {
	f, err := os.Open(path)
	if err != nil {
		return 0, nil
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		first, rest, _ := strings.Cut(sc.Text(), " ")
		if first == "devstack" {
			owner, _ = strconv.Atoi(strings.TrimSpace(rest))
			continue
		}
		if pgid, err := strconv.Atoi(first); err == nil && pgid > 1 {
			entries = append(entries, PidEntry{pgid, rest})
		}
	}
	return owner, entries
}
