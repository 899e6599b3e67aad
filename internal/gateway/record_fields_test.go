package gateway

import (
	"encoding/json"
	"html"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/capture/capturetest"
	"github.com/tollbooth/tollbooth/signals"
)

// Every field of the capture record, present and future (capturetest.FullRecord sets them all by
// reflection), reaches the API's answer and the review page, and the OpenAPI document names it.
func TestEveryRecordFieldReachesTheAPIAndTheReviewPage(t *testing.T) {
	full := capturetest.FullRecord()
	full.Status = capture.StatusAwaitingReview
	full.PhotoURI = "gs://photos/photos/north-01/full.jpg"
	state := signals.CaptureState{Record: full}

	ta := newTestAPI(t, testLimits())
	ta.captures.states[full.CaptureID] = &state
	_, op := ta.issue(t, apikeys.ScopeOperator)
	r := ta.get(t, "/v1/captures/"+full.CaptureID, op)
	require.Equal(t, http.StatusOK, r.status, r.body)
	var got signals.CaptureState
	require.NoError(t, json.Unmarshal([]byte(r.body), &got))
	require.Equal(t, state, got, "the API serves the whole record")

	doc := loadOpenAPI(t)
	fields, err := jsonFieldsOf(full)
	require.NoError(t, err)
	for _, f := range fields {
		require.Contains(t, doc.Components.Schemas["Capture"].Properties, f.Name, "documented")
	}

	srv, captures, _ := newTestGateway(t)
	captures.states[full.CaptureID] = &state
	page := get(t, signIn(t, srv, "alice", "alice-password"), srv.URL+"/review/"+full.CaptureID, http.StatusOK)
	require.NotEmpty(t, fields)
	for _, f := range fields {
		require.Contains(t, page, `data-field="`+f.Name+`">`+html.EscapeString(f.Value)+"<", "the review page shows %s", f.Name)
	}
}
