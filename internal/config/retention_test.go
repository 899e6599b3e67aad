package config

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func clearRetentionEnv(t *testing.T) {
	clearEnv(t)
	for _, name := range []string{EnvPhotoRetentionDays, EnvRawRetention, EnvRetentionEvery, EnvRetentionDeletePhotos} {
		t.Setenv(name, "")
	}
}

// Locally the retention job deletes photos (the emulator has no lifecycle rules); in the cloud the
// bucket's rule does, so the job leaves them alone unless told.
func TestRetentionDefaults(t *testing.T) {
	clearRetentionEnv(t)
	c, err := Load()
	require.NoError(t, err)
	require.Equal(t, Retention{PhotoDays: 30, RawAfter: 30 * 24 * time.Hour, Every: time.Hour, DeletePhotos: true}, c.Retention)

	t.Setenv(EnvProject, "acme-tolls")
	c, err = Load()
	require.NoError(t, err)
	require.False(t, c.Retention.DeletePhotos)
}

func TestRetentionSettingsAndTheirErrors(t *testing.T) {
	clearRetentionEnv(t)
	t.Setenv(EnvPhotoRetentionDays, "0")
	t.Setenv(EnvRawRetention, "2s")
	t.Setenv(EnvRetentionDeletePhotos, "false")
	c, err := Load()
	require.NoError(t, err)
	require.Equal(t, 0, c.Retention.PhotoDays)
	require.Equal(t, 2*time.Second, c.Retention.RawAfter)
	require.False(t, c.Retention.DeletePhotos)

	for name, bad := range map[string]string{EnvPhotoRetentionDays: "-1", EnvRawRetention: "0s", EnvRetentionDeletePhotos: "sometimes"} {
		clearRetentionEnv(t)
		t.Setenv(name, bad)
		_, err := Load()
		require.ErrorContains(t, err, name)
	}
}
