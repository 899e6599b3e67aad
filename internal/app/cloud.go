package app

import (
	"context"
	"errors"
	"fmt"
	"os"

	"cloud.google.com/go/firestore"
	"cloud.google.com/go/pubsub/v2"
	"cloud.google.com/go/storage"

	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/gcp"
)

// Cloud holds the Google Cloud clients a program uses; open only what you need.
type Cloud struct {
	Storage   *storage.Client
	Firestore *firestore.Client
	PubSub    *pubsub.Client
	Vision    *gcp.Vision
	// SecondOpinion is the second recognizer (TOLLBOOTH_SECOND_OPINION_ENDPOINT); nil when none is
	// configured.
	SecondOpinion *gcp.Vision
}

// Which clients to open.
const (
	NeedStorage = 1 << iota
	NeedFirestore
	NeedPubSub
	NeedVision
	NeedSecondOpinion // opened only when one is configured
)

// OpenCloud opens the clients named in need and checks, within ReachTimeout, that their servers
// answer (an *Unreachable names the one that does not). The Google clients find their emulators through the
// *_EMULATOR_HOST variables; config may have defaulted those to the local stack, so they are exported
// to this process's environment first.
func OpenCloud(ctx context.Context, cfg config.Config, need int) (*Cloud, error) {
	for name, v := range map[string]string{
		config.EnvFirestoreEmulator: cfg.FirestoreEmulator,
		config.EnvPubSubEmulator:    cfg.PubSubEmulator,
		config.EnvStorageEmulator:   cfg.StorageEmulator,
	} {
		if v != "" {
			if err := os.Setenv(name, v); err != nil {
				return nil, err
			}
		}
	}
	c := &Cloud{}
	var err error
	if need&NeedStorage != 0 {
		if c.Storage, err = storage.NewClient(ctx); err != nil {
			return nil, errors.Join(fmt.Errorf("open Cloud Storage: %w", err), c.Close())
		}
	}
	if need&NeedFirestore != 0 {
		if c.Firestore, err = firestore.NewClient(ctx, cfg.Project); err != nil {
			return nil, errors.Join(fmt.Errorf("open Firestore (project %s): %w", cfg.Project, err), c.Close())
		}
	}
	if need&NeedPubSub != 0 {
		if c.PubSub, err = pubsub.NewClient(ctx, cfg.Project); err != nil {
			return nil, errors.Join(fmt.Errorf("open Pub/Sub (project %s): %w", cfg.Project, err), c.Close())
		}
	}
	if need&NeedVision != 0 {
		if c.Vision, err = gcp.NewVision(ctx, cfg.VisionEndpoint); err != nil {
			return nil, errors.Join(err, c.Close())
		}
	}
	if so := cfg.SecondOpinion; need&NeedSecondOpinion != 0 && so.Enabled() {
		open := gcp.NewVision
		if so.Insecure {
			open = gcp.NewPlaintextVision
		}
		if c.SecondOpinion, err = open(ctx, so.Endpoint); err != nil {
			return nil, errors.Join(fmt.Errorf("open the second recognizer (%s): %w", config.EnvSecondOpinionEndpoint, err), c.Close())
		}
	}
	// Fail fast and say why (reach.go): the clients open lazily, and the Google ones retry an
	// unreachable server without end.
	if err := CheckServers(ctx, c.servers(cfg)...); err != nil {
		return nil, errors.Join(err, c.Close())
	}
	return c, nil
}

// Close closes whatever was opened.
func (c *Cloud) Close() error {
	var errs []error
	if c.Storage != nil {
		errs = append(errs, c.Storage.Close())
	}
	if c.Firestore != nil {
		errs = append(errs, c.Firestore.Close())
	}
	if c.PubSub != nil {
		errs = append(errs, c.PubSub.Close())
	}
	if c.Vision != nil {
		errs = append(errs, c.Vision.Close())
	}
	if c.SecondOpinion != nil {
		errs = append(errs, c.SecondOpinion.Close())
	}
	return errors.Join(errs...)
}
