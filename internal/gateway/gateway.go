package gateway

import (
	"context"
	"embed"
	"errors"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/captureclient"
	"github.com/tollbooth/tollbooth/internal/photolimit"
	"github.com/tollbooth/tollbooth/signals"
)

//go:embed templates/*.html
var templateFiles embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"since":  func(d time.Duration) string { return d.Round(time.Second).String() },
	"time":   func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 MST") },
	"fields": jsonFieldsOf,
}).ParseFS(templateFiles, "templates/*.html"))

// Gateway serves the reviewers' pages. Build it with its dependencies, then use Handler.
type Gateway struct {
	Captures    Captures
	Photos      Photos
	Reviewers   Credentials
	PhotoBucket string // the only bucket photos are streamed from
	// SecureCookies marks cookies Secure; set it when the gateway is served over HTTPS.
	SecureCookies bool
	Log           *slog.Logger
	PageSize      int
	// API, when set, serves the /v1 JSON API, /healthz, /readyz and /metrics beside the pages.
	API *API
	// Decoder decodes photos to crop their plates (photolimit); nil: the default limits.
	Decoder *photolimit.Decoder

	sessions *sessions
	throttle *throttle
}

// Handler returns the gateway's routes. Pages redirect an unauthenticated request to the sign-in
// page; /api/ and /photo/ answer it with 401.
func (g *Gateway) Handler() http.Handler {
	g.sessions = newSessions()
	g.throttle = newThrottle()
	if g.Log == nil {
		g.Log = slog.Default()
	}
	if g.Decoder == nil {
		g.Decoder = photolimit.New(photolimit.DefaultMaxPixels, photolimit.DefaultMemoryBytes)
	}
	if g.PageSize <= 0 {
		g.PageSize = captureclient.DefaultPageSize
	}
	mux := http.NewServeMux()
	if g.API == nil {
		mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok\n") })
	}
	mux.HandleFunc("GET /signin", g.signinPage)
	mux.HandleFunc("POST /signin", g.signin)
	mux.HandleFunc("POST /signout", g.page(g.signout))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/queue", http.StatusSeeOther) })
	mux.HandleFunc("GET /queue", g.page(g.queuePage))
	mux.HandleFunc("GET /review/next", g.page(g.nextTask))
	mux.HandleFunc("GET /review/{id}", g.page(g.reviewPage))
	mux.HandleFunc("POST /review/{id}", g.page(g.submit))
	mux.HandleFunc("GET /photo/{id}", g.api(g.photo))
	mux.HandleFunc("GET /photo/{id}/plate", g.api(g.plateCrop))
	mux.HandleFunc("GET /api/queue", g.api(g.apiQueue))
	if g.API != nil {
		return g.API.Handler(securityHeaders(mux))
	}
	return securityHeaders(mux)
}

// maxFormBytes caps a request body: a sign-in or a decision is a few hundred bytes.
const maxFormBytes = 16 << 10

func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "same-origin")
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes) // forms are small; refuse anything else
		h.ServeHTTP(w, r)
	})
}

type handler func(w http.ResponseWriter, r *http.Request, s session)

// page requires a session, else redirects to the sign-in page; a POST also needs the CSRF token.
func (g *Gateway) page(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s, ok := g.sessions.get(r)
		if !ok {
			if r.Method != http.MethodGet {
				http.Error(w, "sign in first", http.StatusUnauthorized)
				return
			}
			http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if r.Method == http.MethodPost && !sameToken(r.PostFormValue("csrf"), s.csrf) {
			http.Error(w, "the form has expired: reload the page and try again", http.StatusForbidden)
			return
		}
		h(w, r, s)
	}
}

// api requires a session, else answers 401.
func (g *Gateway) api(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s, ok := g.sessions.get(r)
		if !ok {
			w.Header().Set("WWW-Authenticate", `Cookie realm="tollbooth reviewers"`)
			http.Error(w, "sign in first", http.StatusUnauthorized)
			return
		}
		h(w, r, s)
	}
}

func (g *Gateway) render(w http.ResponseWriter, status int, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := pages.ExecuteTemplate(w, name, data); err != nil {
		g.Log.Error("render page", "page", name, "error", err)
	}
}

func (g *Gateway) fail(w http.ResponseWriter, r *http.Request, what string, err error) {
	g.Log.Error(what, "path", r.URL.Path, "error", err)
	http.Error(w, what+": "+err.Error(), http.StatusBadGateway)
}

