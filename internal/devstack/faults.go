package devstack

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"syscall"
	"time"
)

// Fault injection for the fault suite (tools/faults): a server of the stack can be paused and
// resumed, or killed and started again on the same port with the data it had. The stack does not
// report a server it killed on purpose as having died.

// Names of the servers the fault suite acts on (Service.Name), and of the one the benchmarks add
// to the Temporal server's CPU (PostgreSQL, in postgres mode).
const (
	ServiceTemporal  = "Temporal server"
	ServicePostgres  = "PostgreSQL"
	ServiceFirestore = "Firestore emulator"
	ServiceVision    = "vision server"
	ServiceFTP       = "FTP server"
)

// restartable are the servers Restart can start again, with the function that starts each.
func (s *Stack) restartable(name string) (func(context.Context) error, bool) {
	switch name {
	case ServiceTemporal:
		if s.opts.Temporal == TemporalPostgres {
			return s.startTemporalServer, true // the schema and namespace are already there
		}
		return s.startDevServer, true // the same SQLite file: workflows survive the crash
	case ServiceVision:
		return s.startVision, !s.opts.SkipVision
	case ServiceFTP:
		return s.startFTP, true
	}
	return nil, false
}

// service returns the running server of that name.
func (s *Stack) service(name string) (*Service, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, svc := range s.services {
		if svc.Name == name {
			return svc, nil
		}
	}
	return nil, fmt.Errorf("devstack: no server named %q in this stack", name)
}

// Pause stops every process of the server with SIGSTOP: it keeps its connections and its port but
// answers nothing, as a hung server or a long stop-the-world pause does, until Resume. It returns
// once the kernel reports every process of the group stopped.
func (s *Stack) Pause(name string) error {
	svc, err := s.service(name)
	if err != nil {
		return err
	}
	if err := syscall.Kill(-svc.proc.Pid(), syscall.SIGSTOP); err != nil {
		return err
	}
	return waitGroupState(svc.proc.Pid(), true)
}

// Resume continues a paused server (SIGCONT), once the kernel reports it running again.
func (s *Stack) Resume(name string) error {
	svc, err := s.service(name)
	if err != nil {
		return err
	}
	if err := syscall.Kill(-svc.proc.Pid(), syscall.SIGCONT); err != nil {
		return err
	}
	return waitGroupState(svc.proc.Pid(), false)
}

// waitGroupState waits until every thread of every live process of group pgid is stopped (state T
// in /proc/PID/task/TID/stat), or none is: a Go server has many threads, and a stop signal is only
// done when the last of them has stopped.
func waitGroupState(pgid int, stopped bool) error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		procs, err := groupMembers(pgid)
		if err != nil {
			return nil // no /proc: the signal is all we can do
		}
		members, inState := 0, 0
		for _, proc := range procs {
			tasks, _ := filepath.Glob(filepath.Join(proc, "task", "*", "stat"))
			for _, task := range tasks {
				if state, _, ok := readStat(task); ok && live(state) {
					members++
					if (state == "T") == stopped {
						inState++
					}
				}
			}
		}
		if members == inState {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("devstack: %d of %d processes of group %d did not change state (stopped: %v) within 10 s", members-inState, members, pgid, stopped)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Kill ends the server with SIGKILL, as a crash does, and waits until its processes are gone.
// Restart starts it again.
func (s *Stack) Kill(name string) error {
	if _, ok := s.restartable(name); !ok {
		return fmt.Errorf("devstack: %s cannot be started again once killed", name)
	}
	svc, err := s.service(name)
	if err != nil {
		return err
	}
	s.mu.Lock()
	svc.killed = true
	s.mu.Unlock()
	pid := svc.proc.Pid()
	_ = syscall.Kill(-pid, syscall.SIGKILL)
	waitGroup(pid, svc.proc.Done(), StopGrace)
	return nil
}

// Restart starts a killed server again, on the same port and with the same data, appending to its
// log, and waits until it answers.
func (s *Stack) Restart(ctx context.Context, name string) error {
	start, ok := s.restartable(name)
	if !ok {
		return fmt.Errorf("devstack: %s cannot be restarted", name)
	}
	old, err := s.service(name)
	if err != nil {
		return err
	}
	s.mu.Lock()
	if !old.killed {
		s.mu.Unlock()
		return fmt.Errorf("devstack: %s is running; Kill it first", name)
	}
	s.services = slices.DeleteFunc(s.services, func(svc *Service) bool { return svc == old })
	s.appendLogs = true
	s.mu.Unlock()
	if err := start(ctx); err != nil {
		return fmt.Errorf("restart %s: %w", name, err)
	}
	svc, err := s.service(name)
	if err != nil {
		return err
	}
	s.watchService(svc)
	return nil
}
