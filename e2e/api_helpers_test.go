//go:build integration

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/internal/reviewers"
)

// lockedBuffer collects the gateway's log for the secret scan.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startAPIGateway serves the whole gateway (pages and API) with the given API limits on a free
// port, logging at debug level into logs.
func (s *stack) startAPIGateway(t *testing.T, limits config.API, logs *lockedBuffer) string {
	t.Helper()
	cfg := s.cfg
	cfg.API = limits
	cfg.Review.ReviewersFile = filepath.Join(t.TempDir(), "reviewers")
	require.NoError(t, reviewers.Add(cfg.Review.ReviewersFile, "api-e2e", "api-e2e-password"))
	g, err := app.NewGateway(cfg, s.temporal, s.cloud, slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	require.NoError(t, err)
	return serveGateway(t, g)
}

// issueKey stores a new API key the way `starter apikey issue` does and returns its token.
func (s *stack) issueKey(t *testing.T, scope apikeys.Scope, plates ...string) (apikeys.Key, string) {
	t.Helper()
	k, tok, err := apikeys.New(scope, "e2e "+string(scope), plates, time.Now())
	require.NoError(t, err)
	require.NoError(t, gcp.APIKeys{Client: s.cloud.Firestore}.Create(context.Background(), k))
	return k, tok
}

type apiResult struct {
	status int
	header http.Header
	body   []byte
}

func apiCall(t *testing.T, method, url, token string, body io.Reader, contentType string) apiResult {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
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
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return apiResult{status: resp.StatusCode, header: resp.Header, body: b}
}

func apiSubmit(t *testing.T, base, token, booth string, at time.Time, photo []byte) apiResult {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	require.NoError(t, mw.WriteField("booth_id", booth))
	require.NoError(t, mw.WriteField("capture_time", at.UTC().Format(time.RFC3339Nano)))
	fw, err := mw.CreateFormFile("photo", "photo.jpg")
	require.NoError(t, err)
	_, _ = fw.Write(photo)
	require.NoError(t, mw.Close())
	return apiCall(t, http.MethodPost, base+"/v1/captures", token, &b, mw.FormDataContentType())
}

func decode[T any](t *testing.T, r apiResult) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(r.body, &v), "%s", r.body)
	return v
}
