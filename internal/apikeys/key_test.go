package apikeys

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestKeysAreRandomHashedAndRevocable(t *testing.T) {
	now := time.Date(2026, 11, 25, 17, 0, 0, 0, time.UTC)
	k, tok, err := New(ScopeOperator, "ops", nil, now)
	require.NoError(t, err)
	k2, tok2, err := New(ScopeOperator, "ops", nil, now)
	require.NoError(t, err)
	require.NotEqual(t, tok, tok2)
	require.NotEqual(t, k.ID, k2.ID)
	require.NotContains(t, k.Hash, tok)
	require.Len(t, k.Hash, 64)
	require.Greater(t, len(tok), 60)

	s := &Memory{}
	require.NoError(t, s.Create(context.Background(), k))
	got, err := Authenticate(context.Background(), s, tok)
	require.NoError(t, err)
	require.Equal(t, k.ID, got.ID)
	for _, bad := range []string{"", "tbk_", tok + "x", tok[:len(tok)-1], strings.Replace(tok, k.ID, k2.ID, 1), tok2} {
		_, err := Authenticate(context.Background(), s, bad)
		require.ErrorIs(t, err, ErrInvalid, bad)
	}
	require.NoError(t, s.Revoke(context.Background(), k.ID, now))
	_, err = Authenticate(context.Background(), s, tok)
	require.ErrorIs(t, err, ErrInvalid)
	require.ErrorIs(t, s.Revoke(context.Background(), "zzzzzzzzzzzz", now), ErrNotFound)
}

func TestCustomerKeysAreBoundToPlates(t *testing.T) {
	k, _, err := New(ScopeCustomer, "", []string{"7abc-123", "7ABC123"}, time.Now())
	require.NoError(t, err)
	require.Equal(t, []string{"7ABC123"}, k.Plates)
	require.True(t, k.HasPlate("7 abc 123"))
	require.False(t, k.HasPlate("8XYZ999"))
	_, _, err = New(ScopeCustomer, "", nil, time.Now())
	require.Error(t, err)
	_, _, err = New(ScopeIngest, "", []string{"7ABC123"}, time.Now())
	require.Error(t, err)
	_, _, err = New(ScopeIngest, "bad\nname", nil, time.Now())
	require.Error(t, err)
}
