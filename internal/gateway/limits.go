package gateway

import (
	"net/netip"
	"time"
)

// Limits are the API's request limits and the key that signs photo links (the programs fill them
// from TOLLBOOTH_API_*).
type Limits struct {
	KeyRate    float64 // requests per second per API key (token bucket)
	KeyBurst   int     // bucket size per API key
	AddrRate   float64 // requests per second per client address, before and after authentication
	AddrBurst  int
	MaxUploads int // uploads processed at once; beyond it, 503 with Retry-After
	// PhotoURLTTL is how long a signed photo link works; it must be positive.
	PhotoURLTTL time.Duration
	PublicURL   string // base of links the API hands out; empty: from the request's Host
	// URLSigningKey is the HMAC key of photo links (secret); empty: a random key per process.
	URLSigningKey string
	// TrustedProxies are the load balancers whose X-Forwarded-For is believed (clientaddr.go);
	// empty: no forwarded header is believed, the client is the connection's peer.
	TrustedProxies []netip.Prefix
}
