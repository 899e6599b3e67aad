package gateway

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/signals"
)

type fakePhotos struct{ opened []string }

func (f *fakePhotos) Open(_ context.Context, bucket, object string) (io.ReadCloser, error) {
	f.opened = append(f.opened, bucket+"/"+object)
	return io.NopCloser(strings.NewReader("\xff\xd8jpeg bytes")), nil
}

type fakeCreds map[string]string

func (f fakeCreds) Check(id, pw string) bool { return pw != "" && f[id] == pw }

func newTestGateway(t *testing.T) (*httptest.Server, *fakeCaptures, *fakePhotos) {
	t.Helper()
	at := time.Date(2026, 11, 25, 17, 0, 0, 0, time.UTC)
	waiting := func(r capture.Record) *signals.CaptureState {
		r.Status = capture.StatusAwaitingReview
		return &signals.CaptureState{Record: r}
	}
	captures := &fakeCaptures{states: map[string]*signals.CaptureState{
		"old": waiting(capture.Record{CaptureID: "old", BoothID: "north-01", CaptureTime: at, PhotoURI: "gs://photos/photos/north-01/a.jpg",
			RawText: "CALIFORNIA\n7ABC12", Candidates: []capture.Candidate{{Plate: "7ABC12", Confidence: 0.41}},
			Reason: "best read 7ABC12 at confidence 0.41 is below 0.80", ReasonCode: capture.ReasonBelowThreshold}),
		"new":   waiting(capture.Record{CaptureID: "new", BoothID: "south-01", CaptureTime: at.Add(time.Minute), PhotoURI: "gs://photos/photos/south-01/b.jpg"}),
		"other": waiting(capture.Record{CaptureID: "other", CaptureTime: at.Add(time.Hour), PhotoURI: "gs://elsewhere/secret.jpg"}),
	}}
	photos := &fakePhotos{}
	g := &Gateway{Captures: captures, Photos: photos, Reviewers: fakeCreds{"alice": "alice-password", "bob": "bob-password"},
		PhotoBucket: "photos", Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	srv := httptest.NewServer(g.Handler())
	t.Cleanup(srv.Close)
	return srv, captures, photos
}

func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// signIn returns a client with a session for the reviewer.
func signIn(t *testing.T, srv *httptest.Server, id, pw string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: noRedirects}
	body := get(t, c, srv.URL+"/signin", http.StatusOK)
	resp, err := c.PostForm(srv.URL+"/signin", url.Values{"csrf": {csrf(t, body)}, "reviewer": {id}, "password": {pw}, "next": {"/queue"}})
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	require.Equal(t, "/queue", resp.Header.Get("Location"))
	var session *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == sessionCookie && ck.Value != "" {
			session = ck
		}
	}
	require.NotNil(t, session)
	require.True(t, session.HttpOnly)
	require.Equal(t, http.SameSiteStrictMode, session.SameSite)
	return c
}

func get(t *testing.T, c *http.Client, u string, want int) string {
	t.Helper()
	resp, err := c.Get(u)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	require.Equal(t, want, resp.StatusCode, "GET %s: %s", u, b)
	return string(b)
}

func csrf(t *testing.T, page string) string {
	t.Helper()
	m := csrfField.FindStringSubmatch(page)
	require.NotNil(t, m, "no CSRF field in %s", page)
	return m[1]
}

func TestUnauthenticatedRequestsAreRefused(t *testing.T) {
	srv, captures, photos := newTestGateway(t)
	c := &http.Client{CheckRedirect: noRedirects}
	for _, path := range []string{"/queue", "/review/old", "/review/next"} {
		resp, err := c.Get(srv.URL + path)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusSeeOther, resp.StatusCode, path)
		require.Equal(t, "/signin?next="+url.QueryEscape(path), resp.Header.Get("Location"), path)
	}
	for _, path := range []string{"/api/queue", "/photo/old"} {
		resp, err := c.Get(srv.URL + path)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusUnauthorized, resp.StatusCode, path)
	}
	resp, err := c.PostForm(srv.URL+"/review/old", url.Values{"plate": {"7ABC123"}})
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	// A forged session cookie is no session.
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/queue", nil)
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: "forged"})
	resp, err = c.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	require.Empty(t, captures.decisions)
	require.Empty(t, photos.opened)
}

