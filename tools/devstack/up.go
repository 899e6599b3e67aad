package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/tollbooth/tollbooth/internal/devstack"
)

// fixedPortHint is what to do when a fixed port is taken.
const fixedPortHint = "is another `make demo` or `devstack up` running? Stop it with Ctrl-C, " +
	"or use `devstack exec`, which picks free ports"

// runUp starts the stack on the fixed ports and keeps it running until SIGINT, SIGTERM or SIGHUP.
func runUp(args []string) int {
	fs := newFlagSet("up")
	var sf stackFlags
	sf.register(fs, "state folder: logs, env, temporal.db (default .devstack in the repository root)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	// Signals are caught from here to the end: a second Ctrl-C while the servers stop must not
	// kill devstack and leave them running. SIGHUP (the terminal closed) stops the stack too: the
	// servers run in their own process groups and would not get it.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()

	out := devstack.NewProgress(os.Stdout, "devstack: ")
	stack, code := startFixed(ctx, &sf, out, false)
	if stack == nil {
		return code
	}
	defer stack.Stop()
	printSummary(stack, out)
	out.Printf("press Ctrl-C to stop")
	return waitForStop(ctx, stack, out)
}

// startFixed starts the stack on the fixed ports, writes DIR/env and reports failures. It returns
// a nil stack and an exit status when the stack did not start.
func startFixed(ctx context.Context, sf *stackFlags, out *devstack.Progress, checkWorker bool) (*devstack.Stack, int) {
	dir, err := sf.resolveDir()
	if err != nil {
		return nil, fail(err)
	}
	opts, err := sf.options(dir, devstack.FixedPorts(), fixedPortHint, out)
	if err != nil {
		return nil, fail(err)
	}
	if checkWorker { // the demo starts a worker, which serves metrics on a fixed port too
		if err := opts.Ports.CheckFree(fixedPortHint, true); err != nil {
			return nil, fail(err)
		}
	}
	stack, err := devstack.Start(ctx, opts)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			out.Printf("interrupted: stopped everything that had started")
			return nil, 130
		}
		return nil, fail(err)
	}
	envFile := filepath.Join(stack.Dir, "env")
	if err := devstack.WriteEnvFile(envFile, stack.Env()); err != nil {
		stack.Stop()
		return nil, fail(fmt.Errorf("writing %s: %w", envFile, err))
	}
	return stack, 0
}

// printSummary prints what runs where and how to use it.
func printSummary(stack *devstack.Stack, out *devstack.Progress) {
	w := out.Writer()
	fmt.Fprintln(w)
	stack.PrintTable(w)
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Temporal Web UI:  http://127.0.0.1:%d\n", stack.Ports.TemporalUI)
	fmt.Fprintf(w, "Prometheus:       http://127.0.0.1:%d  (dashboards: /consoles/tollbooth-live.html, /consoles/tollbooth-history.html)\n", stack.Ports.Prometheus)
	if engine := stack.VisionEngine(); engine != "" {
		fmt.Fprintf(w, "vision engine:    %s\n", engine)
	}
	fmt.Fprintf(w, "environment:      . %s   (for the worker, trigger, starter, tests)\n", relPath(filepath.Join(stack.Dir, "env")))
	fmt.Fprintf(w, "logs:             %s\n", relPath(filepath.Join(stack.Dir, "logs")))
	fmt.Fprintf(w, "local state:      %s\n", devstack.StateNote)
	fmt.Fprintln(w)
}

// waitForStop waits for a stop signal or a server that dies, and stops the stack.
func waitForStop(ctx context.Context, stack *devstack.Stack, out *devstack.Progress) int {
	code := 0
	select {
	case <-ctx.Done():
		out.Printf("stop requested")
	case err := <-stack.Died():
		fmt.Fprintf(os.Stderr, "devstack: %v\n", err)
		code = 1
	}
	stack.Stop()
	return code
}

// relPath shows path relative to the working directory when that is shorter.
func relPath(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	if r, err := filepath.Rel(wd, path); err == nil && len(r) < len(path) {
		return r
	}
	return path
}
