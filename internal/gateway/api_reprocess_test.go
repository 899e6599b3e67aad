package gateway

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/captureclient"
)

func TestReprocessRunsAnUnfinishedCaptureOnceAndRefusesTheRest(t *testing.T) {
	ta := newTestAPI(t, testLimits())
	_, op := ta.issue(t, apikeys.ScopeOperator)
	const stuck = "bbbbbbbbbbbbbbbbbbbbbbb1"
	ta.captures.unfinished = map[string]bool{stuck: true}
	post := func(id string) apiResponse {
		return ta.do(t, http.MethodPost, "/v1/captures/"+id+"/reprocess", op, nil, "")
	}

	r := post(stuck)
	require.Equal(t, http.StatusAccepted, r.status, r.body)
	var ok ReprocessResponse
	require.NoError(t, json.Unmarshal([]byte(r.body), &ok))
	require.Equal(t, ReprocessResponse{CaptureID: stuck, RunID: "run-2", StatusURL: "/v1/captures/" + stuck}, ok)
	require.Equal(t, 1, ta.captures.startCount())

	refusal := func(id string, want captureclient.RefusalReason) ReprocessRefusal {
		t.Helper()
		r := post(id)
		require.Equal(t, http.StatusConflict, r.status, r.body)
		var got ReprocessRefusal
		require.NoError(t, json.Unmarshal([]byte(r.body), &got))
		require.Equal(t, string(want), got.Reason)
		return got
	}
	require.Contains(t, refusal(stuck, captureclient.RefusedRunning).Error, "running", "a second reprocess finds the first's run")
	require.Contains(t, refusal("aaaaaaaaaaaaaaaaaaaaaaa1", captureclient.RefusedFinal).Error, "7ABC123", "a final record is never run again")
	require.Equal(t, 1, ta.captures.startCount())

	r = post("cccccccccccccccccccccccc")
	require.Equal(t, http.StatusNotFound, r.status, r.body)
	require.Contains(t, r.body, "backfill")
	require.Equal(t, http.StatusBadRequest, post("not-an-id").status)
}
