package app

import (
	"context"
	"fmt"
	"log/slog"

	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/gateway"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/internal/photolimit"
	"github.com/tollbooth/tollbooth/internal/reviewers"
)

// NewGateway builds the gateway (review pages and /v1 API) on open clients (Temporal, Storage and
// Firestore), with the reviewers file named by TOLLBOOTH_REVIEWERS_FILE.
func NewGateway(cfg config.Config, c client.Client, cloud *Cloud, log *slog.Logger) (*gateway.Gateway, error) {
	creds, err := reviewers.Load(cfg.Review.ReviewersFile)
	if err != nil {
		return nil, err
	}
	if creds.Len() == 0 {
		return nil, fmt.Errorf("%s lists no reviewer: add one with `starter reviewer add ID`", cfg.Review.ReviewersFile)
	}
	captures := NewCaptureClient(cfg, c, cloud)
	bucket := gcp.Bucket{Client: cloud.Storage}
	decoder := photolimit.New(cfg.MaxPhotoPixels, cfg.DecodeMemoryBytes) // submissions' checks and review crops
	return &gateway.Gateway{
		Captures: captures, Photos: bucket, Decoder: decoder,
		Reviewers: creds, PhotoBucket: cfg.PhotoBucket, SecureCookies: cfg.Review.CookieSecure, Log: log,
		API: &gateway.API{
			Keys:        gcp.APIKeys{Client: cloud.Firestore},
			Photos:      bucket,
			Captures:    captures,
			Submissions: gcp.Submissions{Client: cloud.Firestore},
			Records:     gcp.Captures{Client: cloud.Firestore},
			Audit:       gcp.AuditLog{Client: cloud.Firestore},
			Batches:     gcp.Exports{Client: cloud.Firestore},
			Checks:      readinessChecks(cfg, c, cloud),
			PhotoBucket: cfg.PhotoBucket, Booths: cfg.Booths, MaxPhotoBytes: cfg.MaxPhotoBytes, Decoder: decoder,
			Limits: APILimits(cfg.API), Log: log, OIDC: oidcFromConfig(cfg.API),
		},
	}, nil
}

// APILimits are the API's limits from the configuration.
func APILimits(a config.API) gateway.Limits {
	return gateway.Limits{KeyRate: a.KeyRate, KeyBurst: a.KeyBurst, AddrRate: a.AddrRate, AddrBurst: a.AddrBurst,
		MaxUploads: a.MaxUploads, PhotoURLTTL: a.PhotoURLTTL, PublicURL: a.PublicURL, URLSigningKey: a.URLSigningKey,
		TrustedProxies: a.TrustedProxies}
}

func oidcFromConfig(a config.API) *gateway.OIDC {
	if a.OIDCIssuer == "" {
		return nil
	}
	// No HTTP client: the default one, each fetch bounded by the gateway's own timeout.
	return &gateway.OIDC{Issuer: a.OIDCIssuer, Audience: a.OIDCAudience, JWKSURL: a.OIDCJWKSURL}
}

// readinessChecks ask each dependency a cheap question: Temporal's health check, a read of one
// (absent) Firestore document, the photo bucket's attributes.
func readinessChecks(cfg config.Config, c client.Client, cloud *Cloud) []gateway.Check {
	return []gateway.Check{
		{Name: "temporal", Run: func(ctx context.Context) error {
			_, err := c.CheckHealth(ctx, &client.CheckHealthRequest{})
			return err
		}},
		{Name: "firestore", Run: firestoreProbe(cloud.Firestore)}, // reach.go: the start-up check's questions
		{Name: "storage", Run: func(ctx context.Context) error {
			_, err := cloud.Storage.Bucket(cfg.PhotoBucket).Attrs(ctx)
			return err
		}},
	}
}
