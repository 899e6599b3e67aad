package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/tollbooth/tollbooth/internal/config"
)

// Program is what each long-running tollbooth program starts from.
type Program struct {
	Cfg config.Config
	Log *slog.Logger
}

// Main runs a program: it reads the configuration, makes the logger, gives body a context that ends
// on SIGINT or SIGTERM (so the program stops cleanly), and exits 1 with "name: error" on failure.
func Main(name string, body func(ctx context.Context, p Program) error) {
	if err := runMain(body); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
}

func runMain(body func(ctx context.Context, p Program) error) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return body(ctx, Program{Cfg: cfg, Log: NewLogger(cfg)})
}
