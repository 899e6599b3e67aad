package app

import (
	"log/slog"
	"os"

	"github.com/tollbooth/tollbooth/internal/config"
)

// NewLogger returns the process's structured logger: JSON in production (TOLLBOOTH_LOG_FORMAT=json),
// text on a developer's terminal.
func NewLogger(cfg config.Config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}
