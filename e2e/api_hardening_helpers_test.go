//go:build integration

package e2e

import (
	"io"
	"net"
	"net/http"
	"net/netip"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/config"
)

// addrLimited is an API configuration with room for every key and the given per-address limit,
// believing X-Forwarded-For from the trusted proxies.
func addrLimited(rate float64, burst int, trusted ...string) config.API {
	a := config.API{KeyRate: 100, KeyBurst: 100, AddrRate: rate, AddrBurst: burst, MaxUploads: 4, PhotoURLTTL: time.Minute,
		URLSigningKey: apiSigningKey}
	for _, p := range trusted {
		a.TrustedProxies = append(a.TrustedProxies, netip.MustParsePrefix(p))
	}
	return a
}

// callFrom sends a request from the local address from (127.0.0.1, 127.0.0.2, …: every 127/8
// address is the loopback interface's), with extra headers, so one test can be several peers.
func callFrom(t *testing.T, from, method, url, token string, headers map[string]string) apiResult {
	t.Helper()
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 10 * time.Second}
	c := &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext, DisableKeepAlives: true}, Timeout: 30 * time.Second}
	req, err := http.NewRequest(method, url, nil)
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return apiResult{status: resp.StatusCode, header: resp.Header, body: b}
}

// wrongKey has the shape of a key (so it is looked up in Firestore) but is no key.
const wrongKey = "tbk_aaaaaaaaaaaa_wrongwrongwrongwrongwrongwrong"
