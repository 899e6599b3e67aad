package gateway

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/audit"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/export"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/internal/photolimit"
)

// API limits and sizes that are not configuration.
const (
	maxUploadOverhead  = 64 << 10 // multipart framing and the form fields around the photo
	maxAPIRequestBytes = 16 << 10 // any other /v1 request body
	maxFieldBytes      = 256      // booth_id, capture_time
	defaultListLimit   = 50
	maxListLimit       = 200
	queryTimeout       = 15 * time.Second
	readyTimeout       = 5 * time.Second
	uploadTimeout      = 60 * time.Second
	maxFutureSkew      = 24 * time.Hour // a capture time further ahead than this is refused
	captureSource      = "api"          // recorded in each workflow's input
)

// PhotoStore is the photo bucket as the API uses it (gcp.Bucket).
type PhotoStore interface {
	Open(ctx context.Context, bucket, object string) (io.ReadCloser, error)
	PutIfAbsent(ctx context.Context, bucket, object, contentType string, body io.Reader) (bool, error)
}

// CaptureSearch pages through capture records (gcp.Captures).
type CaptureSearch interface {
	Search(ctx context.Context, q gcp.CaptureQuery) ([]capture.Record, string, error)
}

// Batches lists export batches (gcp.Exports).
type Batches interface {
	ListBatches(ctx context.Context, limit int) ([]export.Batch, error)
}

// Submissions remembers which API keys submitted which capture (gcp.Submissions): an ingest key
// reads the status of those only.
type Submissions interface {
	Add(ctx context.Context, captureID, keyID string, at time.Time) error
	SubmittedBy(ctx context.Context, captureID, keyID string) (bool, error)
}

// PlateAudit records every answer that shows a plate's captures (gcp.AuditLog).
type PlateAudit interface {
	RecordPlateRead(ctx context.Context, e audit.PlateRead) error
}

// Check is one readiness check (Temporal, Firestore, storage).
type Check struct {
	Name string
	Run  func(ctx context.Context) error
}

// API is the gateway's /v1 JSON API for booths, operators and customers, with /healthz, /readyz,
// /metrics and its OpenAPI document.
type API struct {
	Keys          apikeys.Store
	OIDC          *OIDC // nil: API keys only
	Photos        PhotoStore
	Captures      Captures
	Submissions   Submissions
	Records       CaptureSearch
	Audit         PlateAudit
	Batches       Batches
	Checks        []Check
	PhotoBucket   string
	Booths        capture.Booths
	MaxPhotoBytes int64
	// Decoder checks the pixels a submitted photo declares (photolimit); nil: the default limits.
	Decoder *photolimit.Decoder
	Limits  Limits
	Log     *slog.Logger
	Now     func() time.Time

	keyLimits, addrLimits *limiters
	ready                 readiness
	uploads               chan struct{}
	links                 *photoLinks
	metrics               *apiMetrics
}

// route is one API endpoint: who may call it, and what answers it. Public routes say so; any other
// route without a scope would refuse everyone (default deny). Probes (liveness, readiness) are
// outside every rate limit: behind a load balancer or a NAT every client shares one address, and a
// flood from it must not get the pods marked unhealthy.
type route struct {
	method, pattern string
	public          bool
	probe           bool // public and never rate-limited
	scopes          []apikeys.Scope
	handle          func(w http.ResponseWriter, r *http.Request, k apikeys.Key)
}

// plateCapturesRoute is the route that shows a plate's captures, as the audit log names it.
const plateCapturesRoute = "/v1/plates/{plate}/captures"

func (a *API) routes() []route {
	op, in, rv, cu := apikeys.ScopeOperator, apikeys.ScopeIngest, apikeys.ScopeReviewer, apikeys.ScopeCustomer
	return []route{
		{method: "GET", pattern: "/healthz", public: true, probe: true, handle: a.healthz},
		{method: "GET", pattern: "/readyz", public: true, probe: true, handle: a.readyz},
		{method: "GET", pattern: "/metrics", public: true, handle: a.serveMetrics},
		{method: "GET", pattern: "/v1/openapi.yaml", public: true, handle: serveOpenAPI},
		{method: "POST", pattern: "/v1/captures", scopes: []apikeys.Scope{in, op}, handle: a.submit},
		{method: "GET", pattern: "/v1/captures", scopes: []apikeys.Scope{op, rv}, handle: a.list},
		{method: "GET", pattern: "/v1/captures/{id}", scopes: []apikeys.Scope{in, op, rv}, handle: a.status},
		{method: "POST", pattern: "/v1/captures/{id}/reprocess", scopes: []apikeys.Scope{op}, handle: a.reprocess},
		{method: "GET", pattern: plateCapturesRoute, scopes: []apikeys.Scope{cu, op}, handle: a.plateCaptures},
		// A signed photo link carries its own authorization (capture id, expiry, HMAC), no key.
		{method: "GET", pattern: "/v1/photos/{id}", public: true, handle: a.signedPhoto},
		{method: "GET", pattern: "/v1/exports", scopes: []apikeys.Scope{op}, handle: a.exports},
	}
}

// Handler serves the API's routes and hands every other request to next (the reviewers' pages).
func (a *API) Handler(next http.Handler) http.Handler {
	if a.Log == nil {
		a.Log = slog.Default()
	}
	if a.Now == nil {
		a.Now = time.Now
	}
	if a.Decoder == nil {
		a.Decoder = photolimit.New(photolimit.DefaultMaxPixels, photolimit.DefaultMemoryBytes)
	}
	a.keyLimits = newLimiters(a.Limits.KeyRate, a.Limits.KeyBurst, a.Now)
	a.addrLimits = newLimiters(a.Limits.AddrRate, a.Limits.AddrBurst, a.Now)
	a.uploads = make(chan struct{}, max(a.Limits.MaxUploads, 1))
	a.links = newPhotoLinks(a.Limits.URLSigningKey, a.Limits.PhotoURLTTL, a.Now)
	a.metrics = newAPIMetrics()
	mux := http.NewServeMux()
	for _, rt := range a.routes() {
		mux.Handle(rt.method+" "+rt.pattern, a.metrics.instrument(rt.pattern, a.guard(rt)))
	}
	mux.Handle("/v1/", a.metrics.instrument("unknown", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		apiError(w, http.StatusNotFound, "no such API endpoint: see /v1/openapi.yaml")
	})))
	mux.Handle("/", next)
	return mux
}
