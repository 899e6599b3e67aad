package app

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/config"
)

// The Vision cap stays on the Vision worker (the server enforces it for the whole queue), and both
// workers bound their concurrent activities.
func TestWorkerOptionsCapVisionAndBoundActivities(t *testing.T) {
	v := visionWorkerOptions(config.Config{VisionRPS: 7})
	require.Equal(t, 7.0, v.TaskQueueActivitiesPerSecond)
	require.Positive(t, v.MaxConcurrentActivityExecutionSize)
	c := captureWorkerOptions()
	require.Zero(t, c.TaskQueueActivitiesPerSecond, "only the Vision queue is rate-capped")
	require.Positive(t, c.MaxConcurrentActivityExecutionSize)
	require.Less(t, c.MaxConcurrentActivityExecutionSize, 1000, "below the SDK's default: each slot may hold a decoded photo")
}
