package devstack

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// Progress prints whole lines from several goroutines (services start in parallel) without mixing
// them. A nil *Progress prints nothing.
type Progress struct {
	mu     sync.Mutex
	w      io.Writer
	prefix string
}

// NewProgress prints to w, each line starting with prefix (e.g. "devstack: ").
func NewProgress(w io.Writer, prefix string) *Progress {
	if w == nil {
		w = io.Discard
	}
	return &Progress{w: w, prefix: prefix}
}

// Printf prints one line.
func (p *Progress) Printf(format string, args ...any) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, p.prefix+format+"\n", args...)
}

// Writer is where Progress prints, for output that is not a progress line (tables).
func (p *Progress) Writer() io.Writer {
	if p == nil {
		return io.Discard
	}
	return p.w
}

// round shortens a duration for people: 3.1s, 250ms, 5m3s.
func round(d time.Duration) time.Duration {
	switch {
	case d < time.Second:
		return d.Round(10 * time.Millisecond)
	case d < time.Minute:
		return d.Round(100 * time.Millisecond)
	default:
		return d.Round(time.Second)
	}
}
