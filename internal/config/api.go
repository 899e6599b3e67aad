package config

import (
	"fmt"
	"net/netip"
	"os"
	"strings"
	"time"
)

// API configures the gateway's /v1 JSON API: its limits and the key that signs photo links.
type API struct {
	KeyRate       float64 // requests per second per API key (token bucket)
	KeyBurst      int     // bucket size per API key
	AddrRate      float64 // requests per second per client address, before and after authentication
	AddrBurst     int
	MaxUploads    int           // uploads processed at once; beyond it, 503 with Retry-After
	PhotoURLTTL   time.Duration // how long a signed photo link works
	PublicURL     string        // base of links the API hands out; empty: from the request's Host
	URLSigningKey string        // HMAC key for photo links (secret); empty: a random key per process
	// OIDC bearer tokens (JWT), accepted beside API keys when an issuer is set.
	OIDCIssuer   string // e.g. https://accounts.google.com; its discovery document names the JWKS
	OIDCAudience string // the aud the tokens must carry
	OIDCJWKSURL  string // optional: the JWKS address, if not from discovery
	// TrustedProxies are the proxies (load balancers) whose X-Forwarded-For is believed; empty:
	// none, the client is the connection's peer.
	TrustedProxies []netip.Prefix
}

// API defaults.
const (
	DefaultAPIKeyRate     = 5.0
	DefaultAPIKeyBurst    = 20
	DefaultAPIAddrRate    = 20.0
	DefaultAPIAddrBurst   = 60
	DefaultAPIMaxUploads  = 8
	DefaultAPIPhotoURLTTL = 5 * time.Minute
)

const (
	EnvAPIKeyRate       = "TOLLBOOTH_API_KEY_RATE"
	EnvAPIKeyBurst      = "TOLLBOOTH_API_KEY_BURST"
	EnvAPIAddrRate      = "TOLLBOOTH_API_ADDR_RATE"
	EnvAPIAddrBurst     = "TOLLBOOTH_API_ADDR_BURST"
	EnvAPIMaxUploads    = "TOLLBOOTH_API_MAX_UPLOADS"
	EnvAPIPhotoURLTTL   = "TOLLBOOTH_API_PHOTO_URL_TTL"
	EnvAPIPublicURL     = "TOLLBOOTH_API_PUBLIC_URL"
	EnvAPIURLSigningKey = "TOLLBOOTH_API_URL_SIGNING_KEY" // or TOLLBOOTH_API_URL_SIGNING_KEY_FILE
	EnvAPIOIDCIssuer    = "TOLLBOOTH_API_OIDC_ISSUER"
	EnvAPIOIDCAudience  = "TOLLBOOTH_API_OIDC_AUDIENCE"
	EnvAPIOIDCJWKSURL   = "TOLLBOOTH_API_OIDC_JWKS_URL"
	EnvTrustedProxies   = "TOLLBOOTH_TRUSTED_PROXIES"
)

func (c *Config) loadAPI() error {
	a := API{PublicURL: strings.TrimSuffix(os.Getenv(EnvAPIPublicURL), "/"),
		OIDCIssuer: os.Getenv(EnvAPIOIDCIssuer), OIDCAudience: os.Getenv(EnvAPIOIDCAudience), OIDCJWKSURL: os.Getenv(EnvAPIOIDCJWKSURL)}
	if (a.OIDCIssuer == "") != (a.OIDCAudience == "") {
		return fmt.Errorf("set both %s and %s to accept OIDC tokens, or neither", EnvAPIOIDCIssuer, EnvAPIOIDCAudience)
	}
	var err error
	if a.KeyRate, err = floatEnv(EnvAPIKeyRate, DefaultAPIKeyRate, 0.001, 100000); err != nil {
		return err
	}
	if a.AddrRate, err = floatEnv(EnvAPIAddrRate, DefaultAPIAddrRate, 0.001, 100000); err != nil {
		return err
	}
	if a.KeyBurst, err = intEnv(EnvAPIKeyBurst, DefaultAPIKeyBurst, 1, 100000); err != nil {
		return err
	}
	if a.AddrBurst, err = intEnv(EnvAPIAddrBurst, DefaultAPIAddrBurst, 1, 100000); err != nil {
		return err
	}
	if a.MaxUploads, err = intEnv(EnvAPIMaxUploads, DefaultAPIMaxUploads, 1, 10000); err != nil {
		return err
	}
	if a.PhotoURLTTL, err = durationEnv(EnvAPIPhotoURLTTL, DefaultAPIPhotoURLTTL, 10*time.Second, 24*time.Hour); err != nil {
		return err
	}
	a.URLSigningKey = c.secrets[EnvAPIURLSigningKey]
	if a.URLSigningKey != "" && len(a.URLSigningKey) < 32 {
		return fmt.Errorf("%s is too short: use at least 32 random characters (e.g. `openssl rand -hex 32`)", EnvAPIURLSigningKey)
	}
	if a.TrustedProxies, err = prefixesEnv(EnvTrustedProxies); err != nil {
		return err
	}
	c.API = a
	return nil
}

// prefixesEnv reads a comma-separated list of CIDRs (10.0.0.0/8) or single addresses (a /32 or
// /128).
func prefixesEnv(name string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for f := range strings.SplitSeq(os.Getenv(name), ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			a, aerr := netip.ParseAddr(f)
			if aerr != nil {
				return nil, fmt.Errorf("%s: %q is neither a CIDR like 130.211.0.0/22 nor an IP address", name, f)
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}
