package app

import (
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/gcp"
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

// A second recognizer gets a worker of its own, on its own queue with its own cap; without one
// there is no such worker and ReadPlate says so.
func TestASecondRecognizerHasItsOwnCappedWorker(t *testing.T) {
	so := secondOpinionWorkerOptions(config.Config{VisionRPS: 7, SecondOpinion: config.SecondOpinion{RPS: 3}})
	require.Equal(t, 3.0, so.TaskQueueActivitiesPerSecond, "its own cap, not Vision's")
	require.Positive(t, so.MaxConcurrentActivityExecutionSize)

	c, err := client.NewLazyClient(client.Options{HostPort: "127.0.0.1:1"}) // never dialled: no worker starts
	require.NoError(t, err)
	defer c.Close()
	cfg := config.Config{VisionRPS: 7, SecondOpinion: config.SecondOpinion{Endpoint: "second:8913", RPS: 3}}
	require.Nil(t, newWorkers(c, cfg, &Cloud{}, Stores{}).SecondOpinion, "not opened: no worker")
	require.NotNil(t, newWorkers(c, cfg, &Cloud{SecondOpinion: &gcp.Vision{}}, Stores{}).SecondOpinion)
}
