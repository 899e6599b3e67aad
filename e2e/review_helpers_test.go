//go:build integration

package e2e

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/captureclient"
	"github.com/tollbooth/tollbooth/internal/gateway"
	"github.com/tollbooth/tollbooth/internal/reviewers"
	"github.com/tollbooth/tollbooth/signals"
)

// queued lists the whole review queue, page by page (small pages, to exercise the tokens).
func (s *stack) queued(t *testing.T) []captureclient.Item {
	t.Helper()
	var all []captureclient.Item
	token := ""
	for {
		p, err := s.captures.Queue(context.Background(), token, 2)
		require.NoError(t, err)
		all = append(all, p.Items...)
		if p.NextToken == "" {
			return all
		}
		token = p.NextToken
	}
}

// drainQueue decides every capture earlier tests left waiting, so a test sees only its own.
func (s *stack) drainQueue(t *testing.T) {
	t.Helper()
	for _, it := range s.queued(t) {
		_, err := s.captures.Decide(context.Background(), it.CaptureID, signals.ReviewDecision{Unreadable: true, ReviewerID: "e2e-drain"})
		var late *signals.NotWaitingError
		if !errors.As(err, &late) {
			require.NoError(t, err)
		}
	}
	s.waitQueue(t, nil)
}

// waitQueue waits until the queue holds exactly the ids, oldest first (visibility is eventually
// consistent: within seconds).
func (s *stack) waitQueue(t *testing.T, want []string) []captureclient.Item {
	t.Helper()
	return s.waitQueueOf(t, nil, want)
}

// waitQueueOf is waitQueue over the captures in own only (nil: all): a test that uploads its own
// captures judges the queue by them, so a capture another test left in flight, which reaches the
// queue after the drain, does not make it fail.
func (s *stack) waitQueueOf(t *testing.T, own []string, want []string) []captureclient.Item {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		items := s.queued(t)
		if own != nil {
			items = slices.DeleteFunc(items, func(it captureclient.Item) bool { return !slices.Contains(own, it.CaptureID) })
		}
		var got []string
		for _, it := range items {
			got = append(got, it.CaptureID)
		}
		if equalIDs(got, want) {
			return items
		}
		if time.Now().After(deadline) {
			require.Equal(t, want, got, "the review queue")
		}
		time.Sleep(250 * time.Millisecond)
	}
}

func equalIDs(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// startGateway serves the gateway on a free loopback port with the given reviewers (id → password)
// and returns its base URL.
func (s *stack) startGateway(t *testing.T, people map[string]string) string {
	t.Helper()
	cfg := s.cfg
	cfg.Review.ReviewersFile = filepath.Join(t.TempDir(), "reviewers")
	for id, pw := range people {
		require.NoError(t, reviewers.Add(cfg.Review.ReviewersFile, id, pw))
	}
	g, err := app.NewGateway(cfg, s.temporal, s.cloud, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	return serveGateway(t, g)
}

// serveGateway serves g on a free loopback port until the test ends and returns its base URL.
func serveGateway(t *testing.T, g *gateway.Gateway) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- gateway.Serve(ctx, "127.0.0.1:0", g.Handler(), func(a net.Addr) { addr <- a }) }()
	t.Cleanup(func() { cancel(); require.NoError(t, <-done) })
	select {
	case a := <-addr:
		return "http://" + a.String()
	case err := <-done:
		t.Fatalf("gateway: %v", err)
	}
	return ""
}
