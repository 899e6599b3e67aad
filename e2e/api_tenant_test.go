//go:build integration

package e2e

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/gateway"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/signals"
)

// TestASecondIngestKeyCannotReadTheFirstKeysCapture: on the real stack, a capture submitted by
// one ingest key is readable by it (while its workflow runs and from its record afterwards) and
// answers a second ingest key 404, exactly as an unknown capture does; a capture no key submitted
// is readable by no ingest key; operators read both; the second key sending the same photo may
// read it too.
func TestASecondIngestKeyCannotReadTheFirstKeysCapture(t *testing.T) {
	s := startStack(t, false, nil)
	base := s.startAPIGateway(t, addrLimited(1000, 1000), &lockedBuffer{})
	firstKey, first := s.issueKey(t, apikeys.ScopeIngest)
	secondKey, second := s.issueKey(t, apikeys.ScopeIngest)
	_, operator := s.issueKey(t, apikeys.ScopeOperator)
	_, photos := synthPhotos(t, 2, time.Now().UnixNano()%100000+7, 0)
	at := time.Now().UTC().Add(-time.Minute).Truncate(time.Second)

	r := apiSubmit(t, base, first, "south-01", at, photos[0])
	require.Equal(t, http.StatusAccepted, r.status, "%s", r.body)
	id := decode[gateway.SubmitResponse](t, r).CaptureID
	subs := gcp.Submissions{Client: s.cloud.Firestore}
	mine, err := subs.SubmittedBy(context.Background(), id, firstKey.ID)
	require.NoError(t, err)
	require.True(t, mine, "the submission is recorded in Firestore")

	// A capture put into the bucket directly and started like the upload trigger does: no key
	// submitted it (like every capture from before submissions were recorded).
	direct := s.upload(t, "south-01", at.Add(time.Second), photos[1])
	_, err = s.captures.Start(context.Background(), s.cfg.PhotoBucket, capture.ObjectName("south-01", at.Add(time.Second), sha(photos[1]), "jpg"), "e2e")
	require.NoError(t, err)

	unknown := "0123456789abcdef01234567"
	check := func(when string) {
		t.Helper()
		require.Equal(t, http.StatusOK, apiCall(t, http.MethodGet, base+"/v1/captures/"+id, first, nil, "").status, when)
		theirs := apiCall(t, http.MethodGet, base+"/v1/captures/"+id, second, nil, "")
		require.Equal(t, http.StatusNotFound, theirs.status, "%s: %s", when, theirs.body)
		none := apiCall(t, http.MethodGet, base+"/v1/captures/"+unknown, second, nil, "")
		require.Equal(t, http.StatusNotFound, none.status)
		require.Equal(t, strings.ReplaceAll(string(none.body), unknown, id), string(theirs.body), "%s: the same answer as an unknown capture", when)
		require.Equal(t, none.header.Get("Content-Type"), theirs.header.Get("Content-Type"))
		for _, tok := range []string{first, second} {
			require.Equal(t, http.StatusNotFound, apiCall(t, http.MethodGet, base+"/v1/captures/"+direct, tok, nil, "").status,
				"%s: a capture no key submitted", when)
		}
		for _, c := range []string{id, direct} {
			require.Equal(t, http.StatusOK, apiCall(t, http.MethodGet, base+"/v1/captures/"+c, operator, nil, "").status, when)
		}
	}
	check("while its workflow runs")
	recs := s.waitSettled(t, []string{id, direct}, 3*time.Minute)
	check("from the record (" + string(recs[id].Status) + ")")
	st := decode[signals.CaptureState](t, apiCall(t, http.MethodGet, base+"/v1/captures/"+id, first, nil, ""))
	require.Equal(t, recs[id].PhotoSHA256, st.PhotoSHA256)

	// The second key sends the very same photo (booth, time, bytes): it holds it, so it may read it.
	r = apiSubmit(t, base, second, "south-01", at, photos[0])
	require.Equal(t, http.StatusAccepted, r.status, "%s", r.body)
	require.True(t, decode[gateway.SubmitResponse](t, r).Duplicate)
	require.Equal(t, http.StatusOK, apiCall(t, http.MethodGet, base+"/v1/captures/"+id, second, nil, "").status)
	theirs, err := subs.SubmittedBy(context.Background(), id, secondKey.ID)
	require.NoError(t, err)
	require.True(t, theirs)
}
