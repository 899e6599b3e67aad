package gateway

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/internal/review"
	"github.com/tollbooth/tollbooth/internal/reviewers"
)

// FromConfig builds the gateway on open clients (Temporal, Storage and Firestore), with the
// reviewers file named by TOLLBOOTH_REVIEWERS_FILE.
func FromConfig(cfg config.Config, c client.Client, cloud *app.Cloud, log *slog.Logger) (*Gateway, error) {
	creds, err := reviewers.Load(cfg.Review.ReviewersFile)
	if err != nil {
		return nil, err
	}
	if creds.Len() == 0 {
		return nil, fmt.Errorf("%s lists no reviewer: add one with `starter reviewer add ID`", cfg.Review.ReviewersFile)
	}
	records := gcp.Captures{Client: cloud.Firestore}
	q := review.NewQueue(c, cfg.Temporal.Namespace, records)
	return &Gateway{
		Reviews: TemporalReviews{Client: c, Queue: q, Records: records}, Photos: gcp.Bucket{Client: cloud.Storage},
		Reviewers: creds, PhotoBucket: cfg.PhotoBucket, SecureCookies: cfg.Review.CookieSecure, Log: log,
	}, nil
}

// Serve listens on addr and serves h until ctx ends, then shuts down, letting requests finish.
// ready, if not nil, receives the listening address (useful with port 0).
func Serve(ctx context.Context, addr string, h http.Handler, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("gateway: listen on %s (%s): %w", addr, config.EnvGatewayAddr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, WriteTimeout: 2 * time.Minute,
		MaxHeaderBytes: 64 << 10}
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
