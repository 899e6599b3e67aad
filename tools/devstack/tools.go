package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/tollbooth/tollbooth/internal/devstack"
)

// runTools builds the cached server binaries if needed and prints their versions: `make tools`
// and CI run it so the slow Temporal CLI build happens once, visibly, before any test.
func runTools(args []string) int {
	fs := newFlagSet("tools")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	dir, err := devstack.ToolsDir()
	if err != nil {
		return fail(err)
	}
	out := devstack.NewProgress(os.Stdout, "devstack: ")
	paths, err := devstack.EnsureTools(ctx, dir, devstack.Tools, out)
	if err != nil {
		return fail(err)
	}
	for _, t := range devstack.Tools {
		path := paths[t.Binary]
		fmt.Printf("%-16s %s %s  (%s)\n", t.Name, t.Module, t.InstalledVersion(path), path)
	}
	return 0
}
