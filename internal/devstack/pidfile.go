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

type pidEntry struct {
	pgid int
	name string
}

func (s *Stack) pidsPath() string { return filepath.Join(s.Dir, "pids") }

// RecordProcess adds a process started beside the stack (the demo's worker and trigger) to the
// pids file. Stopping it stays the caller's job.
func (s *Stack) RecordProcess(p *Process) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.extraPids = append(s.extraPids, pidEntry{p.Pid(), p.Name})
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
		fmt.Fprintf(&b, "%d %s\n", e.pgid, e.name)
	}
	_ = os.WriteFile(s.pidsPath(), []byte(b.String()), 0o644)
}

func (s *Stack) removePids() { _ = os.Remove(s.pidsPath()) }

// leftoverHint explains process groups that a devstack which is no longer running left in dir,
// or returns "" if there are none.
func leftoverHint(dir string) string {
	owner, entries := readPids(filepath.Join(dir, "pids"))
	if owner == 0 || syscall.Kill(owner, 0) == nil { // no file, or its devstack still runs
		return ""
	}
	var alive []string
	var names []string
	for _, e := range entries {
		if groupAlive(e.pgid) {
			alive = append(alive, "-"+strconv.Itoa(e.pgid))
			names = append(names, e.name)
		}
	}
	if len(alive) == 0 {
		return ""
	}
	return fmt.Sprintf("a devstack that ended without stopping its servers (pid %d) left %s running; stop them with: kill -- %s",
		owner, strings.Join(names, ", "), strings.Join(alive, " "))
}

// readPids parses a pids file; owner is 0 if there is none.
func readPids(path string) (owner int, entries []pidEntry) {
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
			entries = append(entries, pidEntry{pgid, rest})
		}
	}
	return owner, entries
}
