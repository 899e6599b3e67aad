package gateway

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/stretchr/testify/require"
)

// issuer is a fake OpenID Connect issuer: a discovery document and a JWKS with one RSA key.
type issuer struct {
	srv *httptest.Server
	key *rsa.PrivateKey
}

func newIssuer(t *testing.T) *issuer {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	is := &issuer{key: key}
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, _ *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]string{"issuer": is.srv.URL, "jwks_uri": is.srv.URL + "/keys"})
	})
	mux.HandleFunc("/keys", func(w http.ResponseWriter, _ *http.Request) {
		_ = json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
	})
	is.srv = httptest.NewServer(mux)
	t.Cleanup(is.srv.Close)
	return is
}

func signToken(t *testing.T, key any, alg jose.SignatureAlgorithm, kid string, claims ...any) string {
	t.Helper()
	sig, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: key}, (&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", kid))
	require.NoError(t, err)
	b := jwt.Signed(sig)
	for _, c := range claims {
		b = b.Claims(c)
	}
	tok, err := b.Serialize()
	require.NoError(t, err)
	return tok
}

func TestOIDCBearerTokens(t *testing.T) {
	is := newIssuer(t)
	ta := newTestAPI(t, testLimits())
	ta.api.OIDC = &OIDC{Issuer: is.srv.URL, Audience: "tollbooth-api", Now: ta.clock.now}
	now := ta.clock.now()
	std := func(aud string, exp time.Time) jwt.Claims {
		return jwt.Claims{Issuer: is.srv.URL, Subject: "svc-42", Audience: jwt.Audience{aud}, Expiry: jwt.NewNumericDate(exp), IssuedAt: jwt.NewNumericDate(now)}
	}
	good := signToken(t, is.key, jose.RS256, "k1", std("tollbooth-api", now.Add(time.Hour)), map[string]any{"scope": "openid tollbooth:operator"})
	r := ta.get(t, "/v1/exports", good)
	require.Equal(t, http.StatusOK, r.status, r.body)

	cust := signToken(t, is.key, jose.RS256, "k1", std("tollbooth-api", now.Add(time.Hour)),
		map[string]any{"scope": "tollbooth:customer", "tollbooth_plates": []string{"7abc123"}})
	require.Equal(t, http.StatusOK, ta.get(t, "/v1/plates/7ABC123/captures", cust).status)
	require.Equal(t, http.StatusNotFound, ta.get(t, "/v1/plates/8XYZ999/captures", cust).status)
	require.Equal(t, http.StatusForbidden, ta.get(t, "/v1/exports", cust).status)

	other, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	refused := map[string]string{
		"wrong audience": signToken(t, is.key, jose.RS256, "k1", std("someone-else", now.Add(time.Hour)), map[string]any{"scope": "tollbooth:operator"}),
		"expired":        signToken(t, is.key, jose.RS256, "k1", std("tollbooth-api", now.Add(-time.Hour)), map[string]any{"scope": "tollbooth:operator"}),
		"wrong issuer": signToken(t, is.key, jose.RS256, "k1", jwt.Claims{Issuer: "https://evil.example", Subject: "x", Audience: jwt.Audience{"tollbooth-api"},
			Expiry: jwt.NewNumericDate(now.Add(time.Hour))}, map[string]any{"scope": "tollbooth:operator"}),
		"foreign key":  signToken(t, other, jose.ES256, "k1", std("tollbooth-api", now.Add(time.Hour)), map[string]any{"scope": "tollbooth:operator"}),
		"no scope":     signToken(t, is.key, jose.RS256, "k1", std("tollbooth-api", now.Add(time.Hour)), map[string]any{"scope": "openid"}),
		"two scopes":   signToken(t, is.key, jose.RS256, "k1", std("tollbooth-api", now.Add(time.Hour)), map[string]any{"scope": "tollbooth:ingest tollbooth:operator"}),
		"tampered":     good[:strings.LastIndex(good, ".")+1] + "AAAA",
		"unsigned-ish": "a.b.c",
	}
	for name, tok := range refused {
		r := ta.get(t, "/v1/exports", tok)
		require.Equal(t, http.StatusUnauthorized, r.status, "%s: %s", name, r.body)
		require.NotContains(t, ta.logs.String(), tok, "tokens are never logged")
	}
	require.Contains(t, ta.logs.String(), "OIDC token refused")
}
