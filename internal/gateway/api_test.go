package gateway

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/photolimit/bombs"
)

type apiResponse struct {
	status int
	header http.Header
	body   string
}

func (ta *testAPI) do(t *testing.T, method, path, token string, body io.Reader, contentType string) apiResponse {
	t.Helper()
	req, err := http.NewRequest(method, ta.srv.URL+path, body)
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return apiResponse{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

func (ta *testAPI) get(t *testing.T, path, token string) apiResponse {
	return ta.do(t, http.MethodGet, path, token, nil, "")
}

// form builds a multipart submission; a nil photo leaves the field out.
func form(t *testing.T, booth, at string, photo []byte) (io.Reader, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	require.NoError(t, mw.WriteField("booth_id", booth))
	require.NoError(t, mw.WriteField("capture_time", at))
	if photo != nil {
		fw, err := mw.CreateFormFile("photo", "photo.jpg")
		require.NoError(t, err)
		_, _ = fw.Write(photo)
	}
	require.NoError(t, mw.Close())
	return &b, mw.FormDataContentType()
}

func (ta *testAPI) submit(t *testing.T, token, booth, at string, photo []byte) apiResponse {
	t.Helper()
	body, ct := form(t, booth, at, photo)
	return ta.do(t, http.MethodPost, "/v1/captures", token, body, ct)
}

func TestAPIWithoutAValidKeyIs401(t *testing.T) {
	ta := newTestAPI(t, testLimits())
	k, revoked := ta.issue(t, apikeys.ScopeOperator)
	require.NoError(t, ta.keys.Revoke(t.Context(), k.ID, ta.clock.now()))
	_, good := ta.issue(t, apikeys.ScopeOperator)
	forged := good[:len(good)-4] + "AAAA" // right id, wrong secret
	for _, rt := range ta.api.routes() {
		if rt.public {
			continue
		}
		for name, tok := range map[string]string{"no key": "", "garbage": "not-a-key", "revoked": revoked, "forged": forged} {
			r := ta.do(t, rt.method, fillPattern(rt.pattern), tok, nil, "")
			require.Equal(t, http.StatusUnauthorized, r.status, "%s %s with %s: %s", rt.method, rt.pattern, name, r.body)
			require.Contains(t, r.header.Get("WWW-Authenticate"), "Bearer")
			require.NotContains(t, r.body, "7ABC123")
		}
	}
	require.Equal(t, 0, ta.captures.startCount())
}

func TestAPIEachRouteAdmitsOnlyItsScopes(t *testing.T) {
	ta := newTestAPI(t, testLimits())
	tokens := map[apikeys.Scope]string{}
	for _, s := range apikeys.Scopes {
		var plates []string
		if s == apikeys.ScopeCustomer {
			plates = []string{"7ABC123"}
		}
		_, tokens[s] = ta.issue(t, s, plates...)
	}
	for _, rt := range ta.api.routes() {
		if rt.public {
			continue
		}
		require.NotEmpty(t, rt.scopes, "%s %s: a route without scopes", rt.method, rt.pattern)
		for s, tok := range tokens {
			r := ta.do(t, rt.method, fillPattern(rt.pattern), tok, nil, "")
			if slices.Contains(rt.scopes, s) {
				require.NotEqual(t, http.StatusForbidden, r.status, "%s %s as %s: %s", rt.method, rt.pattern, s, r.body)
				require.NotEqual(t, http.StatusUnauthorized, r.status)
			} else {
				require.Equal(t, http.StatusForbidden, r.status, "%s %s as %s: %s", rt.method, rt.pattern, s, r.body)
			}
		}
	}
	// A route with no scopes refuses every key: the default is deny.
	a := &API{Log: ta.api.Log, Keys: ta.keys, Limits: testLimits()}
	a.Handler(http.NotFoundHandler())
	h := a.guard(route{method: "GET", pattern: "/v1/nobody", handle: func(w http.ResponseWriter, _ *http.Request, _ apikeys.Key) {
		w.WriteHeader(http.StatusOK)
	}})
	for _, tok := range tokens {
		req, _ := http.NewRequest("GET", "/v1/nobody", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		req.RemoteAddr = "192.0.2.1:1234"
		rec := newRecorder()
		h.ServeHTTP(rec, req)
		require.Equal(t, http.StatusForbidden, rec.code)
	}
}

func TestACustomerSeesOnlyTheirPlates(t *testing.T) {
	ta := newTestAPI(t, testLimits())
	_, cust := ta.issue(t, apikeys.ScopeCustomer, "7abc 123")

	r := ta.get(t, "/v1/plates/8XYZ999/captures", cust)
	require.Equal(t, http.StatusNotFound, r.status)
	require.NotContains(t, r.body, "aaaaaaaaaaaaaaaaaaaaaaa2")
	require.NotContains(t, r.body, "south-01")
	require.Equal(t, r.body, ta.get(t, "/v1/plates/NEVER1/captures", cust).body, "another plate looks like an unknown one")

	r = ta.get(t, "/v1/plates/7ABC123/captures", cust)
	require.Equal(t, http.StatusOK, r.status, r.body)
	var list PlateCaptureList
	require.NoError(t, json.Unmarshal([]byte(r.body), &list))
	require.Len(t, list.Captures, 1)
	c := list.Captures[0]
	require.Equal(t, "aaaaaaaaaaaaaaaaaaaaaaa1", c.CaptureID)
	require.NotContains(t, r.body, "gs://", "no bucket reference for customers")
	require.NotContains(t, r.body, "decision")
	require.Equal(t, ta.clock.now().Add(5*time.Minute).UTC(), c.PhotoURLExpiresAt)

	require.Contains(t, r.body, "&sig=", "links are not HTML-escaped")
	path := strings.TrimPrefix(c.PhotoURL, ta.srv.URL)
	require.True(t, strings.HasPrefix(path, "/v1/photos/aaaaaaaaaaaaaaaaaaaaaaa1?"), c.PhotoURL)
	photo := ta.get(t, path, "")
	require.Equal(t, http.StatusOK, photo.status)
	require.Equal(t, "\xff\xd8my photo", photo.body)
	// The signature covers the capture id: the same link for another capture is refused.
	other := strings.Replace(path, "aaaaaaaaaaaaaaaaaaaaaaa1", "aaaaaaaaaaaaaaaaaaaaaaa2", 1)
	require.Equal(t, http.StatusForbidden, ta.get(t, other, "").status)
	require.Equal(t, http.StatusForbidden, ta.get(t, path[:len(path)-2]+"00", "").status)
	ta.clock.advance(6 * time.Minute)
	require.Equal(t, http.StatusForbidden, ta.get(t, path, "").status, "expired")
}

func TestSubmitStoresOnceAndStartsOnce(t *testing.T) {
	ta := newTestAPI(t, testLimits())
	_, ingest := ta.issue(t, apikeys.ScopeIngest)
	photo := testJPEG(t, 1)
	r := ta.submit(t, ingest, "north-01", "2026-11-25T17:05:00Z", photo)
	require.Equal(t, http.StatusAccepted, r.status, r.body)
	var first SubmitResponse
	require.NoError(t, json.Unmarshal([]byte(r.body), &first))
	require.Len(t, first.CaptureID, 24)
	require.False(t, first.Duplicate)
	require.Equal(t, "/v1/captures/"+first.CaptureID, r.header.Get("Location"))

	r = ta.submit(t, ingest, "north-01", "2026-11-25T17:05:00Z", photo)
	require.Equal(t, http.StatusAccepted, r.status, r.body)
	var again SubmitResponse
	require.NoError(t, json.Unmarshal([]byte(r.body), &again))
	require.Equal(t, first.CaptureID, again.CaptureID)
	require.True(t, again.Duplicate)
	require.Equal(t, 1, ta.captures.startCount())

	st := ta.get(t, "/v1/captures/"+first.CaptureID, ingest)
	require.Equal(t, http.StatusOK, st.status, st.body)
	require.Contains(t, st.body, `"status":"received"`)
	require.Equal(t, http.StatusNotFound, ta.get(t, "/v1/captures/bbbbbbbbbbbbbbbbbbbbbbbb", ingest).status)
	require.Equal(t, http.StatusBadRequest, ta.get(t, "/v1/captures/..%2F..%2Fetc", ingest).status)
}

func TestSubmitRefusesBadInputClearly(t *testing.T) {
	ta := newTestAPI(t, testLimits())
	_, tok := ta.issue(t, apikeys.ScopeIngest)
	photo := testJPEG(t, 2)
	at := "2026-11-25T17:05:00Z"
	cases := []struct {
		name, booth, at string
		photo           []byte
		status          int
		msg             string
	}{
		{"text file", "north-01", at, []byte("hello, this is not a photo"), 400, "photo: not a JPEG or PNG image (the content looks like text/plain"},
		{"truncated jpeg", "north-01", at, photo[:40], 400, "photo: a damaged jpg image"},
		{"no photo", "north-01", at, nil, 400, `photo: missing or empty`},
		{"path traversal", "../../etc", at, photo, 400, "booth_id: booth id \"../../etc\" is malformed"},
		{"slash", "north-01/../south-01", at, photo, 400, "is malformed"},
		{"odd characters", "north 01;rm", at, photo, 400, "is malformed"},
		{"upper case", "NORTH-01", at, photo, 400, "is malformed"},
		{"unknown booth", "west-09", at, photo, 400, "is unknown"},
		{"bad time", "north-01", "yesterday", photo, 400, "capture_time: \"yesterday\" is not an RFC 3339 time"},
		{"future time", "north-01", "2027-11-25T17:05:00Z", photo, 400, "is in the future"},
		{"photo over the limit", "north-01", at, bytes.Repeat([]byte{0xff}, 64<<10+1), 413, "over the 65536-byte limit"},
		// Decompression bombs: small files whose headers declare 30,000 × 30,000 pixels, refused
		// from the header before they are stored.
		{"jpeg bomb", "north-01", at, bombs.JPEG(30000, 30000, false), 422, "photo: the jpeg image declares 30000 × 30000 pixels (900.0 megapixels), over the limit of 40.0 megapixels"},
		{"png bomb", "north-01", at, bombs.PNGHeader(30000, 30000), 422, "photo: the png image declares 30000 × 30000 pixels"},
	}
	for _, c := range cases {
		r := ta.submit(t, tok, c.booth, c.at, c.photo)
		require.Equal(t, c.status, r.status, "%s: %s", c.name, r.body)
		var e ErrorResponse
		require.NoError(t, json.Unmarshal([]byte(r.body), &e), c.name)
		require.Contains(t, e.Error, c.msg, c.name)
		require.Equal(t, "application/json", r.header.Get("Content-Type"), c.name)
	}
	// A body over the limit, whatever field carries it, is cut off at the limit.
	var big bytes.Buffer
	mw := multipart.NewWriter(&big)
	require.NoError(t, mw.WriteField("padding", strings.Repeat("x", 200<<10)))
	require.NoError(t, mw.Close())
	r := ta.do(t, http.MethodPost, "/v1/captures", tok, &big, mw.FormDataContentType())
	require.Equal(t, http.StatusRequestEntityTooLarge, r.status, r.body)
	require.Contains(t, r.body, "request body over the limit")

	r = ta.do(t, http.MethodPost, "/v1/captures", tok, strings.NewReader(`{"photo":"x"}`), "application/json")
	require.Equal(t, http.StatusBadRequest, r.status)
	require.Contains(t, r.body, "multipart/form-data")
	require.Equal(t, 0, ta.bucket.count()-2, "nothing stored")
	require.Equal(t, 0, ta.captures.startCount(), "nothing started")
}

func TestAFloodFromOneKeyIsLimitedAndOthersAreNot(t *testing.T) {
	limits := testLimits()
	limits.KeyRate, limits.KeyBurst = 1, 5
	ta := newTestAPI(t, limits)
	_, a := ta.issue(t, apikeys.ScopeOperator)
	_, b := ta.issue(t, apikeys.ScopeOperator)
	var ok, limited int
	for range 20 {
		r := ta.get(t, "/v1/exports", a)
		switch r.status {
		case http.StatusOK:
			ok++
		case http.StatusTooManyRequests:
			limited++
			secs, err := strconv.Atoi(r.header.Get("Retry-After"))
			require.NoError(t, err)
			require.GreaterOrEqual(t, secs, 1)
			require.Contains(t, r.body, "too many requests for this API key")
		default:
			t.Fatalf("unexpected %d: %s", r.status, r.body)
		}
	}
	require.Equal(t, 5, ok, "the burst, then nothing: the clock stands still")
	require.Equal(t, 15, limited)
	for range 5 {
		require.Equal(t, http.StatusOK, ta.get(t, "/v1/exports", b).status, "another key is unaffected")
	}
	ta.clock.advance(2 * time.Second)
	require.Equal(t, http.StatusOK, ta.get(t, "/v1/exports", a).status, "tokens come back with time")
}

func TestAFloodFromOneAddressIsLimitedBeforeAnyKeyLookup(t *testing.T) {
	limits := testLimits()
	limits.AddrRate, limits.AddrBurst = 1, 3
	ta := newTestAPI(t, limits)
	var codes []int
	for range 6 {
		codes = append(codes, ta.get(t, "/v1/exports", "tbk_aaaaaaaaaaaa_bogusbogusbogusbogusbogusbogus").status)
	}
	require.Equal(t, []int{401, 401, 401, 429, 429, 429}, codes)
	r := ta.get(t, "/v1/openapi.yaml", "")
	require.Equal(t, http.StatusTooManyRequests, r.status, "public routes are limited too")
	require.Equal(t, "1", r.header.Get("Retry-After"))
	// The probes are outside every limit: the address that flooded still gets them.
	for range 50 {
		require.Equal(t, http.StatusOK, ta.get(t, "/healthz", "").status)
		require.Equal(t, http.StatusOK, ta.get(t, "/readyz", "").status)
	}
	require.Equal(t, http.StatusTooManyRequests, ta.get(t, "/v1/exports", "").status, "the API still refuses")
}

func TestConcurrentUploadsAreCapped(t *testing.T) {
	limits := testLimits()
	limits.MaxUploads = 2
	ta := newTestAPI(t, limits)
	ta.bucket.block = make(chan struct{})
	_, tok := ta.issue(t, apikeys.ScopeIngest)
	var wg sync.WaitGroup
	results := make(chan int, 2)
	for i := range 2 {
		wg.Go(func() { results <- ta.submit(t, tok, "north-01", "2026-11-25T17:05:00Z", testJPEG(t, 10+i)).status })
	}
	require.Eventually(t, func() bool { return len(ta.api.uploads) == 2 }, 5*time.Second, 10*time.Millisecond)
	r := ta.submit(t, tok, "north-01", "2026-11-25T17:05:00Z", testJPEG(t, 20))
	require.Equal(t, http.StatusServiceUnavailable, r.status, r.body)
	require.Equal(t, "1", r.header.Get("Retry-After"))
	close(ta.bucket.block)
	wg.Wait()
	close(results)
	for s := range results {
		require.Equal(t, http.StatusAccepted, s)
	}
}

func TestListsPageAndValidate(t *testing.T) {
	ta := newTestAPI(t, testLimits())
	_, op := ta.issue(t, apikeys.ScopeOperator)
	r := ta.get(t, "/v1/captures?booth=north-01&from=2026-11-25T00:00:00Z&to=2026-11-26T00:00:00Z", op)
	require.Equal(t, http.StatusOK, r.status, r.body)
	var list CaptureList
	require.NoError(t, json.Unmarshal([]byte(r.body), &list))
	require.Len(t, list.Captures, 1)
	require.Equal(t, "north-01", list.Captures[0].BoothID)

	r = ta.get(t, "/v1/captures?limit=1", op)
	require.NoError(t, json.Unmarshal([]byte(r.body), &list))
	require.Len(t, list.Captures, 1)
	require.Equal(t, "page-2", list.NextPageToken)
	r = ta.get(t, "/v1/captures?limit=1&page_token=page-2", op)
	list = CaptureList{}
	require.NoError(t, json.Unmarshal([]byte(r.body), &list))
	require.Len(t, list.Captures, 1)
	require.Empty(t, list.NextPageToken)

	for _, q := range []string{"booth=../x", "from=yesterday", "limit=0", "limit=100000", "page_token=forged"} {
		require.Equal(t, http.StatusBadRequest, ta.get(t, "/v1/captures?"+q, op).status, q)
	}
	r = ta.get(t, "/v1/exports", op)
	require.Equal(t, http.StatusOK, r.status)
	require.Contains(t, r.body, `"batch_id":"batch-000001"`)
	require.Equal(t, http.StatusNotFound, ta.get(t, "/v1/nothing", op).status)
}

func TestHealthReadinessAndMetrics(t *testing.T) {
	ta := newTestAPI(t, testLimits())
	require.Equal(t, http.StatusOK, ta.get(t, "/healthz", "").status)
	r := ta.get(t, "/readyz", "")
	require.Equal(t, http.StatusOK, r.status, r.body)
	require.JSONEq(t, `{"status":"ok","checks":{"temporal":"ok"}}`, r.body)

	ta.api.Checks = append(ta.api.Checks, Check{Name: "firestore", Run: func(context.Context) error {
		return errors.New("dial 10.0.0.7:8910: connection refused")
	}})
	require.Equal(t, http.StatusOK, ta.get(t, "/readyz", "").status, "the answer is reused for a second")
	ta.clock.advance(readyFor)
	r = ta.get(t, "/readyz", "")
	require.Equal(t, http.StatusServiceUnavailable, r.status)
	require.JSONEq(t, `{"status":"unavailable","checks":{"temporal":"ok","firestore":"failed"}}`, r.body)
	require.Contains(t, ta.logs.String(), "connection refused", "the reason is logged, not told")

	r = ta.get(t, "/metrics", "")
	require.Equal(t, http.StatusOK, r.status)
	require.Contains(t, r.body, `tollbooth_gateway_requests_total{code="503",route="/readyz"} 1`)
	require.Contains(t, r.body, "tollbooth_gateway_uploads_in_flight 0")
}

// recorder is a minimal ResponseWriter for calling a handler directly.
type recorder struct {
	h    http.Header
	code int
}

func newRecorder() *recorder                    { return &recorder{h: http.Header{}} }
func (r *recorder) Header() http.Header         { return r.h }
func (r *recorder) Write(b []byte) (int, error) { return len(b), nil }
func (r *recorder) WriteHeader(c int)           { r.code = c }
