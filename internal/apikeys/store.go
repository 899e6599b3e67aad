package apikeys

import (
	"context"
	"errors"
	"sort"
	"sync"
	"time"
)

// ErrNotFound: no key with that id.
var ErrNotFound = errors.New("no such API key")

// Store keeps keys (gcp.APIKeys in Firestore; Memory in tests).
type Store interface {
	Create(ctx context.Context, k Key) error
	Get(ctx context.Context, id string) (*Key, error) // nil, nil when there is none
	List(ctx context.Context) ([]Key, error)
	Revoke(ctx context.Context, id string, at time.Time) error
}

// ErrInvalid is every authentication failure: no key, unknown, wrong secret, revoked. The caller
// learns nothing about which.
var ErrInvalid = errors.New("invalid or revoked API key")

// Authenticate finds the key a token belongs to.
func Authenticate(ctx context.Context, s Store, token string) (Key, error) {
	id, ok := ParseID(token)
	if !ok {
		return Key{}, ErrInvalid
	}
	k, err := s.Get(ctx, id)
	if err != nil {
		return Key{}, err
	}
	if k == nil || !k.Matches(token) || k.Revoked() {
		return Key{}, ErrInvalid
	}
	return *k, nil
}

// Memory is a Store in memory, for tests.
type Memory struct {
	mu   sync.Mutex
	keys map[string]Key
}

func (m *Memory) Create(_ context.Context, k Key) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.keys == nil {
		m.keys = map[string]Key{}
	}
	m.keys[k.ID] = k
	return nil
}

func (m *Memory) Get(_ context.Context, id string) (*Key, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	k, ok := m.keys[id]
	if !ok {
		return nil, nil
	}
	return &k, nil
}

func (m *Memory) List(context.Context) ([]Key, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Key
	for _, k := range m.keys {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].CreatedAt.Before(out[j].CreatedAt) })
	return out, nil
}

func (m *Memory) Revoke(_ context.Context, id string, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	k, ok := m.keys[id]
	if !ok {
		return ErrNotFound
	}
	if !k.Revoked() {
		k.RevokedAt = at.UTC()
	}
	m.keys[id] = k
	return nil
}
