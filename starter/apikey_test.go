package main

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/apikeys"
)

func TestAPIKeyIssueListRevoke(t *testing.T) {
	store := &apikeys.Memory{}
	orig := apiKeyStore
	apiKeyStore = func(context.Context, *cli) (apikeys.Store, error) { return store, nil }
	t.Cleanup(func() { apiKeyStore = orig })

	code, out, errOut := runStarter("apikey", "issue", "--scope", "customer", "--plate", "7abc 123", "--plate", "8XYZ999", "--name", "driver 42")
	require.Equal(t, 0, code, errOut)
	token := strings.TrimSpace(out)
	require.True(t, strings.HasPrefix(token, "tbk_"), out)
	k, err := apikeys.Authenticate(context.Background(), store, token)
	require.NoError(t, err)
	require.Equal(t, []string{"7ABC123", "8XYZ999"}, k.Plates)
	require.Contains(t, errOut, k.ID)
	require.NotContains(t, errOut, token, "the key goes to stdout only")

	code, out, _ = runStarter("apikey", "list")
	require.Equal(t, 0, code)
	require.Contains(t, out, k.ID)
	require.Contains(t, out, "driver 42")
	require.NotContains(t, out, token)
	require.NotContains(t, out, k.Hash)

	code, _, errOut = runStarter("apikey", "revoke", k.ID)
	require.Equal(t, 0, code, errOut)
	_, err = apikeys.Authenticate(context.Background(), store, token)
	require.ErrorIs(t, err, apikeys.ErrInvalid)

	code, _, errOut = runStarter("apikey", "issue", "--scope", "customer")
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "needs at least one --plate")
	code, _, errOut = runStarter("apikey", "issue", "--scope", "root")
	require.Equal(t, 1, code)
	require.Contains(t, errOut, `scope "root" is unknown`)
	code, _, _ = runStarter("apikey", "issue")
	require.Equal(t, 2, code)
	code, _, errOut = runStarter("apikey", "revoke", "nope")
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "not an API key id")
}
