package gateway

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/captureclient"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/internal/photolimit"
	"github.com/tollbooth/tollbooth/signals"
)

// SubmitResponse answers POST /v1/captures.
type SubmitResponse struct {
	CaptureID string `json:"capture_id"`
	StatusURL string `json:"status_url"`
	PhotoURI  string `json:"photo_uri"`
	// Duplicate is true when this photo (same booth, capture time and bytes) was submitted before:
	// nothing new was stored or started.
	Duplicate bool `json:"duplicate"`
}

// CaptureList is a page of captures. Each is the capture's record (signals.CaptureState, with no
// refused signals: those live only in a running workflow's answer).
type CaptureList struct {
	Captures      []signals.CaptureState `json:"captures"`
	NextPageToken string                 `json:"next_page_token,omitempty"`
}

// submit stores a photo under the same object layout as `starter upload` (booth, capture time,
// content hash; written only if absent) and starts its workflow (idempotent per photo), so the same
// submission twice answers with the same capture id and runs once.
func (a *API) submit(w http.ResponseWriter, r *http.Request, k apikeys.Key) {
	select {
	case a.uploads <- struct{}{}:
		defer func() { <-a.uploads }()
	default:
		a.metrics.limited.WithLabelValues("uploads").Inc()
		w.Header().Set("Retry-After", "1")
		apiError(w, http.StatusServiceUnavailable, "too many uploads in progress: retry after the time in Retry-After")
		return
	}
	a.metrics.uploading.Inc()
	defer a.metrics.uploading.Dec()
	ctx, cancel := context.WithTimeout(r.Context(), uploadTimeout)
	defer cancel()

	form, status, err := a.readSubmission(r)
	if err != nil {
		apiError(w, status, err.Error())
		return
	}
	sum := sha256.Sum256(form.photo)
	object := capture.ObjectName(form.booth, form.at, hex.EncodeToString(sum[:]), form.ext)
	wrote, err := a.Photos.PutIfAbsent(ctx, a.PhotoBucket, object, form.contentType, bytes.NewReader(form.photo))
	if err != nil {
		a.Log.Error("store submitted photo", "key_id", k.ID, "object", object, "error", err)
		apiError(w, http.StatusServiceUnavailable, "could not store the photo: try again (the same photo is never stored twice)")
		return
	}
	// Before the start: the status is readable by this key as soon as the workflow runs.
	if err := a.Submissions.Add(ctx, capture.ID(a.PhotoBucket, object), k.ID, a.Now()); err != nil {
		a.Log.Error("record submission", "key_id", k.ID, "object", object, "error", err)
		apiError(w, http.StatusServiceUnavailable, "the photo is stored but its submission could not be recorded: submit it again")
		return
	}
	started, err := a.Captures.Start(ctx, a.PhotoBucket, object, captureSource)
	if err != nil {
		a.Log.Error("start capture workflow", "key_id", k.ID, "object", object, "error", err)
		apiError(w, http.StatusServiceUnavailable, "the photo is stored but its processing could not be started: submit it again")
		return
	}
	a.Log.Info("capture submitted", "capture_id", started.CaptureID, "key_id", k.ID, "booth_id", form.booth,
		"stored", wrote, "duplicate", started.Existing)
	w.Header().Set("Location", "/v1/captures/"+started.CaptureID)
	writeJSONStatus(w, http.StatusAccepted, SubmitResponse{CaptureID: started.CaptureID, StatusURL: "/v1/captures/" + started.CaptureID,
		PhotoURI: capture.PhotoURI(a.PhotoBucket, object), Duplicate: !wrote && started.Existing})
}

type submission struct {
	booth, ext, contentType string
	at                      time.Time
	photo                   []byte
}

