package app

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestMetricsAreServedInPrometheusFormat(t *testing.T) {
	m := NewMetrics()
	m.Handler.WithTags(map[string]string{"task_queue": "tollbooth-vision"}).Counter("temporal_activity_execution_failed").Inc(2)
	m.Handler.WithTags(map[string]string{"task_queue": "tollbooth-vision"}).Timer("temporal_activity_schedule_to_start_latency").Record(90 * time.Second)

	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := lis.Addr().String()
	require.NoError(t, lis.Close())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	require.NoError(t, m.Serve(ctx, addr, false, slog.New(slog.NewTextHandler(io.Discard, nil))))

	require.Eventually(t, func() bool {
		resp, err := http.Get("http://" + addr + "/metrics")
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		// Timers are histograms (several workers' buckets add up): 90 s falls in the 120 s bucket.
		return resp.StatusCode == http.StatusOK &&
			strings.Contains(string(body), `tollbooth_temporal_activity_execution_failed_total{task_queue="tollbooth-vision"} 2`) &&
			strings.Contains(string(body), `tollbooth_temporal_activity_schedule_to_start_latency_seconds_bucket{task_queue="tollbooth-vision",le="60"} 0`) &&
			strings.Contains(string(body), `tollbooth_temporal_activity_schedule_to_start_latency_seconds_bucket{task_queue="tollbooth-vision",le="120"} 1`)
	}, 5*time.Second, 100*time.Millisecond)
}
