package config

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/photolimit"
)

// clearEnv unsets every variable Load reads, for the test's duration.
func clearEnv(t *testing.T) {
	for _, name := range []string{EnvTemporalAddress, EnvTemporalNamespace, EnvTemporalAPIKey, EnvTemporalTLSCert,
		EnvTemporalTLSKey, EnvFirestoreEmulator, EnvPubSubEmulator, EnvStorageEmulator, EnvProject, EnvVisionEndpoint,
		EnvVisionRPS, EnvAutoAccept, EnvMaxPhotoBytes, EnvMaxPhotoPixels, EnvDecodeMemoryBytes, EnvBooths, EnvLogFormat,
		EnvSecondOpinionEndpoint, EnvSecondOpinionInsecure, EnvSecondOpinionRPS, EnvDeploymentName, EnvBuildID} {
		t.Setenv(name, "")
	}
}

func TestDefaultsPointAtTheLocalStack(t *testing.T) {
	clearEnv(t)
	c, err := Load()
	require.NoError(t, err)
	require.True(t, c.Local)
	require.Equal(t, LocalProject, c.Project)
	require.Equal(t, "127.0.0.1:7233", c.Temporal.Address)
	require.Equal(t, "127.0.0.1:8910", c.FirestoreEmulator)
	require.Equal(t, "127.0.0.1:8913", c.VisionEndpoint)
	require.Equal(t, LocalBooths, c.Booths)
	require.Equal(t, int64(DefaultMaxPhotoBytes), c.MaxPhotoBytes)
	require.Equal(t, int64(photolimit.DefaultMaxPixels), c.MaxPhotoPixels)
}

// TestDecodeBudgetFollowsTheMemoryLimit: without TOLLBOOTH_DECODE_MEMORY_BYTES the decode budget
// is half the Go memory limit (GOMEMLIMIT), else photolimit's default.
func TestDecodeBudgetFollowsTheMemoryLimit(t *testing.T) {
	clearEnv(t)
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })

	debug.SetMemoryLimit(math.MaxInt64)
	c, err := Load()
	require.NoError(t, err)
	require.Equal(t, int64(photolimit.DefaultMemoryBytes), c.DecodeMemoryBytes)

	debug.SetMemoryLimit(460 << 20)
	c, err = Load()
	require.NoError(t, err)
	require.Equal(t, int64(230<<20), c.DecodeMemoryBytes)

	t.Setenv(EnvDecodeMemoryBytes, "100000000")
	t.Setenv(EnvMaxPhotoPixels, "12000000")
	c, err = Load()
	require.NoError(t, err)
	require.Equal(t, int64(100_000_000), c.DecodeMemoryBytes)
	require.Equal(t, int64(12_000_000), c.MaxPhotoPixels)
}

func TestACloudProjectTurnsTheEmulatorDefaultsOff(t *testing.T) {
	clearEnv(t)
	t.Setenv(EnvProject, "acme-tolls")
	t.Setenv(EnvBooths, "a-1, b-2")
	c, err := Load()
	require.NoError(t, err)
	require.False(t, c.Local)
	require.Empty(t, c.FirestoreEmulator)
	require.Empty(t, c.VisionEndpoint, "Google's endpoint")
	require.Equal(t, []string{"a-1", "b-2"}, c.Booths)
}

func TestBadValuesNameTheVariable(t *testing.T) {
	for name, value := range map[string]string{
		EnvAutoAccept:        "1.5",
		EnvVisionRPS:         "fast",
		EnvMaxPhotoBytes:     "30000000", // over Vision's 20 MB
		EnvLogFormat:         "xml",
		EnvMaxPhotoPixels:    "80000000", // over Vision's 75 megapixels
		EnvDecodeMemoryBytes: "lots",

		EnvSecondOpinionRPS:      "0",
		EnvSecondOpinionInsecure: "sure",
	} {
		clearEnv(t)
		t.Setenv(name, value)
		_, err := Load()
		require.ErrorContains(t, err, name)
	}
	clearEnv(t)
	t.Setenv(EnvTemporalTLSCert, "/tmp/cert.pem")
	_, err := Load()
	require.ErrorContains(t, err, EnvTemporalTLSKey)
}

func TestASecondOpinionIsOffUnlessItsEndpointIsSet(t *testing.T) {
	clearEnv(t)
	c, err := Load()
	require.NoError(t, err)
	require.False(t, c.SecondOpinion.Enabled(), "no second recognizer on the local stack either")
	require.Equal(t, DefaultSecondOpinionRPS, c.SecondOpinion.RPS)

	clearEnv(t)
	t.Setenv(EnvProject, "acme-tolls")
	t.Setenv(EnvSecondOpinionEndpoint, "tollbooth-visionserver:8913")
	t.Setenv(EnvSecondOpinionInsecure, "true")
	t.Setenv(EnvSecondOpinionRPS, "2.5")
	c, err = Load()
	require.NoError(t, err)
	require.Equal(t, SecondOpinion{Endpoint: "tollbooth-visionserver:8913", Insecure: true, RPS: 2.5}, c.SecondOpinion)
	require.True(t, c.SecondOpinion.Enabled())
}

func TestASecondOpinionMustBeAnotherRecognizer(t *testing.T) {
	clearEnv(t)
	t.Setenv(EnvSecondOpinionInsecure, "true")
	_, err := Load()
	require.ErrorContains(t, err, EnvSecondOpinionEndpoint, "plaintext to nowhere is a mistake")

	clearEnv(t)
	t.Setenv(EnvSecondOpinionEndpoint, "127.0.0.1:8913") // the local stack's Vision endpoint
	_, err = Load()
	require.ErrorContains(t, err, EnvVisionEndpoint, "the same server twice is one opinion")
}
