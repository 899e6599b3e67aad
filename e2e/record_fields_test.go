//go:build integration

package e2e

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/capture/capturetest"
	"github.com/tollbooth/tollbooth/signals"
)

// TestEveryRecordFieldFlowsToFirestoreTheQueryTheAPIAndTheReviewPage: a record with every field set
// (capturetest.FullRecord fills them by reflection, so a field added to capture.Record tomorrow is in
// it) is stored in Firestore with every field, answered whole by its workflow's query, served whole
// by the API and shown field by field on the review page, with nothing but the struct to edit.
func TestEveryRecordFieldFlowsToFirestoreTheQueryTheAPIAndTheReviewPage(t *testing.T) {
	s := startStack(t, false, nil)
	ctx := context.Background()
	data := append(slices.Clone(blankPhoto(t)), 9, 9, 9, 9)
	object := capture.ObjectName("north-01", time.Now().UTC().Truncate(time.Millisecond), sha(data), "jpg")
	id := s.put(t, object, data)

	full := capturetest.FullRecord()
	full.CaptureID, full.PhotoURI = id, capture.PhotoURI(s.cfg.PhotoBucket, object)
	full.Status = capture.StatusUnreadable // final, and never exported: other tests' exports stay theirs

	// Firestore: the document has every stored field, and reads back as the record.
	saved, err := s.records.Save(ctx, full)
	require.NoError(t, err)
	snap, err := s.cloud.Firestore.Collection(capture.Collection).Doc(id).Get(ctx)
	require.NoError(t, err)
	for _, f := range append(slices.Clone(capture.StoredFields), capture.FieldExportBatch) {
		require.Contains(t, snap.Data(), f, "field %s is stored", f)
	}
	stored, err := s.records.Get(ctx, id)
	require.NoError(t, err)
	want := saved
	want.UpdatedAt = saved.UpdatedAt.Truncate(time.Microsecond) // Firestore keeps microseconds
	requireSameJSON(t, want, *stored, "Firestore")

	// The query: the capture's workflow finds the final record and answers with it (and ends with it).
	_, err = s.captures.Start(ctx, s.cfg.PhotoBucket, object, "starter")
	require.NoError(t, err)
	var result signals.CaptureState
	require.NoError(t, s.temporal.GetWorkflow(ctx, signals.CaptureWorkflowID(id), "").Get(ctx, &result))
	requireSameJSON(t, *stored, result.Record, "the workflow's result")
	v, err := s.temporal.QueryWorkflow(ctx, signals.CaptureWorkflowID(id), "", signals.CaptureStateQuery)
	require.NoError(t, err)
	var queried signals.CaptureState
	require.NoError(t, v.Get(&queried))
	requireSameJSON(t, *stored, queried.Record, "the query")

	// The API: the whole record.
	base := s.startGateway(t, map[string]string{"fields-e2e": "fields-e2e-password"})
	_, op := s.issueKey(t, apikeys.ScopeOperator)
	r := apiCall(t, http.MethodGet, base+"/v1/captures/"+id, op, nil, "")
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	requireSameJSON(t, *stored, decode[signals.CaptureState](t, r).Record, "the API")

	// The review page: every field, by name.
	page := reviewPage(t, base, "fields-e2e", "fields-e2e-password", id)
	var fields map[string]json.RawMessage
	b, err := json.Marshal(*stored)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &fields))
	for name := range fields {
		require.Contains(t, page, `data-field="`+name+`"`, "the review page shows %s", name)
	}
}

func requireSameJSON(t *testing.T, want, got capture.Record, where string) {
	t.Helper()
	w, err := json.Marshal(want)
	require.NoError(t, err)
	g, err := json.Marshal(got)
	require.NoError(t, err)
	require.JSONEq(t, string(w), string(g), where)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// reviewPage signs a reviewer in to the gateway and returns the review page of a capture.
func reviewPage(t *testing.T, base, reviewer, password, captureID string) string {
	t.Helper()
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	c := &http.Client{Jar: jar}
	read := func(resp *http.Response, err error) string {
		require.NoError(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode, "%s", b)
		return string(b)
	}
	signin := read(c.Get(base + "/signin"))
	m := csrfField.FindStringSubmatch(signin)
	require.NotNil(t, m, "no CSRF token on the sign-in page")
	read(c.PostForm(base+"/signin", url.Values{"csrf": {m[1]}, "reviewer": {reviewer}, "password": {password}, "next": {"/queue"}}))
	return read(c.Get(base + "/review/" + captureID))
}
