package gateway

import (
	"context"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/audit"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/internal/plate"
)

// PlateCapture is one capture as its vehicle's owner sees it: no reviewer, no raw text, no bucket.
type PlateCapture struct {
	CaptureID         string    `json:"capture_id"`
	BoothID           string    `json:"booth_id"`
	CaptureTime       time.Time `json:"capture_time"`
	Plate             string    `json:"plate"`
	PhotoURL          string    `json:"photo_url"`
	PhotoURLExpiresAt time.Time `json:"photo_url_expires_at"`
}

// PlateCaptureList is a page of a plate's captures.
type PlateCaptureList struct {
	Plate         string         `json:"plate"`
	Captures      []PlateCapture `json:"captures"`
	NextPageToken string         `json:"next_page_token,omitempty"`
}

// plateCaptures lists the accepted captures of a plate, newest first, with short-lived photo
// links. A customer key reads only its own plates: any other plate answers 404, exactly like a
// plate that was never seen, so nothing about other vehicles leaks. Every answer is written to the
// audit log first; when that fails the answer is 503 (fail closed: a disclosure nobody can trace
// later is the breach the log is there to prevent, and the caller can simply ask again).
func (a *API) plateCaptures(w http.ResponseWriter, r *http.Request, k apikeys.Key) {
	p := plate.Normalize(r.PathValue("plate"))
	if p == "" || len(p) > 10 {
		apiError(w, http.StatusNotFound, "no captures for this plate")
		return
	}
	if k.Scope == apikeys.ScopeCustomer && !k.HasPlate(p) {
		a.Log.Warn("customer asked for a plate not bound to the key", "key_id", k.ID)
		apiError(w, http.StatusNotFound, "no captures for this plate")
		return
	}
	q := r.URL.Query()
	cq := gcp.CaptureQuery{Plate: p, PageToken: q.Get("page_token")}
	var err error
	if cq.Limit, err = limitParam(q.Get("limit")); err != nil {
		apiError(w, http.StatusBadRequest, "limit: "+err.Error())
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	recs, next, ok := a.search(ctx, w, r, cq)
	if !ok {
		return
	}
	base := a.publicBase(r)
	out := PlateCaptureList{Plate: p, Captures: []PlateCapture{}, NextPageToken: next}
	ids := []string{}
	for _, rec := range recs {
		if rec.Status != capture.StatusAccepted || rec.Plate != p { // only billable reads of this plate
			continue
		}
		link, exp := a.links.link(rec.CaptureID)
		out.Captures = append(out.Captures, PlateCapture{CaptureID: rec.CaptureID, BoothID: rec.BoothID,
			CaptureTime: rec.CaptureTime, Plate: rec.Plate, PhotoURL: base + link, PhotoURLExpiresAt: exp})
		ids = append(ids, rec.CaptureID)
	}
	entry := audit.PlateRead{At: a.Now().UTC(), KeyID: k.ID, Customer: k.Name, Scope: string(k.Scope), Plate: p,
		CaptureIDs: ids, Route: plateCapturesRoute, ClientAddr: a.clientAddr(r)}
	if err := a.Audit.RecordPlateRead(ctx, entry); err != nil {
		a.Log.Error("audit log: plate read not recorded, answer refused", "key_id", k.ID, "error", err)
		apiError(w, http.StatusServiceUnavailable, "this read could not be recorded in the audit log: try again shortly")
		return
	}
	writeJSONStatus(w, http.StatusOK, out)
}

// publicBase is the scheme and host of links: TOLLBOOTH_API_PUBLIC_URL, else the request's host.
func (a *API) publicBase(r *http.Request) string {
	if a.Limits.PublicURL != "" {
		return a.Limits.PublicURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// signedPhoto streams a capture's photo to whoever holds a valid, unexpired link.
func (a *API) signedPhoto(w http.ResponseWriter, r *http.Request, _ apikeys.Key) {
	id := r.PathValue("id")
	q := r.URL.Query()
	if !captureIDPattern.MatchString(id) || !a.links.valid(id, q.Get("expires"), q.Get("sig")) {
		apiError(w, http.StatusForbidden, "this photo link is invalid or has expired: ask the API for a new one")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	st, ok := a.show(ctx, w, id)
	if !ok {
		return
	}
	bucket, object, ok := capture.SplitPhotoURI(st.PhotoURI)
	if !ok || bucket != a.PhotoBucket {
		apiError(w, http.StatusNotFound, "no photo for capture "+id)
		return
	}
	rc, err := a.Photos.Open(r.Context(), bucket, object)
	if err != nil {
		a.Log.Error("open photo", "capture_id", id, "error", err)
		apiError(w, http.StatusServiceUnavailable, "could not read the photo right now")
		return
	}
	defer rc.Close()
	ct := "image/jpeg"
	if strings.HasSuffix(object, ".png") {
		ct = "image/png"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "private, max-age=60")
	if _, err := io.Copy(w, rc); err != nil {
		a.Log.Warn("photo stream cut short", "capture_id", id, "error", err)
	}
}
