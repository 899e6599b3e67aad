//go:build integration

package e2e

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/gateway"
)

// TestHealthAnswersDuringAFlood: 300 requests with wrong keys from one address exhaust its limit
// and the API answers 429; meanwhile and afterwards /healthz and /readyz, from that same address,
// answer 200 with every real dependency checked.
func TestHealthAnswersDuringAFlood(t *testing.T) {
	s := startStack(t, false, nil)
	base := s.startAPIGateway(t, addrLimited(1, 20), &lockedBuffer{})
	_, operator := s.issueKey(t, apikeys.ScopeOperator)

	const flood, floodWorkers = 300, 4
	var unauthorized, limited, other atomic.Int64
	var probes []string
	var probeMu sync.Mutex
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range floodWorkers {
		wg.Go(func() {
			for i := w; i < flood; i += floodWorkers {
				switch apiCall(t, http.MethodGet, base+"/v1/exports", wrongKey, nil, "").status {
				case http.StatusUnauthorized:
					unauthorized.Add(1)
				case http.StatusTooManyRequests:
					limited.Add(1)
				default:
					other.Add(1)
				}
			}
		})
	}
	probing := make(chan struct{})
	go func() {
		defer close(probing)
		for {
			select {
			case <-stop:
				return
			default:
			}
			for _, path := range []string{"/healthz", "/readyz"} {
				r := apiCall(t, http.MethodGet, base+path, "", nil, "")
				probeMu.Lock()
				probes = append(probes, path+" "+strconv.Itoa(r.status))
				probeMu.Unlock()
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	wg.Wait()
	close(stop)
	<-probing
	t.Logf("flood: %d × 401, %d × 429; %d probes during it, all 200", unauthorized.Load(), limited.Load(), len(probes))
	require.Zero(t, other.Load())
	require.GreaterOrEqual(t, limited.Load(), int64(flood-20-30), "the address's burst, then a token a second")
	require.NotEmpty(t, probes, "the probes ran during the flood")
	for _, p := range probes {
		require.True(t, strings.HasSuffix(p, " 200"), "a probe during the flood: %s", p)
	}

	// After it: the API still refuses the address, even with a good key; the probes answer.
	require.Equal(t, http.StatusTooManyRequests, apiCall(t, http.MethodGet, base+"/v1/exports", operator, nil, "").status)
	require.Equal(t, http.StatusOK, apiCall(t, http.MethodGet, base+"/healthz", "", nil, "").status)
	ready := apiCall(t, http.MethodGet, base+"/readyz", "", nil, "")
	require.Equal(t, http.StatusOK, ready.status, "%s", ready.body)
	require.Equal(t, map[string]string{"temporal": "ok", "firestore": "ok", "storage": "ok"}, decode[gateway.Health](t, ready).Checks)
}

// TestTrustedProxiesGiveEachClientItsLimit: with 127.0.0.1 as the trusted proxy, two clients named
// in its X-Forwarded-For get a bucket each, and a forged entry in front gains nothing; from
// 127.0.0.2, an untrusted peer, X-Forwarded-For is ignored; X-Real-IP and Forwarded never count.
func TestTrustedProxiesGiveEachClientItsLimit(t *testing.T) {
	s := startStack(t, false, nil)
	logs := &lockedBuffer{}
	base := s.startAPIGateway(t, addrLimited(0.001, 3, "127.0.0.1/32"), logs)
	_, operator := s.issueKey(t, apikeys.ScopeOperator)
	get := func(from string, headers map[string]string) int {
		return callFrom(t, from, http.MethodGet, base+"/v1/exports", wrongKey, headers).status
	}
	xff := func(v string) map[string]string { return map[string]string{"X-Forwarded-For": v} }

	for range 3 {
		require.Equal(t, http.StatusUnauthorized, get("127.0.0.1", xff("198.51.100.1")))
	}
	require.Equal(t, http.StatusTooManyRequests, get("127.0.0.1", xff("198.51.100.1")), "client 1 used its burst")
	require.Equal(t, http.StatusTooManyRequests, get("127.0.0.1", xff("198.51.100.77, 198.51.100.1")), "a forged entry in front is not read")
	require.Equal(t, http.StatusUnauthorized, get("127.0.0.1", xff("198.51.100.2")), "client 2 has its own limit")
	require.Equal(t, http.StatusOK, callFrom(t, "127.0.0.1", http.MethodGet, base+"/v1/exports", operator, xff("198.51.100.3")).status,
		"a good key from a third client is served")

	// An untrusted peer: its X-Forwarded-For is ignored, every request counts against 127.0.0.2.
	for i := range 3 {
		require.Equal(t, http.StatusUnauthorized, get("127.0.0.2", xff(fmt.Sprintf("198.51.100.%d", 10+i))))
	}
	require.Equal(t, http.StatusTooManyRequests, get("127.0.0.2", xff("198.51.100.20")), "a spoofed address escapes nothing")

	// Other forwarding headers, even from the trusted proxy, are never believed.
	for i := range 3 {
		h := map[string]string{"X-Real-IP": fmt.Sprintf("203.0.113.%d", 1+i), "Forwarded": fmt.Sprintf("for=203.0.113.%d", 90+i)}
		require.Equal(t, http.StatusUnauthorized, get("127.0.0.1", h))
	}
	require.Equal(t, http.StatusTooManyRequests, get("127.0.0.1", map[string]string{"X-Real-IP": "203.0.113.50"}),
		"without X-Forwarded-For the client is the proxy itself")

	out := logs.String()
	for _, who := range []string{`"remote":"198.51.100.1"`, `"remote":"198.51.100.2"`, `"remote":"127.0.0.2"`, `"remote":"127.0.0.1"`} {
		require.Contains(t, out, who, "the log names the client")
	}
	require.NotContains(t, out, "198.51.100.77")
	require.NotContains(t, out, "203.0.113.")
	// The probes are outside every limit, from any peer.
	require.Equal(t, http.StatusOK, callFrom(t, "127.0.0.2", http.MethodGet, base+"/healthz", "", nil).status)
}
