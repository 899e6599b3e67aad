package main

import (
	"context"
	"io"
	"log/slog"

	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/captureclient"
	"github.com/tollbooth/tollbooth/internal/config"
)

// cli is what a subcommand works with: its output streams and, opened on first use, the
// configuration and clients.
type cli struct {
	stdout, stderr io.Writer
	cfg            *config.Config
	temporal       client.Client
	cloud          *app.Cloud
	cloudNeed      int // the app.Need* flags cloud was opened with
}

func (e *cli) config() (config.Config, error) {
	if e.cfg == nil {
		cfg, err := config.Load()
		if err != nil {
			return cfg, err
		}
		e.cfg = &cfg
	}
	return *e.cfg, nil
}

func (e *cli) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

func (e *cli) temporalClient() (client.Client, error) {
	if e.temporal != nil {
		return e.temporal, nil
	}
	cfg, err := e.config()
	if err != nil {
		return nil, err
	}
	c, err := app.DialTemporal(cfg, e.logger())
	if err != nil {
		return nil, err
	}
	e.temporal = c
	return c, nil
}

// cloudClients returns the Google Cloud clients named in need (app.Need*), opened on first use. A
// later call that needs more reopens them with the union, so no caller gets a nil client.
func (e *cli) cloudClients(ctx context.Context, need int) (*app.Cloud, error) {
	if e.cloud != nil && e.cloudNeed&need == need {
		return e.cloud, nil
	}
	cfg, err := e.config()
	if err != nil {
		return nil, err
	}
	c, err := app.OpenCloud(ctx, cfg, e.cloudNeed|need)
	if err != nil {
		return nil, err
	}
	if e.cloud != nil {
		_ = e.cloud.Close()
	}
	e.cloud, e.cloudNeed = c, e.cloudNeed|need
	return c, nil
}

// captures returns the capture client, on the Temporal client and Firestore.
func (e *cli) captures(ctx context.Context) (*captureclient.Client, error) {
	c, err := e.temporalClient()
	if err != nil {
		return nil, err
	}
	cloud, err := e.cloudClients(ctx, app.NeedFirestore)
	if err != nil {
		return nil, err
	}
	return app.NewCaptureClient(*e.cfg, c, cloud), nil
}

func (e *cli) close() {
	if e.temporal != nil {
		e.temporal.Close()
	}
	if e.cloud != nil {
		_ = e.cloud.Close()
	}
}
