package gateway

import (
	"context"
	"net/http"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/export"
)

// ExportList answers GET /v1/exports: the newest batches first.
type ExportList struct {
	Batches []export.Batch `json:"batches"`
}

func (a *API) exports(w http.ResponseWriter, r *http.Request, _ apikeys.Key) {
	limit, err := limitParam(r.URL.Query().Get("limit"))
	if err != nil {
		apiError(w, http.StatusBadRequest, "limit: "+err.Error())
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	bs, err := a.Batches.ListBatches(ctx, limit)
	if err != nil {
		a.Log.Error("list export batches", "error", err)
		apiError(w, http.StatusServiceUnavailable, "could not read export batches right now: try again shortly")
		return
	}
	if bs == nil {
		bs = []export.Batch{}
	}
	writeJSONStatus(w, http.StatusOK, ExportList{Batches: bs})
}
