package gateway

import (
	"sync"
	"time"
)

// Sign-in throttling: after maxFailures wrong passwords for one reviewer id within failureWindow,
// further attempts for that id are refused until the window has passed.
const (
	maxFailures   = 10
	failureWindow = 15 * time.Minute
)

type throttle struct {
	mu       sync.Mutex
	failures map[string][]time.Time
	now      func() time.Time
}

func newThrottle() *throttle { return &throttle{failures: map[string][]time.Time{}, now: time.Now} }

// blocked reports whether the id has too many recent failures.
func (t *throttle) blocked(id string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.recent(id)) >= maxFailures
}

func (t *throttle) fail(id string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.failures[id] = append(t.recent(id), t.now())
}

func (t *throttle) succeed(id string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.failures, id)
}

func (t *throttle) recent(id string) []time.Time {
	cut := t.now().Add(-failureWindow)
	fs := t.failures[id]
	for len(fs) > 0 && fs[0].Before(cut) {
		fs = fs[1:]
	}
	if len(fs) == 0 {
		delete(t.failures, id)
		return nil
	}
	t.failures[id] = fs
	return fs
}
