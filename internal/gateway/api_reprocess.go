package gateway

import (
	"context"
	"errors"
	"net/http"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/captureclient"
)

// ReprocessResponse answers POST /v1/captures/{id}/reprocess: the new run of the capture.
type ReprocessResponse struct {
	CaptureID string `json:"capture_id"`
	RunID     string `json:"run_id"`
	StatusURL string `json:"status_url"`
}

// ReprocessRefusal answers a reprocess that is refused (409): why, as a code to match on
// (captureclient.RefusalReason: final, running, completed) and in words.
type ReprocessRefusal struct {
	Error  string `json:"error"`
	Reason string `json:"reason"`
}

// reprocess starts a new run of a capture whose last run ended terminated, failed, timed out or
// canceled and that has no final record (captureclient.Client.Reprocess); anything else is refused.
func (a *API) reprocess(w http.ResponseWriter, r *http.Request, k apikeys.Key) {
	id, ok := captureIDParam(w, r)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	s, err := a.Captures.Reprocess(ctx, id)
	var refused *captureclient.ReprocessRefusedError
	switch {
	case errors.As(err, &refused) && refused.Reason == captureclient.RefusedNoRun:
		apiError(w, http.StatusNotFound, refused.Error())
		return
	case errors.As(err, &refused):
		writeJSONStatus(w, http.StatusConflict, ReprocessRefusal{Error: refused.Error(), Reason: string(refused.Reason)})
		return
	case err != nil:
		a.Log.Error("reprocess capture", "capture_id", id, "key_id", k.ID, "error", err)
		apiError(w, http.StatusServiceUnavailable, "could not reprocess capture "+id+" right now: try again shortly")
		return
	}
	a.Log.Info("capture reprocessing", "capture_id", id, "run_id", s.RunID, "key_id", k.ID)
	w.Header().Set("Location", "/v1/captures/"+id)
	writeJSONStatus(w, http.StatusAccepted, ReprocessResponse{CaptureID: id, RunID: s.RunID, StatusURL: "/v1/captures/" + id})
}
