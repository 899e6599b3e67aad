package gateway

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/tollbooth/tollbooth/internal/apikeys"
)

// guard puts every API request through the same gate, in this order: the client address's rate
// limit (so unauthenticated floods cost nothing downstream; probes skip it), the key (401), the
// route's scopes (403), the key's rate limit (429), and a body limit (413).
func (a *API) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if rt.probe {
			rt.handle(w, r, apikeys.Key{})
			return
		}
		if wait, ok := a.addrLimits.allow(a.clientAddr(r)); !ok {
			a.metrics.limited.WithLabelValues("address").Inc()
			tooMany(w, wait, "too many requests from this address")
			return
		}
		limit := int64(maxAPIRequestBytes)
		if rt.method == http.MethodPost && rt.pattern == "/v1/captures" {
			limit = a.MaxPhotoBytes + maxUploadOverhead
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if rt.public {
			rt.handle(w, r, apikeys.Key{})
			return
		}
		token, ok := bearer(r)
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="tollbooth"`)
			apiError(w, http.StatusUnauthorized, "an API key is required: send it as `Authorization: Bearer KEY`")
			return
		}
		k, err := a.authenticate(r, token)
		if errors.Is(err, apikeys.ErrInvalid) {
			a.Log.Warn("API key refused", "path", r.URL.Path, "remote", a.clientAddr(r))
			w.Header().Set("WWW-Authenticate", `Bearer realm="tollbooth", error="invalid_token"`)
			apiError(w, http.StatusUnauthorized, apikeys.ErrInvalid.Error())
			return
		}
		if err != nil {
			a.Log.Error("look up API key", "error", err)
			apiError(w, http.StatusServiceUnavailable, "cannot check API keys right now: try again shortly")
			return
		}
		if !slices.Contains(rt.scopes, k.Scope) { // no scopes: nobody (default deny)
			a.Log.Warn("API scope refused", "key_id", k.ID, "scope", k.Scope, "path", r.URL.Path)
			apiError(w, http.StatusForbidden, "this key's scope ("+string(k.Scope)+") may not use this endpoint")
			return
		}
		if wait, ok := a.keyLimits.allow("key:" + k.ID); !ok {
			a.metrics.limited.WithLabelValues("key").Inc()
			tooMany(w, wait, "too many requests for this API key")
			return
		}
		rt.handle(w, r, k)
	})
}

// authenticate finds who a token stands for: an OIDC JWT when an issuer is configured, else an
// API key. Every refusal is apikeys.ErrInvalid to the caller; a JWT's reason goes to the log.
func (a *API) authenticate(r *http.Request, token string) (apikeys.Key, error) {
	if a.OIDC != nil && looksLikeJWT(token) {
		k, err := a.OIDC.Verify(r.Context(), token)
		if err != nil {
			a.Log.Warn("OIDC token refused", "reason", err.Error())
			if errors.Is(err, errOIDC) {
				return k, apikeys.ErrInvalid
			}
			return k, err
		}
		return k, nil
	}
	return apikeys.Authenticate(r.Context(), a.Keys, token)
}

// bearer reads the key from `Authorization: Bearer KEY` (or `X-API-Key: KEY`).
func bearer(r *http.Request) (string, bool) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, ok := strings.Cut(h, " ")
		tok = strings.TrimSpace(tok)
		return tok, ok && strings.EqualFold(scheme, "Bearer") && tok != ""
	}
	tok := strings.TrimSpace(r.Header.Get("X-API-Key"))
	return tok, tok != ""
}
