package config

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func clearAPIEnv(t *testing.T) {
	clearEnv(t)
	for _, n := range append([]string{EnvAPIKeyRate, EnvAPIKeyBurst, EnvAPIAddrRate, EnvAPIAddrBurst, EnvAPIMaxUploads,
		EnvAPIPhotoURLTTL, EnvAPIPublicURL, EnvAPIOIDCIssuer, EnvAPIOIDCAudience, EnvAPIOIDCJWKSURL, EnvTrustedProxies}, secretVariables...) {
		t.Setenv(n, "")
		t.Setenv(n+"_FILE", "")
	}
	t.Setenv(EnvSMTPUser, "")
}

func TestAPIDefaultsAndLimits(t *testing.T) {
	clearAPIEnv(t)
	c, err := Load()
	require.NoError(t, err)
	require.Equal(t, DefaultAPIKeyRate, c.API.KeyRate)
	require.Equal(t, DefaultAPIMaxUploads, c.API.MaxUploads)
	require.Empty(t, c.API.URLSigningKey)
	t.Setenv(EnvAPIKeyBurst, "0")
	_, err = Load()
	require.ErrorContains(t, err, EnvAPIKeyBurst)
}

// Secrets come from NAME or the file NAME_FILE, resolved at start; errors never carry the value.
func TestSecretsComeFromTheEnvironmentOrFiles(t *testing.T) {
	clearAPIEnv(t)
	dir := t.TempDir()
	signing := strings.Repeat("s3cret-signing-", 4)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "signing"), []byte(signing+"\n"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "smtp"), []byte("smtp-pass-from-file"), 0o600))
	t.Setenv(EnvAPIURLSigningKey+"_FILE", filepath.Join(dir, "signing"))
	t.Setenv(EnvSMTPPassword+"_FILE", filepath.Join(dir, "smtp"))
	t.Setenv(EnvSMTPUser, "alerts")
	t.Setenv(EnvTemporalAPIKey, "temporal-key-from-env")
	c, err := Load()
	require.NoError(t, err)
	require.Equal(t, signing, c.API.URLSigningKey)
	require.Equal(t, "smtp-pass-from-file", c.Alerts.SMTPPassword)
	require.Equal(t, "temporal-key-from-env", c.Temporal.APIKey)
	require.ElementsMatch(t, []string{signing, "smtp-pass-from-file", "temporal-key-from-env"}, c.Secrets())

	t.Setenv(EnvAPIURLSigningKey, "both-set-"+signing)
	_, err = Load()
	require.ErrorContains(t, err, "not both")
	require.NotContains(t, err.Error(), signing)
	t.Setenv(EnvAPIURLSigningKey, "")
	t.Setenv(EnvAPIURLSigningKey+"_FILE", "")
	t.Setenv(EnvAPIURLSigningKey, "short-secret")
	_, err = Load()
	require.ErrorContains(t, err, "too short")
	require.NotContains(t, err.Error(), "short-secret")
	t.Setenv(EnvAPIURLSigningKey, "")
	t.Setenv(EnvFTPPassword+"_FILE", filepath.Join(dir, "missing"))
	_, err = Load()
	require.ErrorContains(t, err, EnvFTPPassword+"_FILE")
}

// Trusted proxies: none by default (no forwarded header is believed); CIDRs and single addresses;
// anything else is refused at start with the variable's name.
func TestTrustedProxies(t *testing.T) {
	clearAPIEnv(t)
	c, err := Load()
	require.NoError(t, err)
	require.Empty(t, c.API.TrustedProxies)
	t.Setenv(EnvTrustedProxies, " 130.211.0.0/22, 35.191.0.0/16,203.0.113.7 ,2600:2d00:1:b029::/64,10.1.2.3/8")
	c, err = Load()
	require.NoError(t, err)
	require.Equal(t, []netip.Prefix{netip.MustParsePrefix("130.211.0.0/22"), netip.MustParsePrefix("35.191.0.0/16"),
		netip.MustParsePrefix("203.0.113.7/32"), netip.MustParsePrefix("2600:2d00:1:b029::/64"), netip.MustParsePrefix("10.0.0.0/8")},
		c.API.TrustedProxies)
	for _, bad := range []string{"load-balancer", "10.0.0.0/33", "*"} {
		t.Setenv(EnvTrustedProxies, bad)
		_, err = Load()
		require.ErrorContains(t, err, EnvTrustedProxies, bad)
	}
}
