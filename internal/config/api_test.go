package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func clearAPIEnv(t *testing.T) {
	clearEnv(t)
	for _, n := range append([]string{EnvAPIKeyRate, EnvAPIKeyBurst, EnvAPIAddrRate, EnvAPIAddrBurst, EnvAPIMaxUploads,
		EnvAPIPhotoURLTTL, EnvAPIPublicURL, EnvAPIOIDCIssuer, EnvAPIOIDCAudience, EnvAPIOIDCJWKSURL}, secretVariables...) {
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
