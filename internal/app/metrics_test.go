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

	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := lis.Addr().String()
	require.NoError(t, lis.Close())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	require.NoError(t, m.Serve(ctx, addr, slog.New(slog.NewTextHandler(io.Discard, nil))))

	require.Eventually(t, func() bool {
		resp, err := http.Get("http://" + addr + "/metrics")
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode == http.StatusOK &&
			strings.Contains(string(body), `tollbooth_temporal_activity_execution_failed_total{task_queue="tollbooth-vision"} 2`)
	}, 5*time.Second, 100*time.Millisecond)
}
