package app

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"log/slog"
	"os"

	"go.temporal.io/sdk/client"
	tlog "go.temporal.io/sdk/log"

	"github.com/tollbooth/tollbooth/internal/config"
)

// DialTemporal connects to Temporal with the standard environment's settings: an API key or mTLS for
// Temporal Cloud, plain loopback for the dev server. metrics, if given, receives the SDK's metrics.
func DialTemporal(cfg config.Config, logger *slog.Logger, metrics ...client.MetricsHandler) (client.Client, error) {
	opts := client.Options{
		HostPort:  cfg.Temporal.Address,
		Namespace: cfg.Temporal.Namespace,
		Logger:    tlog.NewStructuredLogger(logger),
	}
	if len(metrics) > 0 {
		opts.MetricsHandler = metrics[0]
	}
	tlsConf, err := temporalTLS(cfg.Temporal)
	if err != nil {
		return nil, err
	}
	opts.ConnectionOptions.TLS = tlsConf
	if cfg.Temporal.APIKey != "" {
		opts.Credentials = client.NewAPIKeyStaticCredentials(cfg.Temporal.APIKey)
	}
	// Dial asks the server for its capabilities (within 5 s): a failure without an answer becomes
	// an *Unreachable that names the address, its variable and the likely cause (reach.go).
	c, err := client.Dial(opts)
	if err != nil && unanswered(context.Background(), err) {
		return nil, unreachable(Server{Name: "Temporal server", Addr: cfg.Temporal.Address, Var: config.EnvTemporalAddress}, err)
	}
	if err != nil {
		return nil, fmt.Errorf("connect to Temporal at %s (namespace %s; set %s/%s): %w",
			cfg.Temporal.Address, cfg.Temporal.Namespace, config.EnvTemporalAddress, config.EnvTemporalNamespace, err)
	}
	return c, nil
}

// temporalTLS is nil (plain text) unless an API key or a client certificate asks for TLS.
func temporalTLS(t config.Temporal) (*tls.Config, error) {
	if t.APIKey == "" && t.TLSCert == "" && t.TLSCA == "" {
		return nil, nil
	}
	conf := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: t.TLSServer}
	if t.TLSCert != "" {
		cert, err := tls.LoadX509KeyPair(t.TLSCert, t.TLSKey)
		if err != nil {
			return nil, fmt.Errorf("load Temporal client certificate (%s, %s): %w", config.EnvTemporalTLSCert, config.EnvTemporalTLSKey, err)
		}
		conf.Certificates = []tls.Certificate{cert}
	}
	if t.TLSCA != "" {
		pem, err := os.ReadFile(t.TLSCA)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", config.EnvTemporalTLSCA, err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("%s=%s holds no PEM certificate", config.EnvTemporalTLSCA, t.TLSCA)
		}
		conf.RootCAs = pool
	}
	return conf, nil
}
