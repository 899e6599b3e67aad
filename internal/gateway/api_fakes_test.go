package gateway

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"log/slog"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/audit"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/export"
	"github.com/tollbooth/tollbooth/signals"
)

// fakeBucket is the photo bucket in memory; block, when set, holds every PutIfAbsent until closed.
type fakeBucket struct {
	mu      sync.Mutex
	objects map[string][]byte
	block   chan struct{}
}

func (f *fakeBucket) PutIfAbsent(_ context.Context, bucket, object, _ string, body io.Reader) (bool, error) {
	if f.block != nil {
		<-f.block
	}
	b, _ := io.ReadAll(body)
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.objects[bucket+"/"+object]; ok {
		return false, nil
	}
	f.objects[bucket+"/"+object] = b
	return true, nil
}

func (f *fakeBucket) Open(_ context.Context, bucket, object string) (io.ReadCloser, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, ok := f.objects[bucket+"/"+object]
	if !ok {
		return nil, errors.New("no object")
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

func (f *fakeBucket) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.objects)
}

// fakeSubmissions remembers which keys submitted which capture; err, when set, fails every call.
type fakeSubmissions struct {
	mu   sync.Mutex
	keys map[string][]string
	err  error
}

func (f *fakeSubmissions) Add(_ context.Context, captureID, keyID string, _ time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	if !slices.Contains(f.keys[captureID], keyID) {
		f.keys[captureID] = append(f.keys[captureID], keyID)
	}
	return nil
}

func (f *fakeSubmissions) SubmittedBy(_ context.Context, captureID, keyID string) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Contains(f.keys[captureID], keyID), f.err
}

// fakeAudit keeps audit entries in memory; err, when set, fails every write.
type fakeAudit struct {
	mu      sync.Mutex
	entries []audit.PlateRead
	err     error
}

func (f *fakeAudit) RecordPlateRead(_ context.Context, e audit.PlateRead) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	f.entries = append(f.entries, e)
	return nil
}

func (f *fakeAudit) all() []audit.PlateRead {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.entries)
}

type fakeBatches []export.Batch

func (f fakeBatches) ListBatches(context.Context, int) ([]export.Batch, error) { return f, nil }

// testAPI is an API on fakes, served by httptest, with its log captured.
type testAPI struct {
	srv      *httptest.Server
	api      *API
	keys     *apikeys.Memory
	bucket   *fakeBucket
	captures *fakeCaptures
	submits  *fakeSubmissions
	audit    *fakeAudit
	logs     *syncBuffer
	now      time.Time
	clock    *testClock
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

const testSigningKey = "test-signing-key-0123456789abcdef0123456789"

func testLimits() Limits {
	return Limits{KeyRate: 1000, KeyBurst: 1000, AddrRate: 1000, AddrBurst: 1000, MaxUploads: 4,
		PhotoURLTTL: 5 * time.Minute, URLSigningKey: testSigningKey}
}

var testAt = time.Date(2026, 11, 25, 17, 0, 0, 0, time.UTC)

func newTestAPI(t *testing.T, limits Limits) *testAPI {
	t.Helper()
	clock := &testClock{t: testAt.Add(time.Hour)}
	ta := &testAPI{keys: &apikeys.Memory{}, bucket: &fakeBucket{objects: map[string][]byte{}}, logs: &syncBuffer{}, clock: clock,
		captures: &fakeCaptures{states: map[string]*signals.CaptureState{}}, submits: &fakeSubmissions{keys: map[string][]string{}},
		audit: &fakeAudit{}}
	ta.captures.records = []capture.Record{
		{CaptureID: "aaaaaaaaaaaaaaaaaaaaaaa1", BoothID: "north-01", CaptureTime: testAt, Status: capture.StatusAccepted,
			Plate: "7ABC123", Confidence: 0.95, Decision: capture.DecisionAuto, PhotoURI: "gs://photos/photos/north-01/mine.jpg"},
		{CaptureID: "aaaaaaaaaaaaaaaaaaaaaaa2", BoothID: "south-01", CaptureTime: testAt.Add(time.Minute), Status: capture.StatusAccepted,
			Plate: "8XYZ999", Confidence: 0.91, Decision: capture.DecisionAuto, PhotoURI: "gs://photos/photos/south-01/theirs.jpg"},
	}
	ta.bucket.objects["photos/photos/north-01/mine.jpg"] = []byte("\xff\xd8my photo")
	ta.bucket.objects["photos/photos/south-01/theirs.jpg"] = []byte("\xff\xd8their photo")
	ta.api = &API{Keys: ta.keys, Photos: ta.bucket, Captures: ta.captures, Submissions: ta.submits, Records: ta.captures, Audit: ta.audit,
		Batches:     fakeBatches{{BatchID: "batch-000001", Seq: 1, Status: "done", Count: 2, FileName: "tollbooth-20261125-000001.csv", CreatedAt: testAt}},
		Checks:      []Check{{Name: "temporal", Run: func(context.Context) error { return nil }}},
		PhotoBucket: "photos", Booths: capture.Booths{"north-01", "south-01"}, MaxPhotoBytes: 64 << 10,
		Limits: limits, Log: slog.New(slog.NewJSONHandler(ta.logs, nil)), Now: clock.now}
	g := &Gateway{Captures: ta.captures, Photos: &fakePhotos{}, Reviewers: fakeCreds{}, PhotoBucket: "photos",
		Log: ta.api.Log, API: ta.api}
	ta.srv = httptest.NewServer(g.Handler())
	t.Cleanup(ta.srv.Close)
	return ta
}

// issue makes a key and returns its token.
func (ta *testAPI) issue(t *testing.T, scope apikeys.Scope, plates ...string) (apikeys.Key, string) {
	t.Helper()
	k, tok, err := apikeys.New(scope, "test "+string(scope), plates, ta.clock.now())
	require.NoError(t, err)
	require.NoError(t, ta.keys.Create(context.Background(), k))
	return k, tok
}

// testJPEG is a small real JPEG; seed changes its bytes.
func testJPEG(t *testing.T, seed int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 32, 16))
	for x := range 32 {
		for y := range 16 {
			img.Set(x, y, color.RGBA{uint8(x * 8), uint8(y * 16), uint8(seed), 255})
		}
	}
	var b bytes.Buffer
	require.NoError(t, jpeg.Encode(&b, img, nil))
	return b.Bytes()
}

// fillPattern puts sample values into a route pattern's wildcards.
func fillPattern(p string) string {
	r := strings.NewReplacer("{id}", "aaaaaaaaaaaaaaaaaaaaaaa1", "{plate}", "7ABC123")
	return r.Replace(p)
}

func scopesString(s []apikeys.Scope) string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = string(x)
	}
	slices.Sort(out)
	return fmt.Sprint(out)
}
