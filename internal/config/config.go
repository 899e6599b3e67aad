package config

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// Config is every setting of tollbooth's programs, read once at start.
type Config struct {
	Temporal Temporal

	Project            string
	Local              bool // true when TOLLBOOTH_GCP_PROJECT is unset: emulator addresses default to the local stack
	FirestoreEmulator  string
	PubSubEmulator     string
	StorageEmulator    string
	VisionEndpoint     string        // empty: Google's endpoint, with the worker's credentials
	SecondOpinion      SecondOpinion // optional second recognizer (second_opinion.go)
	PhotoBucket        string
	ExportBucket       string
	UploadTopic        string
	UploadSubscription string

	VisionRPS            float64 // requests per second for the whole Vision task queue
	AutoAcceptConfidence float64 // at or above this, a well-formed plate is accepted without a person
	MaxPhotoBytes        int64   // larger photos are refused before they reach Vision
	MaxPhotoPixels       int64   // photos declaring more pixels are refused before they are decoded
	DecodeMemoryBytes    int64   // decoded pixels a process holds at once, over all its decodes
	Booths               []string
	Jurisdictions        Jurisdictions // which plate formats each booth may auto-accept (jurisdictions.go)
	MetricsAddr          string        // where the worker serves /metrics
	TriggerMetricsAddr   string        // where the trigger serves /metrics
	Pprof                bool          // serve Go's profiler (/debug/pprof/) beside /metrics
	LogFormat            string        // "text" or "json"

	Alerts  Alerts  // alert delivery (alerts.go)
	Export  Export  // batch export (export.go)
	Monitor Monitor // review backlog and recognition-failure alerts (monitor.go)
	// Retention is how long photos and raw OCR text are kept (retention.go).
	Retention Retention
	// Sweep is the reconciliation sweep of the photo bucket (sweep.go).
	Sweep Sweep
	// secrets holds the secret variables' values, resolved once at start (secrets.go).
	secrets map[string]string

	Review Review // review deadlines and the reviewers' gateway (review.go)
	API    API    // the gateway's /v1 API: limits and the photo-link signing key (api.go)

	Versioning Versioning // the worker's Worker Deployment Version, or none (versioning.go)
}

// Temporal holds the standard Temporal connection variables, so the same binary runs against the
// dev server and Temporal Cloud.
type Temporal struct {
	Address   string
	Namespace string
	APIKey    string
	TLSCert   string
	TLSKey    string
	TLSCA     string
	TLSServer string
	UIBaseURL string // for links in output; the local stack's Web UI by default
}

// Defaults that have no better home.
const (
	DefaultVisionRPS = 10.0
	// DefaultMaxPhotoBytes is below Vision's 20 MB image limit; booth photos are medium resolution.
	DefaultMaxPhotoBytes = 10 << 20
	visionHardLimitBytes = 20 << 20
)

