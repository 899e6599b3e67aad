package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/tollbooth/tollbooth/internal/devstack"
)

// runPrereqs installs what `make demo` and `make test` need and is missing: the Debian packages
// (with apt-get when run as root, else it prints the one command to run), then the cached tools,
// models and runtime (runTools). It is the first step of both make targets.
func runPrereqs(args []string) int {
	fs := newFlagSet("prereqs")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	if err := devstack.EnsurePackages(ctx, os.Stdout); err != nil {
		return fail(err)
	}
	return runTools(nil)
}