func TestSignInRefusesAWrongPasswordAndAFormWithoutItsToken(t *testing.T) {
	srv, _, _ := newTestGateway(t)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: noRedirects}
	page := get(t, c, srv.URL+"/signin", http.StatusOK)
	resp, err := c.PostForm(srv.URL+"/signin", url.Values{"csrf": {csrf(t, page)}, "reviewer": {"alice"}, "password": {"wrong"}})
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	require.Contains(t, string(b), "wrong password")
	resp, err = c.PostForm(srv.URL+"/signin", url.Values{"reviewer": {"alice"}, "password": {"alice-password"}})
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusForbidden, resp.StatusCode, "no CSRF token")

	// Guessing: after ten wrong passwords even the right one is refused for a while.
	for range maxFailures {
		page = get(t, c, srv.URL+"/signin", http.StatusOK)
		resp, err = c.PostForm(srv.URL+"/signin", url.Values{"csrf": {csrf(t, page)}, "reviewer": {"bob"}, "password": {"guess"}})
		require.NoError(t, err)
		resp.Body.Close()
	}
	page = get(t, c, srv.URL+"/signin", http.StatusOK)
	resp, err = c.PostForm(srv.URL+"/signin", url.Values{"csrf": {csrf(t, page)}, "reviewer": {"bob"}, "password": {"bob-password"}})
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
}

func TestAReviewerDecidesFromTheFormAndTheNextTaskLoads(t *testing.T) {
	srv, captures, photos := newTestGateway(t)
	alice := signIn(t, srv, "alice", "alice-password")

	queue := get(t, alice, srv.URL+"/queue", http.StatusOK)
	require.Less(t, strings.Index(queue, `data-capture="old"`), strings.Index(queue, `data-capture="new"`), "oldest first")
	resp, err := alice.Get(srv.URL + "/review/next")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, "/review/old", resp.Header.Get("Location"))

	page := get(t, alice, srv.URL+"/review/old", http.StatusOK)
	require.Contains(t, page, "7ABC12")
	require.Contains(t, page, `src="/photo/old"`)
	require.Regexp(t, `id="plate"[^>]*autofocus`, page)
	require.Equal(t, "\xff\xd8jpeg bytes", get(t, alice, srv.URL+"/photo/old", http.StatusOK))
	require.Equal(t, []string{"photos/photos/north-01/a.jpg"}, photos.opened)
	get(t, alice, srv.URL+"/photo/other", http.StatusNotFound) // not in the photo bucket: never streamed

	// Without the form's CSRF token: refused.
	resp, err = alice.PostForm(srv.URL+"/review/old", url.Values{"plate": {"7ABC123"}})
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusForbidden, resp.StatusCode)

	// A malformed plate: the validator's message next to the field.
	resp, err = alice.PostForm(srv.URL+"/review/old", url.Values{"csrf": {csrf(t, page)}, "plate": {"!!"}})
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Regexp(t, `id="plate-error"[^>]*>[^<]*not a valid plate`, string(b))

	resp, err = alice.PostForm(srv.URL+"/review/old", url.Values{"csrf": {csrf(t, page)}, "plate": {"7abc 123"}})
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	require.True(t, strings.HasPrefix(resp.Header.Get("Location"), "/review/next?done=old&notice="))
	require.Len(t, captures.decisions, 1)
	require.Equal(t, "alice", captures.decisions[0].ReviewerID, "the signed-in reviewer, not a form field")
	require.False(t, captures.decisions[0].DecidedAt.IsZero())
	resp, err = alice.Get(srv.URL + resp.Header.Get("Location"))
	require.NoError(t, err)
	resp.Body.Close()
	require.True(t, strings.HasPrefix(resp.Header.Get("Location"), "/review/new"), "the next task: %s", resp.Header.Get("Location"))

	// Bob opened "old" before Alice decided; his late submission is refused.
	bob := signIn(t, srv, "bob", "bob-password")
	bobPage := get(t, bob, srv.URL+"/review/new", http.StatusOK)
	resp, err = bob.PostForm(srv.URL+"/review/old", url.Values{"csrf": {csrf(t, bobPage)}, "plate": {"7ABC999"}})
	require.NoError(t, err)
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusConflict, resp.StatusCode)
	require.Contains(t, string(b), "no longer waiting for a review: alice decided it first")
	require.Len(t, captures.decisions, 1, "nothing decided twice")

	// Signing out ends the session.
	resp, err = bob.PostForm(srv.URL+"/signout", url.Values{"csrf": {csrf(t, bobPage)}})
	require.NoError(t, err)
	resp.Body.Close()
	resp, err = bob.Get(srv.URL + "/api/queue")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
}

func TestSignInRedirectsOnlyWithinTheSite(t *testing.T) {
	require.Equal(t, "/queue", safeNext("https://evil.example/"))
	require.Equal(t, "/queue", safeNext("//evil.example/"))
	require.Equal(t, "/review/x", safeNext("/review/x"))
}