// Load reads the environment. Errors name the variable and what it accepts.
func Load() (Config, error) {
	secrets, err := loadSecrets(secretVariables...)
	if err != nil {
		return Config{}, err
	}
	c := Config{
		secrets: secrets,
		Temporal: Temporal{
			Address:   env(EnvTemporalAddress, fmt.Sprintf("127.0.0.1:%d", LocalTemporalPort)),
			Namespace: env(EnvTemporalNamespace, "default"),
			APIKey:    secrets[EnvTemporalAPIKey],
			TLSCert:   os.Getenv(EnvTemporalTLSCert),
			TLSKey:    os.Getenv(EnvTemporalTLSKey),
			TLSCA:     os.Getenv(EnvTemporalTLSCA),
			TLSServer: os.Getenv(EnvTemporalTLSServer),
			UIBaseURL: env(EnvTemporalUI, fmt.Sprintf("http://127.0.0.1:%d", LocalTemporalUI)),
		},
		Project:            os.Getenv(EnvProject),
		PhotoBucket:        env(EnvPhotoBucket, DefaultPhotoBucket),
		ExportBucket:       env(EnvExportBucket, DefaultExportBucket),
		UploadTopic:        env(EnvUploadTopic, DefaultUploadTopic),
		UploadSubscription: env(EnvUploadSubscription, DefaultUploadSubscriber),
		MetricsAddr:        os.Getenv(EnvMetricsAddr),
		TriggerMetricsAddr: os.Getenv(EnvTriggerMetricsAddr),
		LogFormat:          env(EnvLogFormat, "text"),
	}
	c.Local = c.Project == ""
	if c.Local {
		c.Project = LocalProject
	}
	c.FirestoreEmulator = c.emulator(EnvFirestoreEmulator, LocalFirestorePort)
	c.PubSubEmulator = c.emulator(EnvPubSubEmulator, LocalPubSubPort)
	c.StorageEmulator = c.emulator(EnvStorageEmulator, LocalStoragePort)
	c.VisionEndpoint = c.emulator(EnvVisionEndpoint, LocalVisionPort)

	if c.VisionRPS, err = floatEnv(EnvVisionRPS, DefaultVisionRPS, 0.01, 10000); err != nil {
		return c, err
	}
	if err := c.loadSecondOpinion(); err != nil {
		return c, err
	}
	if c.AutoAcceptConfidence, err = floatEnv(EnvAutoAccept, capture.DefaultAutoAcceptConfidence, 0, 1); err != nil {
		return c, err
	}
	maxBytes, err := floatEnv(EnvMaxPhotoBytes, DefaultMaxPhotoBytes, 1, visionHardLimitBytes)
	if err != nil {
		return c, err
	}
	c.MaxPhotoBytes = int64(maxBytes)
	if err := c.loadDecodeLimits(); err != nil {
		return c, err
	}
	if booths := os.Getenv(EnvBooths); booths != "" {
		for b := range strings.SplitSeq(booths, ",") {
			if b = strings.TrimSpace(b); b != "" {
				c.Booths = append(c.Booths, b)
			}
		}
	} else if c.Local {
		c.Booths = LocalBooths
	}
	if err := c.loadJurisdictions(); err != nil {
		return c, err
	}
	if v := os.Getenv(EnvPprof); v != "" {
		if c.Pprof, err = strconv.ParseBool(v); err != nil {
			return c, fmt.Errorf("%s=%q: use true or false", EnvPprof, v)
		}
		if c.Pprof && c.MetricsAddr == "" {
			return c, fmt.Errorf("%s=true needs %s: the profiler is served beside the metrics", EnvPprof, EnvMetricsAddr)
		}
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return c, fmt.Errorf("%s=%q: use text or json", EnvLogFormat, c.LogFormat)
	}
	if (c.Temporal.TLSCert == "") != (c.Temporal.TLSKey == "") {
		return c, fmt.Errorf("set both %s and %s for mTLS, or neither", EnvTemporalTLSCert, EnvTemporalTLSKey)
	}
	if err := c.loadAlerts(); err != nil {
		return c, err
	}
	if err := c.loadExport(); err != nil {
		return c, err
	}
	if err := c.loadMonitor(); err != nil {
		return c, err
	}
	if err := c.loadRetention(); err != nil {
		return c, err
	}
	if err := c.loadSweep(); err != nil {
		return c, err
	}
	if err := c.loadReview(); err != nil {
		return c, err
	}
	if err := c.loadAPI(); err != nil {
		return c, err
	}
	if err := c.loadVersioning(); err != nil {
		return c, err
	}
	return c, nil
}

// emulator returns the variable's value, or on the local stack the local address.
func (c Config) emulator(name string, localPort int) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	if c.Local {
		return net.JoinHostPort("127.0.0.1", strconv.Itoa(localPort))
	}
	return ""
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func floatEnv(name string, def, lo, hi float64) (float64, error) {
	v := os.Getenv(name)
	if v == "" {
		return def, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < lo || f > hi {
		return 0, fmt.Errorf("%s=%q: want a number from %g to %g", name, v, lo, hi)
	}
	return f, nil
}
