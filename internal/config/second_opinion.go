package config

import (
	"fmt"
	"os"
	"strconv"
)

// SecondOpinion configures the optional second recognizer: another engine that speaks the Vision
// API (in production the local plate reader, deployments/kubernetes/visionserver.yaml). When it is
// set, the worker auto-accepts only a plate it reads alike too.
type SecondOpinion struct {
	// Endpoint is its gRPC address; empty: no second opinion.
	Endpoint string
	// Insecure speaks to Endpoint without TLS and without credentials, for a server inside the
	// cluster's network (a Kubernetes Service). A loopback endpoint is spoken to that way anyway.
	Insecure bool
	// RPS caps its requests per second for all workers together (its own task queue).
	RPS float64
}

// DefaultSecondOpinionRPS suits the manifest's two single-core replicas of the local plate reader;
// set the cap to what the second recognizer serves.
const DefaultSecondOpinionRPS = 4.0

const (
	EnvSecondOpinionEndpoint = "TOLLBOOTH_SECOND_OPINION_ENDPOINT"
	EnvSecondOpinionInsecure = "TOLLBOOTH_SECOND_OPINION_INSECURE"
	EnvSecondOpinionRPS      = "TOLLBOOTH_SECOND_OPINION_RPS"
)

// Enabled says whether a second recognizer is configured.
func (s SecondOpinion) Enabled() bool { return s.Endpoint != "" }

func (c *Config) loadSecondOpinion() error {
	s := SecondOpinion{Endpoint: os.Getenv(EnvSecondOpinionEndpoint)}
	var err error
	if s.RPS, err = floatEnv(EnvSecondOpinionRPS, DefaultSecondOpinionRPS, 0.01, 10000); err != nil {
		return err
	}
	if v := os.Getenv(EnvSecondOpinionInsecure); v != "" {
		if s.Insecure, err = strconv.ParseBool(v); err != nil {
			return fmt.Errorf("%s=%q: use true or false", EnvSecondOpinionInsecure, v)
		}
	}
	switch {
	case s.Insecure && !s.Enabled():
		return fmt.Errorf("%s=true needs %s: the address of the second recognizer", EnvSecondOpinionInsecure, EnvSecondOpinionEndpoint)
	case s.Enabled() && s.Endpoint == c.VisionEndpoint:
		return fmt.Errorf("%s=%q is also %s: a second opinion must come from another recognizer; point it at another server or unset it",
			EnvSecondOpinionEndpoint, s.Endpoint, EnvVisionEndpoint)
	}
	c.SecondOpinion = s
	return nil
}
