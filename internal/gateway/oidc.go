package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/plate"
)

// OIDC token rules: the signing algorithms accepted, the clock leeway, how often an unknown key id
// may trigger a refetch of the issuer's keys, and the claims that carry the tollbooth scope
// ("scope": "... tollbooth:operator ...") and a customer's plates ("tollbooth_plates": [...]).
const (
	oidcLeeway       = time.Minute
	oidcRefetchEvery = time.Minute
	oidcFetchTimeout = 5 * time.Second
	oidcScopePrefix  = "tollbooth:"
	oidcPlatesClaim  = "tollbooth_plates"
)

var oidcAlgorithms = []jose.SignatureAlgorithm{jose.RS256, jose.RS384, jose.RS512, jose.ES256, jose.ES384, jose.PS256}

// OIDC validates bearer JWTs from an OpenID Connect issuer: signature against the issuer's JWKS
// (discovered from ISSUER/.well-known/openid-configuration unless JWKSURL is set), iss, aud, exp and
// nbf. The token's "scope" claim must hold exactly one tollbooth:SCOPE; customers' plates come
// from the tollbooth_plates claim.
type OIDC struct {
	Issuer, Audience, JWKSURL string
	Client                    *http.Client
	Now                       func() time.Time

	mu      sync.Mutex
	keys    *jose.JSONWebKeySet
	fetched time.Time
}

// errOIDC is every token refusal; the reason is logged, the caller hears only 401.
var errOIDC = errors.New("invalid bearer token")

// looksLikeJWT tells a JWT (three dot-separated parts) from an API key.
func looksLikeJWT(tok string) bool {
	return strings.Count(tok, ".") == 2 && !strings.HasPrefix(tok, "tbk_")
}

type oidcClaims struct {
	Scope  string   `json:"scope"`
	Plates []string `json:"tollbooth_plates"`
}

// Verify checks the token and returns the key it stands for (id "oidc:SUBJECT").
func (o *OIDC) Verify(ctx context.Context, token string) (apikeys.Key, error) {
	tok, err := jwt.ParseSigned(token, oidcAlgorithms)
	if err != nil || len(tok.Headers) != 1 {
		return apikeys.Key{}, fmt.Errorf("%w: not a signed JWT", errOIDC)
	}
	keys, err := o.keySet(ctx, tok.Headers[0].KeyID)
	if err != nil {
		return apikeys.Key{}, err
	}
	var std jwt.Claims
	var own oidcClaims
	if err := tok.Claims(keys, &std, &own); err != nil {
		return apikeys.Key{}, fmt.Errorf("%w: signature: %v", errOIDC, err)
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	if err := std.ValidateWithLeeway(jwt.Expected{Issuer: o.Issuer, AnyAudience: jwt.Audience{o.Audience}, Time: now()}, oidcLeeway); err != nil {
		return apikeys.Key{}, fmt.Errorf("%w: %v", errOIDC, err)
	}
	if std.Expiry == nil || std.Subject == "" {
		return apikeys.Key{}, fmt.Errorf("%w: no exp or sub", errOIDC)
	}
	var scopes []apikeys.Scope
	for s := range strings.FieldsSeq(own.Scope) {
		if name, ok := strings.CutPrefix(s, oidcScopePrefix); ok && slices.Contains(apikeys.Scopes, apikeys.Scope(name)) {
			scopes = append(scopes, apikeys.Scope(name))
		}
	}
	if len(scopes) != 1 {
		return apikeys.Key{}, fmt.Errorf("%w: want exactly one %sSCOPE in the scope claim, got %d", errOIDC, oidcScopePrefix, len(scopes))
	}
	k := apikeys.Key{ID: "oidc:" + std.Subject, Scope: scopes[0]}
	if k.Scope == apikeys.ScopeCustomer {
		for _, p := range own.Plates {
			if n := plate.Normalize(p); n != "" {
				k.Plates = append(k.Plates, n)
			}
		}
	}
	return k, nil
}

// keySet returns the issuer's keys, fetching them on first use and again (at most once a minute)
// when a token names a key id they do not hold: keys rotate.
func (o *OIDC) keySet(ctx context.Context, kid string) (*jose.JSONWebKeySet, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	now := time.Now()
	stale := o.keys == nil || (len(o.keys.Key(kid)) == 0 && now.Sub(o.fetched) > oidcRefetchEvery)
	if stale {
		keys, err := o.fetch(ctx)
		if err != nil {
			if o.keys == nil {
				return nil, fmt.Errorf("fetch the OIDC issuer's keys: %w", err)
			}
		} else {
			o.keys, o.fetched = keys, now
		}
	}
	return o.keys, nil
}

func (o *OIDC) fetch(ctx context.Context) (*jose.JSONWebKeySet, error) {
	ctx, cancel := context.WithTimeout(ctx, oidcFetchTimeout)
	defer cancel()
	url := o.JWKSURL
	if url == "" {
		var disc struct {
			JWKSURI string `json:"jwks_uri"`
		}
		if err := o.getJSON(ctx, strings.TrimSuffix(o.Issuer, "/")+"/.well-known/openid-configuration", &disc); err != nil {
			return nil, err
		}
		if disc.JWKSURI == "" {
			return nil, errors.New("the discovery document names no jwks_uri")
		}
		url = disc.JWKSURI
	}
	var keys jose.JSONWebKeySet
	if err := o.getJSON(ctx, url, &keys); err != nil {
		return nil, err
	}
	return &keys, nil
}

func (o *OIDC) getJSON(ctx context.Context, url string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	c := o.Client
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(out)
}