// --- sign-in ---

type signinData struct {
	CSRF, Next, Reviewer, Error string
}

func (g *Gateway) signinPage(w http.ResponseWriter, r *http.Request) {
	g.showSignin(w, http.StatusOK, signinData{Next: safeNext(r.URL.Query().Get("next"))})
}

func (g *Gateway) showSignin(w http.ResponseWriter, status int, d signinData) {
	d.CSRF = randomToken()
	http.SetCookie(w, g.cookie(signinCookie, d.CSRF, 600))
	g.render(w, status, "signin.html", d)
}

func (g *Gateway) signin(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie(signinCookie)
	if err != nil || !sameToken(r.PostFormValue("csrf"), c.Value) {
		http.Error(w, "the sign-in form has expired: reload the page and try again", http.StatusForbidden)
		return
	}
	id, password, next := strings.TrimSpace(r.PostFormValue("reviewer")), r.PostFormValue("password"), safeNext(r.PostFormValue("next"))
	if g.throttle.blocked(id) {
		g.Log.Warn("sign-in throttled", "reviewer", id, "remote", r.RemoteAddr)
		g.showSignin(w, http.StatusTooManyRequests, signinData{Next: next, Reviewer: id,
			Error: "too many wrong passwords for this reviewer: try again in 15 minutes"})
		return
	}
	if !g.Reviewers.Check(id, password) {
		g.throttle.fail(id)
		g.Log.Warn("sign-in refused", "reviewer", id, "remote", r.RemoteAddr)
		g.showSignin(w, http.StatusUnauthorized, signinData{Next: next, Reviewer: id, Error: "unknown reviewer or wrong password"})
		return
	}
	g.throttle.succeed(id)
	sid, _ := g.sessions.create(id)
	http.SetCookie(w, g.cookie(signinCookie, "", -1))
	http.SetCookie(w, g.cookie(sessionCookie, sid, int(sessionTTL/time.Second)))
	g.Log.Info("reviewer signed in", "reviewer", id)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (g *Gateway) signout(w http.ResponseWriter, r *http.Request, _ session) {
	g.sessions.delete(r)
	http.SetCookie(w, g.cookie(sessionCookie, "", -1))
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

// safeNext keeps redirects after sign-in on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/queue"
	}
	return next
}

// --- the queue ---

type queueData struct {
	Reviewer, CSRF, Notice string
	Page                   captureclient.Page
}

