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

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/internal/ingest"
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
	reviews := TemporalReviews{Client: c, Queue: q, Records: records}
	bucket := gcp.Bucket{Client: cloud.Storage}
	return &Gateway{
		Reviews: reviews, Photos: bucket,
		Reviewers: creds, PhotoBucket: cfg.PhotoBucket, SecureCookies: cfg.Review.CookieSecure, Log: log,
		API: &API{
			Keys:    gcp.APIKeys{Client: cloud.Firestore},
			Photos:  bucket,
			Starter: ingest.Starter{Temporal: c, AutoAcceptConfidence: cfg.AutoAcceptConfidence, Review: ingest.ReviewPolicy(cfg)},
			Status:  reviews, Records: records, Batches: gcp.Exports{Client: cloud.Firestore},
			Checks:      readinessChecks(cfg, c, cloud),
			PhotoBucket: cfg.PhotoBucket, Booths: cfg.Booths, MaxPhotoBytes: cfg.MaxPhotoBytes, Limits: cfg.API, Log: log,
			OIDC: oidcFromConfig(cfg),
		},
	}, nil
}

func oidcFromConfig(cfg config.Config) *OIDC {
	if cfg.API.OIDCIssuer == "" {
		return nil
	}
	return &OIDC{Issuer: cfg.API.OIDCIssuer, Audience: cfg.API.OIDCAudience, JWKSURL: cfg.API.OIDCJWKSURL,
		Client: &http.Client{Timeout: oidcFetchTimeout}}
}

// readinessChecks ask each dependency a cheap question: Temporal's health check, a read of one
// (absent) Firestore document, the photo bucket's attributes.
func readinessChecks(cfg config.Config, c client.Client, cloud *app.Cloud) []Check {
	return []Check{
		{Name: "temporal", Run: func(ctx context.Context) error {
			_, err := c.CheckHealth(ctx, &client.CheckHealthRequest{})
			return err
		}},
		{Name: "firestore", Run: func(ctx context.Context) error {
			_, err := cloud.Firestore.Collection(apikeys.Collection).Doc("readiness-probe").Get(ctx)
			if status.Code(err) == codes.NotFound {
				return nil
			}
			return err
		}},
		{Name: "storage", Run: func(ctx context.Context) error {
			_, err := cloud.Storage.Bucket(cfg.PhotoBucket).Attrs(ctx)
			return err
		}},
	}
}

// Serve listens on addr and serves h until ctx ends, then shuts down, letting requests finish.
// ready, if not nil, receives the listening address (useful with port 0).
func Serve(ctx context.Context, addr string, h http.Handler, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("gateway: listen on %s (%s): %w", addr, config.EnvGatewayAddr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, WriteTimeout: 2 * time.Minute,
		IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
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
