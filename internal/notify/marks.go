package notify

import (
	"context"
	"sync"
	"time"

	"github.com/tollbooth/tollbooth/internal/alert"
)

// Marks records which alerts were delivered, so that a condition is reported once per window.
type Marks interface {
	// Claim starts a delivery of a. It returns Duplicate when the same condition was delivered
	// within window, ErrInProgress when another worker holds an unexpired claim, and otherwise the
	// channels an earlier, interrupted delivery already used.
	Claim(ctx context.Context, a alert.Alert, now time.Time, window, lease time.Duration) (Claim, error)
	// Sent records that channel delivered a.
	Sent(ctx context.Context, a alert.Alert, channel string) error
	// Done completes the delivery at time at: the window starts.
	Done(ctx context.Context, a alert.Alert, at time.Time) error
	// Release gives up the claim after a failure, keeping the channels already used.
	Release(ctx context.Context, a alert.Alert) error
}

// Claim is the state of a delivery the caller may now carry out.
type Claim struct {
	Duplicate bool
	Sent      map[string]bool
}

// mark is the stored state of one condition.
type mark struct {
	LastSentAt time.Time       `firestore:"last_sent_at"`
	LeaseUntil time.Time       `firestore:"lease_until"`
	Pending    bool            `firestore:"pending"` // a delivery started and did not complete
	Sent       map[string]bool `firestore:"sent"`    // channels used by the pending delivery
}

// decide applies a claim to the stored state; it is shared by every Marks implementation.
func (m mark) decide(now time.Time, window, lease time.Duration) (mark, Claim, error) {
	if !m.Pending && !m.LastSentAt.IsZero() && now.Before(m.LastSentAt.Add(window)) {
		return m, Claim{Duplicate: true}, nil
	}
	if m.Pending && now.Before(m.LeaseUntil) {
		return m, Claim{}, ErrInProgress
	}
	if !m.Pending {
		m.Sent = map[string]bool{}
	}
	m.Pending = true
	m.LeaseUntil = now.Add(lease)
	sent := map[string]bool{}
	for k, v := range m.Sent {
		sent[k] = v
	}
	return m, Claim{Sent: sent}, nil
}

// MemoryMarks keeps marks in memory: for tests and a single process.
type MemoryMarks struct {
	mu    sync.Mutex
	marks map[string]mark
}

func (s *MemoryMarks) Claim(_ context.Context, a alert.Alert, now time.Time, window, lease time.Duration) (Claim, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.marks == nil {
		s.marks = map[string]mark{}
	}
	m, c, err := s.marks[a.DedupKey()].decide(now, window, lease)
	if err == nil && !c.Duplicate {
		s.marks[a.DedupKey()] = m
	}
	return c, err
}

func (s *MemoryMarks) Sent(_ context.Context, a alert.Alert, channel string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.marks[a.DedupKey()]
	if m.Sent == nil {
		m.Sent = map[string]bool{}
	}
	m.Sent[channel] = true
	s.marks[a.DedupKey()] = m
	return nil
}

func (s *MemoryMarks) Done(_ context.Context, a alert.Alert, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.marks[a.DedupKey()] = mark{LastSentAt: at}
	return nil
}

func (s *MemoryMarks) Release(_ context.Context, a alert.Alert) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.marks[a.DedupKey()]
	m.LeaseUntil = time.Time{}
	s.marks[a.DedupKey()] = m
	return nil
}
