package gateway

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiterIdle is how long an unused bucket is kept; limiterSweepAt is the map size that starts a
// sweep of idle ones, so a flood from many addresses cannot grow memory without bound.
const (
	limiterIdle    = 10 * time.Minute
	limiterSweepAt = 10000
)

// limiters is one token bucket per key (an API key id or a client address).
type limiters struct {
	mu    sync.Mutex
	rate  rate.Limit
	burst int
	now   func() time.Time
	m     map[string]*limiter
}

type limiter struct {
	l    *rate.Limiter
	used time.Time
}

func newLimiters(perSecond float64, burst int, now func() time.Time) *limiters {
	return &limiters{rate: rate.Limit(perSecond), burst: max(burst, 1), now: now, m: map[string]*limiter{}}
}

// allow takes a token for key, or says how long until one is there.
func (ls *limiters) allow(key string) (time.Duration, bool) {
	now := ls.now()
	ls.mu.Lock()
	l := ls.m[key]
	if l == nil {
		if len(ls.m) >= limiterSweepAt {
			for k, v := range ls.m {
				if now.Sub(v.used) > limiterIdle {
					delete(ls.m, k)
				}
			}
		}
		l = &limiter{l: rate.NewLimiter(ls.rate, ls.burst)}
		ls.m[key] = l
	}
	l.used = now
	ls.mu.Unlock()
	res := l.l.ReserveN(now, 1)
	if !res.OK() {
		return time.Minute, false
	}
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return d, false
	}
	return 0, true
}

// tooMany answers 429 with Retry-After in whole seconds (at least 1).
func tooMany(w http.ResponseWriter, wait time.Duration, msg string) {
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(max(wait, time.Second).Seconds()))))
	apiError(w, http.StatusTooManyRequests, msg+": retry after the time in Retry-After")
}
