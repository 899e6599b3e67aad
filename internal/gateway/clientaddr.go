package gateway

import (
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"
)

// clientAddr is who a request comes from, for the per-address limit, the log and the audit log.
//
// It is the connection's peer, unless the peer is a trusted proxy (Limits.TrustedProxies): then
// X-Forwarded-For is read from the right, skipping trusted proxies, and the first address that is
// not one is the client. Each proxy appends the address it was connected from, so that entry was
// written by a proxy we trust; everything to its left came from the client and may be forged, and
// is never read. No other header (X-Real-IP, Forwarded, True-Client-IP) is believed: a client
// could set it, and our proxies are not known to overwrite it. With no trusted proxy configured,
// X-Forwarded-For is ignored too.
func (a *API) clientAddr(r *http.Request) string {
	peer, ok := peerAddr(r.RemoteAddr)
	if !ok {
		return r.RemoteAddr
	}
	if !a.trustedProxy(peer) {
		return peer.String()
	}
	hops := forwardedFor(r.Header.Values("X-Forwarded-For"))
	client := peer
	for _, hop := range slices.Backward(hops) {
		addr, ok := hopAddr(hop)
		if !ok {
			// Not an address: our proxy did not write it, so stop at the last address that is known.
			return client.String()
		}
		client = addr
		if !a.trustedProxy(addr) {
			return addr.String()
		}
	}
	// Every hop is a trusted proxy (or there is none): the leftmost one sent the request.
	return client.String()
}

func (a *API) trustedProxy(addr netip.Addr) bool {
	return slices.ContainsFunc(a.Limits.TrustedProxies, func(p netip.Prefix) bool { return p.Contains(addr) })
}

// peerAddr is the connection's peer address (RemoteAddr is "ip:port").
func peerAddr(remote string) (netip.Addr, bool) {
	if ap, err := netip.ParseAddrPort(remote); err == nil {
		return ap.Addr().Unmap(), true
	}
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	addr, err := netip.ParseAddr(host)
	return addr.Unmap(), err == nil
}

// forwardedFor splits the X-Forwarded-For headers (several are one comma-separated list, in order).
func forwardedFor(values []string) []string {
	var hops []string
	for _, v := range values {
		for h := range strings.SplitSeq(v, ",") {
			hops = append(hops, strings.TrimSpace(h))
		}
	}
	return hops
}

// hopAddr reads one X-Forwarded-For entry: an address, possibly with a port ("[2001:db8::1]:443").
func hopAddr(hop string) (netip.Addr, bool) {
	if addr, err := netip.ParseAddr(hop); err == nil && addr.Zone() == "" {
		return addr.Unmap(), true
	}
	if ap, err := netip.ParseAddrPort(hop); err == nil && ap.Addr().Zone() == "" {
		return ap.Addr().Unmap(), true
	}
	return netip.Addr{}, false
}
