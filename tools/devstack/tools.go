package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/tollbooth/tollbooth/internal/devstack"
)

// runTools builds the cached server binaries and fetches the paddle engine's files if needed, and
// prints their versions: `make tools` and CI run it so the slow Temporal CLI build and the
// downloads happen once, visibly, before any test.
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
	if err := devstack.EnsureNpmAssets(ctx, dir, out); err != nil {
		return fail(err)
	}
	for _, t := range devstack.Tools {
		path := paths[t.Binary]
		fmt.Printf("%-26s %s %s  (%s)\n", t.Name, t.Module, t.InstalledVersion(path), path)
	}
	for _, a := range devstack.NpmAssets {
		fmt.Printf("%-26s %s %s  (%s, SHA-256 checked)\n", a.Name, a.Package, a.Version, a.Path(dir))
	}
	return 0
}