func (g *Gateway) queuePage(w http.ResponseWriter, r *http.Request, s session) {
	p, err := g.Captures.Queue(r.Context(), r.URL.Query().Get("page"), g.PageSize)
	if errors.Is(err, captureclient.ErrBadPageToken) {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err != nil {
		g.fail(w, r, "read the review queue", err)
		return
	}
	g.render(w, http.StatusOK, "queue.html", queueData{Reviewer: s.reviewer, CSRF: s.csrf, Page: p, Notice: r.URL.Query().Get("notice")})
}

func (g *Gateway) apiQueue(w http.ResponseWriter, r *http.Request, _ session) {
	p, err := g.Captures.Queue(r.Context(), r.URL.Query().Get("page"), g.PageSize)
	if errors.Is(err, captureclient.ErrBadPageToken) {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err != nil {
		g.fail(w, r, "read the review queue", err)
		return
	}
	writeJSON(w, p)
}

// nextTask opens the oldest waiting capture, or the queue when nothing waits. The capture just
// decided (done) is skipped: visibility may take a moment to see that it left the queue.
func (g *Gateway) nextTask(w http.ResponseWriter, r *http.Request, _ session) {
	p, err := g.Captures.Queue(r.Context(), "", 2)
	if err != nil {
		g.fail(w, r, "read the review queue", err)
		return
	}
	notice, done := r.URL.Query().Get("notice"), r.URL.Query().Get("done")
	p.Items = slices.DeleteFunc(p.Items, func(it captureclient.Item) bool { return done != "" && it.CaptureID == done })
	if len(p.Items) == 0 {
		http.Redirect(w, r, "/queue?notice="+url.QueryEscape(strings.TrimSpace(notice+" Nothing is waiting for a review.")), http.StatusSeeOther)
		return
	}
	target := "/review/" + url.PathEscape(p.Items[0].CaptureID)
	if notice != "" {
		target += "?notice=" + url.QueryEscape(notice)
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// --- one capture ---

type reviewData struct {
	Reviewer, CSRF, Notice string
	State                  signals.CaptureState
	Waiting                bool
	Plate                  string
	Errors                 map[string]string
	Refused                string
}

func (g *Gateway) reviewPage(w http.ResponseWriter, r *http.Request, s session) {
	id := r.PathValue("id")
	st, ok := g.show(w, r, id)
	if !ok {
		return
	}
	g.render(w, http.StatusOK, "review.html", reviewData{Reviewer: s.reviewer, CSRF: s.csrf, State: st,
		Waiting: st.Status == capture.StatusAwaitingReview, Notice: r.URL.Query().Get("notice")})
}

// show is a capture's state, or false once it has answered 404 (unknown capture) or failed.
func (g *Gateway) show(w http.ResponseWriter, r *http.Request, id string) (signals.CaptureState, bool) {
	st, err := g.Captures.Show(r.Context(), id)
	switch {
	case errors.Is(err, captureclient.ErrNotFound):
		http.Error(w, "no capture "+id+" (it may have been decided and archived)", http.StatusNotFound)
		return st, false
	case err != nil:
		g.fail(w, r, "read capture "+id, err)
		return st, false
	}
	return st, true
}

func (g *Gateway) submit(w http.ResponseWriter, r *http.Request, s session) {
	id := r.PathValue("id")
	d := signals.ReviewDecision{ReviewerID: s.reviewer, DecidedAt: time.Now().UTC()}
	if r.PostFormValue("unreadable") != "" {
		d.Unreadable = true
	} else {
		d.Plate = strings.TrimSpace(r.PostFormValue("plate"))
	}
	ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
	defer cancel()
	res, err := g.Captures.Decide(ctx, id, d)
	if err == nil {
		g.Log.Info("review decided", "capture_id", id, "reviewer", s.reviewer, "status", res.Status, "plate", res.Plate)
		notice := "Capture " + id + ": " + res.Status
		if res.Plate != "" {
			notice += ", plate " + res.Plate
		}
		http.Redirect(w, r, "/review/next?done="+url.QueryEscape(id)+"&notice="+url.QueryEscape(notice+"."), http.StatusSeeOther)
		return
	}
	data := reviewData{Reviewer: s.reviewer, CSRF: s.csrf, Plate: d.Plate}
	status := http.StatusUnprocessableEntity
	var invalid *signals.DecisionError
	var late *signals.NotWaitingError
	switch {
	case errors.As(err, &invalid):
		data.Errors = invalid.Fields
	case errors.As(err, &late):
		status, data.Refused = http.StatusConflict, refusedText(late)
	default:
		g.fail(w, r, "send the decision", err)
		return
	}
	if st, err := g.Captures.Show(r.Context(), id); err == nil {
		data.State, data.Waiting = st, st.Status == capture.StatusAwaitingReview
	} else {
		data.State.CaptureID = id
	}
	g.render(w, status, "review.html", data)
}

// refusedText tells a reviewer whose decision came too late who decided instead.
func refusedText(late *signals.NotWaitingError) string {
	msg := "Refused: this capture is no longer waiting for a review"
	switch {
	case late.ReviewerID != "":
		msg += ": " + late.ReviewerID + " decided it first"
	case late.Decision == capture.DecisionAuto:
		msg += ": the recognizer read it"
	case late.Status != "":
		msg += ": it is " + string(late.Status)
	}
	return msg + ". Your decision was not recorded."
}

// photo streams a capture's photo from the photo bucket.
func (g *Gateway) photo(w http.ResponseWriter, r *http.Request, _ session) {
	id := r.PathValue("id")
	st, ok := g.show(w, r, id)
	if !ok {
		return
	}
	bucket, object, ok := capture.SplitPhotoURI(st.PhotoURI)
	if !ok || bucket != g.PhotoBucket {
		http.Error(w, "the capture's photo is not in the photo bucket", http.StatusNotFound)
		return
	}
	rc, err := g.Photos.Open(r.Context(), bucket, object)
	if err != nil {
		g.fail(w, r, "open the photo", err)
		return
	}
	defer rc.Close()
	ct := "image/jpeg"
	if strings.HasSuffix(strings.ToLower(object), ".png") {
		ct = "image/png"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "private, max-age=3600")
	if _, err := io.Copy(w, rc); err != nil {
		g.Log.Warn("photo stream cut short", "capture_id", id, "error", err)
	}
}
