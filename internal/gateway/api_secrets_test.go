package gateway

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/apikeys"
)

// No key, no signing key and no photo-link signature reaches the log, whatever the requests do.
func TestSecretsDoNotAppearInLogs(t *testing.T) {
	ta := newTestAPI(t, testLimits())
	k, op := ta.issue(t, apikeys.ScopeOperator)
	custKey, cust := ta.issue(t, apikeys.ScopeCustomer, "7ABC123")
	_, ingest := ta.issue(t, apikeys.ScopeIngest)
	revokedKey, revoked := ta.issue(t, apikeys.ScopeIngest)
	require.NoError(t, ta.keys.Revoke(t.Context(), revokedKey.ID, ta.clock.now()))
	wrong := op[:len(op)-5] + "ZZZZZ"

	ta.get(t, "/v1/exports", op)
	ta.get(t, "/v1/exports", cust)    // 403
	ta.get(t, "/v1/exports", wrong)   // 401
	ta.get(t, "/v1/exports", revoked) // 401
	ta.get(t, "/v1/captures/aaaaaaaaaaaaaaaaaaaaaaa1", ingest)
	ta.submit(t, ingest, "north-01", "2026-11-25T17:05:00Z", testJPEG(t, 3))
	ta.submit(t, ingest, "../etc", "2026-11-25T17:05:00Z", testJPEG(t, 3))
	r := ta.get(t, "/v1/plates/7ABC123/captures", cust)
	ta.get(t, "/v1/plates/8XYZ999/captures", cust)
	sig := r.body[strings.Index(r.body, "sig=")+4:]
	sig = sig[:64]
	req, _ := http.NewRequest(http.MethodGet, ta.srv.URL+"/v1/exports", nil)
	req.Header.Set("X-API-Key", op)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)

	logs := ta.logs.String()
	require.Contains(t, logs, custKey.ID, "keys are logged by id")
	require.Contains(t, logs, "API key refused")
	for name, secret := range map[string]string{"operator key": op, "customer key": cust, "ingest key": ingest,
		"revoked key": revoked, "wrong key": wrong, "signing key": testSigningKey, "link signature": sig,
		"key hash": k.Hash, "operator secret part": op[len("tbk_")+13:]} {
		require.NotContains(t, logs, secret, name)
	}
}
