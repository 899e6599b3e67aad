package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/tollbooth/tollbooth/internal/devstack"
)

// runExec starts the stack on free ports, runs the command after "--" against it, stops the stack
// and exits with the command's status. Progress goes to stderr, leaving stdout to the command.
func runExec(args []string) int {
	fs := newFlagSet("exec")
	var sf stackFlags
	sf.register(fs, "state folder (default: a fresh .devstack/exec-* folder in the repository root)")
	keep := fs.Bool("keep", false, "keep the state folder (logs) even when the command succeeds")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	command := fs.Args()
	if len(command) == 0 {
		fmt.Fprint(os.Stderr, "devstack exec: no command given; usage: devstack exec [flags] -- CMD [ARGS...]\n")
		return 2
	}
	out := devstack.NewProgress(os.Stderr, "devstack: ")

	// Signals: while the stack starts they cancel the start; once the command runs they are
	// forwarded to it (it runs in its own process group, so the terminal does not signal it too),
	// and the stack stops after the command has exited.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	startDone := make(chan struct{})
	go func() {
		select {
		case <-sigs:
			cancel()
		case <-startDone:
		}
	}()

	dir, temporary, err := execDir(sf.dir)
	if err != nil {
		return fail(err)
	}
	ports, err := devstack.FreePorts()
	if err != nil {
		return fail(err)
	}
	opts, err := sf.options(dir, ports, "it was free a moment ago, so another program took it: run again", out)
	if err != nil {
		return fail(err)
	}
	stack, err := devstack.Start(ctx, opts)
	close(startDone)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			out.Printf("interrupted: stopped everything that had started")
			return 130
		}
		fail(err)
		out.Printf("logs kept in %s", relPath(filepath.Join(dir, "logs")))
		return 1
	}
	if err := devstack.WriteEnvFile(filepath.Join(dir, "env"), stack.Env()); err != nil {
		stack.Stop()
		return fail(err)
	}

	code := runCommand(command, stack, sigs, out)
	stack.Stop()
	if code == 0 && temporary && !*keep {
		os.RemoveAll(dir)
	} else {
		out.Printf("logs kept in %s", relPath(filepath.Join(dir, "logs")))
	}
	return code
}

// execDir returns the state folder for exec: --dir, or a fresh folder under .devstack that is
// removed after a successful run.
func execDir(flagDir string) (dir string, temporary bool, err error) {
	if flagDir != "" {
		return flagDir, false, nil
	}
	base, err := devstack.DefaultDir()
	if err != nil {
		return "", false, err
	}
	if err := os.MkdirAll(base, 0o755); err != nil {
		return "", false, err
	}
	dir, err = os.MkdirTemp(base, "exec-")
	return dir, true, err
}

// runCommand runs command with the stack's environment and returns its exit status (128+signal if
// a signal ended it, as shells report it).
func runCommand(command []string, stack *devstack.Stack, sigs <-chan os.Signal, out *devstack.Progress) int {
	cmd := exec.Command(command[0], command[1:]...)
	cmd.Env = devstack.Environ(os.Environ(), stack.Env())
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	// Own process group: signals reach the command (and e.g. the test binaries `go test` starts)
	// exactly once, through us, and leftovers can be stopped as a group. The command gets no stdin.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out.Printf("running %v", command)
	if err := cmd.Start(); err != nil {
		fail(fmt.Errorf("starting %s: %w", command[0], err))
		return 127
	}
	pgid := cmd.Process.Pid
	done := make(chan struct{})
	var waitErr error
	go func() {
		waitErr = cmd.Wait()
		close(done)
	}()
	for running := true; running; {
		select {
		case sig := <-sigs:
			out.Printf("got %v: passing it on to %s", sig, command[0])
			_ = syscall.Kill(-pgid, sig.(syscall.Signal))
		case err := <-stack.Died():
			// The command will most likely fail on its own; say why.
			fmt.Fprintf(os.Stderr, "devstack: %v\n", err)
		case <-done:
			running = false
		}
	}
	// Background processes the command left behind in its group would outlive the stack.
	if devstack.StopGroup(pgid, nil, devstack.StopGrace) {
		out.Printf("killed processes that %s left running", command[0])
	}
	var exitErr *exec.ExitError
	switch {
	case waitErr == nil:
		return 0
	case errors.As(waitErr, &exitErr):
		if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return exitErr.ExitCode()
	default:
		fail(waitErr)
		return 1
	}
}
