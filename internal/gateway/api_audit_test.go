package gateway

import (
	"errors"
	"net/http"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/audit"
)

// Every answer that shows a plate's captures is in the audit log first: who (key id, name,
// scope), when, which plate and captures, the route and the client's address.
func TestPlateReadsAreAudited(t *testing.T) {
	limits := testLimits()
	limits.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	ta := newTestAPI(t, limits)
	cust, custTok := ta.issue(t, apikeys.ScopeCustomer, "7ABC123")
	op, opTok := ta.issue(t, apikeys.ScopeOperator)

	req, err := http.NewRequest("GET", ta.srv.URL+"/v1/plates/7abc-123/captures", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+custTok)
	req.Header.Set("X-Forwarded-For", "192.0.2.44")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, []audit.PlateRead{{At: ta.clock.now().UTC(), KeyID: cust.ID, Customer: "test customer", Scope: "customer",
		Plate: "7ABC123", CaptureIDs: []string{"aaaaaaaaaaaaaaaaaaaaaaa1"}, Route: "/v1/plates/{plate}/captures",
		ClientAddr: "192.0.2.44"}}, ta.audit.all())

	// An operator's read of a plate is a disclosure too.
	require.Equal(t, http.StatusOK, ta.get(t, "/v1/plates/8XYZ999/captures", opTok).status)
	got := ta.audit.all()
	require.Len(t, got, 2)
	require.Equal(t, op.ID, got[1].KeyID)
	require.Equal(t, "operator", got[1].Scope)
	require.Equal(t, []string{"aaaaaaaaaaaaaaaaaaaaaaa2"}, got[1].CaptureIDs)
	require.Equal(t, "127.0.0.1", got[1].ClientAddr)

	// Refusals show nothing and are not entries (they are in the log).
	require.Equal(t, http.StatusNotFound, ta.get(t, "/v1/plates/8XYZ999/captures", custTok).status)
	require.Equal(t, http.StatusBadRequest, ta.get(t, "/v1/plates/7ABC123/captures?limit=0", custTok).status)
	require.Len(t, ta.audit.all(), 2)
}

// When the entry cannot be written, the plate is not shown: 503, and nothing of the captures.
func TestAPlateReadThatCannotBeAuditedIsRefused(t *testing.T) {
	ta := newTestAPI(t, testLimits())
	_, tok := ta.issue(t, apikeys.ScopeCustomer, "7ABC123")
	ta.audit.err = errors.New("firestore: deadline exceeded")
	r := ta.get(t, "/v1/plates/7ABC123/captures", tok)
	require.Equal(t, http.StatusServiceUnavailable, r.status, r.body)
	require.Contains(t, r.body, "audit log")
	require.NotContains(t, r.body, "aaaaaaaaaaaaaaaaaaaaaaa1")
	require.NotContains(t, r.body, "/v1/photos/")
	require.Contains(t, ta.logs.String(), "plate read not recorded")
	ta.audit.err = nil
	require.Equal(t, http.StatusOK, ta.get(t, "/v1/plates/7ABC123/captures", tok).status, "asked again, it answers")
}
