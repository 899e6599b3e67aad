package config

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestReviewSettings(t *testing.T) {
	c, err := Load()
	require.NoError(t, err)
	require.Equal(t, 30*time.Minute, c.Review.ReminderAfter)
	require.Equal(t, 4*time.Hour, c.Review.EscalateAfter)
	require.Equal(t, "127.0.0.1:8080", c.Review.GatewayAddr, "loopback by default")

	t.Setenv(EnvReviewReminderAfter, "10m")
	t.Setenv(EnvReviewEscalateAfter, "1h")
	c, err = Load()
	require.NoError(t, err)
	require.Equal(t, 10*time.Minute, c.Review.ReminderAfter)
	require.Equal(t, time.Hour, c.Review.EscalateAfter)

	t.Setenv(EnvReviewEscalateAfter, "5m")
	_, err = Load()
	require.ErrorContains(t, err, EnvReviewEscalateAfter)

	t.Setenv(EnvReviewEscalateAfter, "soon")
	_, err = Load()
	require.ErrorContains(t, err, "want a duration")
}
