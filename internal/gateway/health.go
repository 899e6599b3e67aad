package gateway

import (
	"context"
	"net/http"
	"sync"

	"github.com/tollbooth/tollbooth/internal/apikeys"
)

// Health answers /healthz and /readyz.
type Health struct {
	Status string            `json:"status"`           // ok or unavailable
	Checks map[string]string `json:"checks,omitempty"` // check name → ok or failed
}

// healthz says the process serves requests; it checks nothing downstream.
func (a *API) healthz(w http.ResponseWriter, _ *http.Request, _ apikeys.Key) {
	writeJSONStatus(w, http.StatusOK, Health{Status: "ok"})
}

// readyz runs every check (Temporal, Firestore, storage) at once; any failure answers 503. The
// reasons go to the log, not to the caller.
func (a *API) readyz(w http.ResponseWriter, r *http.Request, _ apikeys.Key) {
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()
	h := Health{Status: "ok", Checks: map[string]string{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, c := range a.Checks {
		wg.Go(func() {
			err := c.Run(ctx)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				a.Log.Warn("readiness check failed", "check", c.Name, "error", err)
				h.Checks[c.Name], h.Status = "failed", "unavailable"
				return
			}
			h.Checks[c.Name] = "ok"
		})
	}
	wg.Wait()
	status := http.StatusOK
	if h.Status != "ok" {
		status = http.StatusServiceUnavailable
	}
	writeJSONStatus(w, status, h)
}
