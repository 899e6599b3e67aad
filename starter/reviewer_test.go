package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/reviewers"
)

func TestReviewerAddStoresAHashAndPrintsTheNewPasswordOnce(t *testing.T) {
	file := filepath.Join(t.TempDir(), "reviewers")
	t.Setenv(config.EnvReviewersFile, file)

	code, out, errOut := runStarter("reviewer", "add", "alice")
	require.Equal(t, 0, code, errOut)
	password := strings.TrimSpace(out)
	require.Len(t, password, 20)
	require.Contains(t, errOut, file)

	store, err := reviewers.Load(file)
	require.NoError(t, err)
	require.True(t, store.Check("alice", password))

	code, _, errOut = runStarter("reviewer", "add", "not an id")
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "not a reviewer id")

	code, _, errOut = runStarter("review", "list", "extra")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "usage: starter review list")
}
