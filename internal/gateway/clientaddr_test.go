package gateway

import (
	"net/http"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestClientAddrBelievesOnlyTrustedProxies(t *testing.T) {
	lb := []netip.Prefix{netip.MustParsePrefix("130.211.0.0/22"), netip.MustParsePrefix("35.191.0.0/16"),
		netip.MustParsePrefix("203.0.113.10/32"), netip.MustParsePrefix("2600:2d00:1:b029::/64")}
	cases := []struct {
		name    string
		trusted []netip.Prefix
		peer    string
		headers map[string][]string
		want    string
	}{
		{"no proxy configured: XFF ignored", nil, "198.51.100.7:5555",
			map[string][]string{"X-Forwarded-For": {"192.0.2.1"}}, "198.51.100.7"},
		{"untrusted peer: XFF ignored", lb, "198.51.100.7:5555",
			map[string][]string{"X-Forwarded-For": {"192.0.2.1"}}, "198.51.100.7"},
		{"trusted peer: the client it appended", lb, "130.211.1.2:443",
			map[string][]string{"X-Forwarded-For": {"192.0.2.1"}}, "192.0.2.1"},
		{"Google's front end: client, forwarding rule, then the peer", lb, "35.191.4.5:443",
			map[string][]string{"X-Forwarded-For": {"192.0.2.1, 203.0.113.10"}}, "192.0.2.1"},
		{"forged entries left of the client are never read", lb, "35.191.4.5:443",
			map[string][]string{"X-Forwarded-For": {"10.0.0.1, 130.211.0.9, 192.0.2.1, 203.0.113.10"}}, "192.0.2.1"},
		{"a chain of trusted proxies is skipped", lb, "35.191.4.5:443",
			map[string][]string{"X-Forwarded-For": {"192.0.2.99, 130.211.0.9"}}, "192.0.2.99"},
		{"several headers are one list, in order", lb, "35.191.4.5:443",
			map[string][]string{"X-Forwarded-For": {"10.9.9.9", "192.0.2.1", "203.0.113.10"}}, "192.0.2.1"},
		{"trusted peer without XFF: the peer", lb, "35.191.4.5:443", nil, "35.191.4.5"},
		{"every hop trusted: the leftmost", lb, "35.191.4.5:443",
			map[string][]string{"X-Forwarded-For": {"130.211.0.1, 203.0.113.10"}}, "130.211.0.1"},
		{"garbage where our proxy writes: the last known address", lb, "35.191.4.5:443",
			map[string][]string{"X-Forwarded-For": {"192.0.2.1, unknown"}}, "35.191.4.5"},
		{"an empty entry: the last known address", lb, "35.191.4.5:443",
			map[string][]string{"X-Forwarded-For": {"192.0.2.1,,203.0.113.10"}}, "203.0.113.10"},
		{"an entry with a port", lb, "35.191.4.5:443",
			map[string][]string{"X-Forwarded-For": {"192.0.2.1:61000"}}, "192.0.2.1"},
		{"IPv6 client and proxy", lb, "[2600:2d00:1:b029::5]:443",
			map[string][]string{"X-Forwarded-For": {"2001:db8::1"}}, "2001:db8::1"},
		{"IPv4-mapped peer", lb, "[::ffff:130.211.1.2]:443",
			map[string][]string{"X-Forwarded-For": {"::ffff:192.0.2.1"}}, "192.0.2.1"},
		{"other forwarding headers are never believed", lb, "130.211.1.2:443",
			map[string][]string{"X-Real-Ip": {"192.0.2.5"}, "Forwarded": {"for=192.0.2.6"}, "True-Client-Ip": {"192.0.2.7"},
				"X-Client-Ip": {"192.0.2.8"}}, "130.211.1.2"},
		{"other forwarding headers from an untrusted peer", nil, "198.51.100.7:5555",
			map[string][]string{"X-Real-Ip": {"192.0.2.5"}, "Forwarded": {"for=192.0.2.6"}}, "198.51.100.7"},
	}
	for _, c := range cases {
		a := &API{Limits: Limits{TrustedProxies: c.trusted}}
		r, err := http.NewRequest("GET", "/v1/exports", nil)
		require.NoError(t, err)
		r.RemoteAddr = c.peer
		for k, vs := range c.headers {
			for _, v := range vs {
				r.Header.Add(k, v)
			}
		}
		require.Equal(t, c.want, a.clientAddr(r), c.name)
	}
}

// Behind a trusted load balancer, two clients get a bucket each; a client that forges
// X-Forwarded-For gains nothing: the balancer appends its real address, and that is what counts.
func TestPerClientLimitsBehindATrustedProxy(t *testing.T) {
	limits := testLimits()
	limits.AddrRate, limits.AddrBurst = 1, 3
	limits.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")} // httptest's peer
	ta := newTestAPI(t, limits)
	call := func(xff ...string) int {
		req, err := http.NewRequest("GET", ta.srv.URL+"/v1/exports", nil)
		require.NoError(t, err)
		for _, v := range xff {
			req.Header.Add("X-Forwarded-For", v)
		}
		req.Header.Set("Authorization", "Bearer tbk_aaaaaaaaaaaa_bogusbogusbogusbogusbogusbogus")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		_ = resp.Body.Close()
		return resp.StatusCode
	}
	for range 3 {
		require.Equal(t, http.StatusUnauthorized, call("192.0.2.1"))
	}
	require.Equal(t, http.StatusTooManyRequests, call("192.0.2.1"))
	require.Equal(t, http.StatusUnauthorized, call("192.0.2.2"), "another client has its own bucket")
	// The first client forges an address in front; the balancer appends its real one.
	require.Equal(t, http.StatusTooManyRequests, call("192.0.2.77, 192.0.2.1"))
	require.Equal(t, http.StatusTooManyRequests, call("192.0.2.78", "192.0.2.1"))
	require.Contains(t, ta.logs.String(), `"remote":"192.0.2.2"`, "the log names the client, not the balancer")
}
