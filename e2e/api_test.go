//go:build integration

package e2e

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/gateway"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/signals"
)

const apiSigningKey = "e2e-photo-link-signing-key-0123456789abcdef"

// TestAPIFloodIsRefusedAndEveryAcceptedCaptureIsProcessed: one ingest key floods the API and gets
// 429s with Retry-After; a second key is unaffected; every 202 becomes a record, through the
// workflow the API started; a duplicate answers with the same id; the status, list, customer and
// photo-link endpoints answer from the real stack; a revoked key is refused; no secret is logged.
func TestAPIFloodIsRefusedAndEveryAcceptedCaptureIsProcessed(t *testing.T) {
	s := startStack(t, false, nil)
	// Two gateways on the same stack and signing key: a strict one the flood goes to, and one with
	// room for the operator's and the customer's reads afterwards.
	logs := &lockedBuffer{}
	strict := config.API{KeyRate: 0.5, KeyBurst: 4, AddrRate: 1000, AddrBurst: 1000, MaxUploads: 4,
		PhotoURLTTL: time.Minute, URLSigningKey: apiSigningKey}
	base := s.startAPIGateway(t, strict, logs)
	roomy := strict
	roomy.KeyRate, roomy.KeyBurst = 100, 100
	reads := s.startAPIGateway(t, roomy, logs)
	_, flooder := s.issueKey(t, apikeys.ScopeIngest)
	otherKey, other := s.issueKey(t, apikeys.ScopeIngest)
	_, operator := s.issueKey(t, apikeys.ScopeOperator)

	const flood, calm = 12, 3
	_, photos := synthPhotos(t, flood+calm, time.Now().UnixNano()%100000, 0)
	at := time.Now().UTC().Truncate(time.Millisecond)
	var accepted []string
	var limited int
	photoOf := map[string][]byte{}
	for i := range flood {
		r := apiSubmit(t, base, flooder, "north-01", at.Add(time.Duration(i)*time.Second), photos[i])
		switch r.status {
		case http.StatusAccepted:
			id := decode[gateway.SubmitResponse](t, r).CaptureID
			accepted = append(accepted, id)
			photoOf[id] = photos[i]
		case http.StatusTooManyRequests:
			limited++
			secs, err := strconv.Atoi(r.header.Get("Retry-After"))
			require.NoError(t, err, "Retry-After")
			require.GreaterOrEqual(t, secs, 1)
		default:
			t.Fatalf("flood request %d: %d %s", i, r.status, r.body)
		}
		if i < calm { // the other key, interleaved with the flood, is never refused
			r := apiSubmit(t, base, other, "north-01", at.Add(time.Duration(100+i)*time.Second), photos[flood+i])
			require.Equal(t, http.StatusAccepted, r.status, "%s", r.body)
			id := decode[gateway.SubmitResponse](t, r).CaptureID
			accepted = append(accepted, id)
			photoOf[id] = photos[flood+i]
		}
	}
	t.Logf("flood: %d accepted (incl. %d from the other key), %d refused with 429", len(accepted), calm, limited)
	require.GreaterOrEqual(t, limited, flood-4-3, "the flooding key is limited to its burst and refill")
	require.GreaterOrEqual(t, len(accepted), 4+calm)

	// The same photo again: the same capture id, nothing new started.
	dup := apiSubmit(t, base, other, "north-01", at.Add(100*time.Second), photos[flood])
	require.Equal(t, http.StatusAccepted, dup.status, "%s", dup.body)
	require.Equal(t, accepted[1], decode[gateway.SubmitResponse](t, dup).CaptureID)
	require.True(t, decode[gateway.SubmitResponse](t, dup).Duplicate)

	// Bad input through the real gateway: a clear 400, nothing stored.
	for _, c := range []struct {
		booth string
		photo []byte
		msg   string
	}{
		{"north-01", []byte("%PDF-1.4 not a photo"), "not a JPEG or PNG image"},
		{"../north-01", photos[0], "is malformed"},
		{"north-01%2f..", photos[0], "is malformed"},
		{"nowhere-01", photos[0], "is unknown"},
	} {
		r := apiSubmit(t, base, operator, c.booth, at, c.photo)
		require.Equal(t, http.StatusBadRequest, r.status, "%s: %s", c.booth, r.body)
		require.Contains(t, decode[gateway.ErrorResponse](t, r).Error, c.msg)
	}
	metrics := apiCall(t, http.MethodGet, base+"/metrics", "", nil, "")
	require.Contains(t, string(metrics.body), `tollbooth_gateway_refused_total{limit="key"} `+strconv.Itoa(limited))
	base = reads

	// Every accepted capture is processed: a record for each, in a settled state.
	recs := s.waitSettled(t, accepted, 3*time.Minute)
	for _, id := range accepted {
		require.Equal(t, "north-01", recs[id].BoothID)
	}
	st := apiCall(t, http.MethodGet, base+"/v1/captures/"+accepted[0], operator, nil, "")
	require.Equal(t, http.StatusOK, st.status, "%s", st.body)
	shown := decode[signals.CaptureState](t, st)
	require.Equal(t, recs[accepted[0]].Status, shown.Status)
	require.Equal(t, recs[accepted[0]].PhotoSHA256, shown.PhotoSHA256, "the whole record, not a summary")

	// The booth's list for the time range holds exactly these captures, page by page.
	var listed []string
	token := ""
	for pages := 0; ; pages++ {
		u := base + "/v1/captures?booth=north-01&limit=2&from=" + at.Format(time.RFC3339Nano) +
			"&to=" + at.Add(200*time.Second).Format(time.RFC3339Nano) + "&page_token=" + token
		r := apiCall(t, http.MethodGet, u, operator, nil, "")
		require.Equal(t, http.StatusOK, r.status, "%s", r.body)
		page := decode[gateway.CaptureList](t, r)
		for _, c := range page.Captures {
			listed = append(listed, c.CaptureID)
		}
		if token = page.NextPageToken; token == "" {
			break
		}
		require.Less(t, pages, 20)
	}
	require.ElementsMatch(t, accepted, listed)

	// A customer sees the captures of their plate, with a working short-lived photo link, and
	// nothing of another plate.
	var mine string
	for _, id := range accepted {
		if recs[id].Status == capture.StatusAccepted {
			mine = id
			break
		}
	}
	require.NotEmpty(t, mine, "at least one synthetic photo was read automatically")
	plate := recs[mine].Plate
	_, customer := s.issueKey(t, apikeys.ScopeCustomer, plate)
	r := apiCall(t, http.MethodGet, base+"/v1/plates/"+plate+"/captures", customer, nil, "")
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	list := decode[gateway.PlateCaptureList](t, r)
	i := slices.IndexFunc(list.Captures, func(c gateway.PlateCapture) bool { return c.CaptureID == mine })
	require.GreaterOrEqual(t, i, 0, "%s", r.body)
	require.NotContains(t, string(r.body), "gs://")
	photo := apiCall(t, http.MethodGet, list.Captures[i].PhotoURL, "", nil, "")
	require.Equal(t, http.StatusOK, photo.status)
	require.Equal(t, photoOf[mine], photo.body)
	for _, id := range accepted {
		if p := recs[id].Plate; p != "" && p != plate {
			r := apiCall(t, http.MethodGet, base+"/v1/plates/"+p+"/captures", customer, nil, "")
			require.Equal(t, http.StatusNotFound, r.status)
			require.NotContains(t, string(r.body), id)
			break
		}
	}

	// Readiness against the real dependencies; export batches; a revoked key.
	ready := apiCall(t, http.MethodGet, base+"/readyz", "", nil, "")
	require.Equal(t, http.StatusOK, ready.status, "%s", ready.body)
	require.Equal(t, map[string]string{"temporal": "ok", "firestore": "ok", "storage": "ok"}, decode[gateway.Health](t, ready).Checks)
	require.Equal(t, http.StatusOK, apiCall(t, http.MethodGet, base+"/v1/exports", operator, nil, "").status)
	require.NoError(t, gcp.APIKeys{Client: s.cloud.Firestore}.Revoke(context.Background(), otherKey.ID, time.Now()))
	require.Equal(t, http.StatusUnauthorized, apiCall(t, http.MethodGet, base+"/v1/captures/"+accepted[0], other, nil, "").status)

	out := logs.String()
	require.Contains(t, out, "capture submitted")
	for name, secret := range map[string]string{"flooder": flooder, "other": other, "operator": operator, "customer": customer,
		"signing key": apiSigningKey} {
		require.False(t, strings.Contains(out, secret), "the %s secret is in the gateway's log", name)
	}
	for _, secret := range s.cfg.Secrets() { // whatever secrets the environment configured
		require.False(t, strings.Contains(out, secret), "a configured secret is in the gateway's log")
	}
}