// readSubmission reads the multipart form: booth_id, capture_time, photo (in any order). Errors say
// which field is wrong, with the HTTP status to answer.
func (a *API) readSubmission(r *http.Request) (submission, int, error) {
	var s submission
	mr, err := r.MultipartReader()
	if err != nil {
		return s, http.StatusBadRequest, errors.New("send multipart/form-data with the fields photo, booth_id and capture_time")
	}
	var booth, at string
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return s, bodyErrorStatus(err), bodyError(err, a.MaxPhotoBytes)
		}
		switch part.FormName() {
		case "booth_id":
			booth, err = smallField(part)
		case "capture_time":
			at, err = smallField(part)
		case "photo":
			s.photo, err = io.ReadAll(io.LimitReader(part, a.MaxPhotoBytes+1))
			if err == nil && int64(len(s.photo)) > a.MaxPhotoBytes {
				return s, http.StatusRequestEntityTooLarge, fmt.Errorf("photo: over the %d-byte limit", a.MaxPhotoBytes)
			}
		default:
			_, err = io.Copy(io.Discard, part)
		}
		if err != nil {
			return s, bodyErrorStatus(err), bodyError(err, a.MaxPhotoBytes)
		}
	}
	if err := a.Booths.Check(booth); err != nil {
		return s, http.StatusBadRequest, fmt.Errorf("booth_id: %w", err)
	}
	s.booth = booth
	if s.at, err = time.Parse(time.RFC3339Nano, at); err != nil {
		return s, http.StatusBadRequest, fmt.Errorf("capture_time: %q is not an RFC 3339 time like 2026-11-25T17:05:00Z", at)
	}
	if s.at.After(a.Now().Add(maxFutureSkew)) {
		return s, http.StatusBadRequest, fmt.Errorf("capture_time: %s is in the future", s.at.UTC().Format(time.RFC3339))
	}
	if len(s.photo) == 0 {
		return s, http.StatusBadRequest, errors.New("photo: missing or empty: attach the JPEG or PNG file as the form field \"photo\"")
	}
	s.contentType = http.DetectContentType(s.photo)
	s.ext = map[string]string{"image/jpeg": "jpg", "image/png": "png"}[s.contentType]
	if s.ext == "" {
		return s, http.StatusBadRequest, fmt.Errorf("photo: not a JPEG or PNG image (the content looks like %s)", s.contentType)
	}
	// The header only: the worker decodes the photo whole. A decompression bomb (a small file
	// declaring a huge canvas) is refused here, before it is stored.
	var tooLarge *photolimit.TooLargeError
	if _, _, err := a.Decoder.Check(s.photo); errors.As(err, &tooLarge) {
		return s, http.StatusUnprocessableEntity, fmt.Errorf("photo: %v", err)
	} else if err != nil {
		return s, http.StatusBadRequest, fmt.Errorf("photo: a damaged %s image: %v", s.ext, err)
	}
	return s, 0, nil
}

func smallField(p *multipart.Part) (string, error) {
	b, err := io.ReadAll(io.LimitReader(p, maxFieldBytes+1))
	if err != nil {
		return "", err
	}
	if len(b) > maxFieldBytes {
		return "", fmt.Errorf("field %s is longer than %d bytes", p.FormName(), maxFieldBytes)
	}
	return strings.TrimSpace(string(b)), nil
}

func bodyErrorStatus(err error) int {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}

func bodyError(err error, maxPhoto int64) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return fmt.Errorf("request body over the limit (photos up to %d bytes)", maxPhoto)
	}
	return fmt.Errorf("malformed multipart body: %v", err)
}

var captureIDPattern = regexp.MustCompile(`^[0-9a-f]{24}$`)

// captureIDParam is the request's {id}, or false once it has answered 400 for a malformed one.
func captureIDParam(w http.ResponseWriter, r *http.Request) (string, bool) {
	id := r.PathValue("id")
	if !captureIDPattern.MatchString(id) {
		apiError(w, http.StatusBadRequest, "capture id: 24 lower-case hex characters")
		return "", false
	}
	return id, true
}

// status answers one capture's state: its workflow's query while it runs, else its record. An
// ingest key reads only the captures it submitted; any other answers exactly like an unknown one
// (404), so a key learns nothing of other keys' captures, not even that they exist.
func (a *API) status(w http.ResponseWriter, r *http.Request, k apikeys.Key) {
	id, ok := captureIDParam(w, r)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	if k.Scope == apikeys.ScopeIngest {
		mine, err := a.Submissions.SubmittedBy(ctx, id, k.ID)
		if err != nil {
			a.Log.Error("look up submission", "capture_id", id, "key_id", k.ID, "error", err)
			apiError(w, http.StatusServiceUnavailable, "could not read capture "+id+" right now: try again shortly")
			return
		}
		if !mine {
			a.Log.Info("ingest key asked for a capture it did not submit", "capture_id", id, "key_id", k.ID)
			apiError(w, http.StatusNotFound, notFound(id))
			return
		}
	}
	st, ok := a.show(ctx, w, id)
	if ok {
		writeJSONStatus(w, http.StatusOK, st)
	}
}

