package main

import (
	"fmt"
	"syscall"
	"time"

	"github.com/tollbooth/tollbooth/internal/devstack"
)

// program is the worker or the trigger: a real binary run as its own process group, which a fault
// kills with SIGKILL and the suite starts again, appending to the same log.
type program struct {
	name  string
	bin   string
	env   []string
	stack *devstack.Stack
	proc  *devstack.Process
	runs  int
}

// start runs the program; its log is the stack's logs/NAME.log.
func (a *program) start() error {
	p, err := devstack.StartProcess(devstack.ProcessSpec{
		Name: a.name, Path: a.bin, Env: a.env, Dir: a.stack.Dir,
		LogPath: a.stack.LogPath(a.name), AppendLog: a.runs > 0,
	})
	if err != nil {
		return err
	}
	a.proc = p
	a.runs++
	a.stack.RecordProcess(p)
	return nil
}

// kill ends the program with SIGKILL, as a node failure or the OOM killer does: no shutdown, no
// goodbye to the servers, in-flight work abandoned.
func (a *program) kill() error {
	if a.proc == nil {
		return fmt.Errorf("%s is not running", a.name)
	}
	pid := a.proc.Pid()
	if err := syscall.Kill(-pid, syscall.SIGKILL); err != nil {
		return fmt.Errorf("kill %s (pid %d): %w", a.name, pid, err)
	}
	select {
	case <-a.proc.Done():
	case <-time.After(10 * time.Second):
		return fmt.Errorf("%s (pid %d) still runs 10 s after SIGKILL", a.name, pid)
	}
	a.proc = nil
	return nil
}

// restart kills the program and starts it again at once.
func (a *program) restart() error {
	if err := a.kill(); err != nil {
		return err
	}
	return a.start()
}

// alive says whether the program is running; a program that exited by itself is an error the
// suite reports.
func (a *program) alive() error {
	if a.proc == nil {
		return nil // stopped by a fault, on purpose
	}
	select {
	case <-a.proc.Done():
		return devstack.NewServiceError(a.name, a.proc.LogPath, fmt.Errorf("exited by itself (%v)", a.proc.ExitError()))
	default:
		return nil
	}
}

// stop ends the program gracefully (the end of the suite).
func (a *program) stop() {
	if a.proc != nil {
		a.proc.Stop(devstack.StopGrace)
		a.proc = nil
	}
}
