package gateway

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/tollbooth/tollbooth/internal/apikeys"
)

// readyFor is how long a readiness answer is reused. /readyz is outside the rate limits, so a
// flood of it must not become a flood of Temporal, Firestore and storage calls: the checks run at
// most once per readyFor, by one request at a time, and the others share the answer. Probes come
// every few seconds; a second-old answer is as good as a fresh one to them.
const readyFor = time.Second

// Health answers /healthz and /readyz.
type Health struct {
	Status string            `json:"status"`           // ok or unavailable
	Checks map[string]string `json:"checks,omitempty"` // check name → ok or failed
}

// readiness is the last readiness answer and when it was made.
type readiness struct {
	mu     sync.Mutex
	at     time.Time
	health Health
}

// healthz says the process serves requests; it checks nothing downstream.
func (a *API) healthz(w http.ResponseWriter, _ *http.Request, _ apikeys.Key) {
	writeJSONStatus(w, http.StatusOK, Health{Status: "ok"})
}

// readyz runs every check (Temporal, Firestore, storage) at once; any failure answers 503. The
// reasons go to the log, not to the caller.
func (a *API) readyz(w http.ResponseWriter, r *http.Request, _ apikeys.Key) {
	h := a.readiness(r.Context())
	status := http.StatusOK
	if h.Status != "ok" {
		status = http.StatusServiceUnavailable
	}
	writeJSONStatus(w, status, h)
}

// readiness is the answer of the checks, made within the last readyFor.
func (a *API) readiness(ctx context.Context) Health {
	a.ready.mu.Lock() // held while the checks run: concurrent probes wait for this answer
	defer a.ready.mu.Unlock()
	now := a.Now()
	if !a.ready.at.IsZero() && now.Sub(a.ready.at) < readyFor && now.Sub(a.ready.at) >= 0 {
		return a.ready.health
	}
	// Not cut short by this caller leaving: the answer is shared with the others.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), readyTimeout)
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
	a.ready.at, a.ready.health = now, h
	return h
}