// show is a capture's state, or false once it has answered 404 (unknown capture) or 503.
func (a *API) show(ctx context.Context, w http.ResponseWriter, id string) (signals.CaptureState, bool) {
	st, err := a.Captures.Show(ctx, id)
	switch {
	case errors.Is(err, captureclient.ErrNotFound):
		apiError(w, http.StatusNotFound, notFound(id))
		return st, false
	case err != nil:
		a.Log.Error("show capture", "capture_id", id, "error", err)
		apiError(w, http.StatusServiceUnavailable, "could not read capture "+id+" right now: try again shortly")
		return st, false
	}
	return st, true
}

// notFound is the answer for a capture this caller may not know of, whether or not it exists.
func notFound(id string) string { return "no capture " + id }

// list pages through the captures of a booth and time range, newest first.
func (a *API) list(w http.ResponseWriter, r *http.Request, _ apikeys.Key) {
	q := r.URL.Query()
	cq := gcp.CaptureQuery{BoothID: q.Get("booth"), PageToken: q.Get("page_token")}
	if cq.BoothID != "" {
		if err := a.Booths.Check(cq.BoothID); err != nil {
			apiError(w, http.StatusBadRequest, "booth: "+err.Error())
			return
		}
	}
	var err error
	if cq.From, err = timeParam(q.Get("from")); err != nil {
		apiError(w, http.StatusBadRequest, "from: "+err.Error())
		return
	}
	if cq.To, err = timeParam(q.Get("to")); err != nil {
		apiError(w, http.StatusBadRequest, "to: "+err.Error())
		return
	}
	if cq.Limit, err = limitParam(q.Get("limit")); err != nil {
		apiError(w, http.StatusBadRequest, "limit: "+err.Error())
		return
	}
	a.page(w, r, cq, func(recs []capture.Record, next string) any {
		out := CaptureList{Captures: make([]signals.CaptureState, len(recs)), NextPageToken: next}
		for i, rec := range recs {
			out.Captures[i].Record = rec
		}
		return out
	})
}

// page runs a search and answers with render's result.
func (a *API) page(w http.ResponseWriter, r *http.Request, cq gcp.CaptureQuery, render func([]capture.Record, string) any) {
	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	recs, next, ok := a.search(ctx, w, r, cq)
	if ok {
		writeJSONStatus(w, http.StatusOK, render(recs, next))
	}
}

// search runs a search, or answers 400 (a forged page token) or 503 and returns false.
func (a *API) search(ctx context.Context, w http.ResponseWriter, r *http.Request, cq gcp.CaptureQuery) ([]capture.Record, string, bool) {
	recs, next, err := a.Records.Search(ctx, cq)
	if errors.Is(err, gcp.ErrBadPageToken) {
		apiError(w, http.StatusBadRequest, err.Error())
		return nil, "", false
	}
	if err != nil {
		a.Log.Error("search captures", "path", r.URL.Path, "error", err)
		apiError(w, http.StatusServiceUnavailable, "could not read captures right now: try again shortly")
		return nil, "", false
	}
	return recs, next, true
}

func timeParam(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return t, fmt.Errorf("%q is not an RFC 3339 time like 2026-11-25T17:05:00Z", v)
	}
	return t, nil
}

func limitParam(v string) (int, error) {
	if v == "" {
		return defaultListLimit, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxListLimit {
		return 0, fmt.Errorf("%q: want a number from 1 to %d", v, maxListLimit)
	}
	return n, nil
}

func writeJSONStatus(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // links keep their "&": the body is application/json, never HTML
	_ = enc.Encode(v)
}

// ErrorResponse is every API error's body.
type ErrorResponse struct {
	Error string `json:"error"`
}

func apiError(w http.ResponseWriter, status int, msg string) {
	writeJSONStatus(w, status, ErrorResponse{Error: msg})
}
