package gateway

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/apikeys"
)

// An ingest key reads the status of the captures it submitted, and of no other: another key's
// capture, and a capture no key submitted (sent to the bucket directly, or before submissions were
// recorded), answer exactly like a capture that does not exist.
func TestAnIngestKeyReadsOnlyItsOwnCaptures(t *testing.T) {
	ta := newTestAPI(t, testLimits())
	_, first := ta.issue(t, apikeys.ScopeIngest)
	_, second := ta.issue(t, apikeys.ScopeIngest)
	_, operator := ta.issue(t, apikeys.ScopeOperator)
	_, reviewer := ta.issue(t, apikeys.ScopeReviewer)

	photo := testJPEG(t, 7)
	r := ta.submit(t, first, "north-01", "2026-11-25T17:05:00Z", photo)
	require.Equal(t, http.StatusAccepted, r.status, r.body)
	var sub SubmitResponse
	require.NoError(t, json.Unmarshal([]byte(r.body), &sub))
	id := sub.CaptureID

	require.Equal(t, http.StatusOK, ta.get(t, "/v1/captures/"+id, first).status)
	theirs := ta.get(t, "/v1/captures/"+id, second)
	require.Equal(t, http.StatusNotFound, theirs.status, "404, not 403: existence is not told")
	unknown := ta.get(t, "/v1/captures/bbbbbbbbbbbbbbbbbbbbbbbb", second)
	require.Equal(t, http.StatusNotFound, unknown.status)
	require.JSONEq(t, `{"error":"no capture `+id+`"}`, theirs.body)
	require.JSONEq(t, `{"error":"no capture bbbbbbbbbbbbbbbbbbbbbbbb"}`, unknown.body, "the same answer as an unknown capture")
	require.NotContains(t, theirs.body, "north-01")
	for _, tok := range []string{operator, reviewer} {
		require.Equal(t, http.StatusOK, ta.get(t, "/v1/captures/"+id, tok).status, "operators and reviewers read every capture")
	}

	// A record no key submitted (older records, photos sent to the bucket): no ingest key reads it.
	const older = "aaaaaaaaaaaaaaaaaaaaaaa1"
	require.Equal(t, http.StatusNotFound, ta.get(t, "/v1/captures/"+older, first).status)
	require.Equal(t, http.StatusOK, ta.get(t, "/v1/captures/"+older, operator).status)

	// The second key sends the very same photo (booth, time, bytes): it submitted it too.
	r = ta.submit(t, second, "north-01", "2026-11-25T17:05:00Z", photo)
	require.Equal(t, http.StatusAccepted, r.status, r.body)
	require.Equal(t, http.StatusOK, ta.get(t, "/v1/captures/"+id, second).status)
	require.Equal(t, 1, ta.captures.startCount())
	require.Contains(t, ta.logs.String(), "ingest key asked for a capture it did not submit")
}

// When the submission cannot be recorded, nothing is started and the caller is told to send it
// again; when it cannot be looked up, an ingest key's read fails rather than being let through.
func TestSubmissionsFailClosed(t *testing.T) {
	ta := newTestAPI(t, testLimits())
	_, ingest := ta.issue(t, apikeys.ScopeIngest)
	ta.submits.err = errors.New("firestore unavailable")
	r := ta.submit(t, ingest, "north-01", "2026-11-25T17:05:00Z", testJPEG(t, 8))
	require.Equal(t, http.StatusServiceUnavailable, r.status, r.body)
	require.Contains(t, r.body, "submit it again")
	require.Equal(t, 0, ta.captures.startCount())
	r = ta.get(t, "/v1/captures/aaaaaaaaaaaaaaaaaaaaaaa1", ingest)
	require.Equal(t, http.StatusServiceUnavailable, r.status, r.body)
	require.NotContains(t, r.body, "7ABC123")
}
