package reviewers

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"
)

func TestAddedReviewersSignInWithTheirPasswordOnly(t *testing.T) {
	cost = bcrypt.MinCost
	t.Cleanup(func() { cost = bcrypt.DefaultCost })
	path := filepath.Join(t.TempDir(), "reviewers")
	require.NoError(t, Add(path, "alice", "correct horse battery"))
	require.NoError(t, Add(path, "bob", "another long password"))
	require.NoError(t, Add(path, "alice", "a new password for alice"))
	require.ErrorContains(t, Add(path, "bad id!", "long enough password"), "not a reviewer id")
	require.ErrorContains(t, Add(path, "carol", "short"), "at least")

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NotContains(t, string(data), "password", "only hashes are stored")
	require.Equal(t, 2, strings.Count(string(data), "\n"))
	info, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	s, err := Load(path)
	require.NoError(t, err)
	require.Equal(t, 2, s.Len())
	require.True(t, s.Check("alice", "a new password for alice"))
	require.False(t, s.Check("alice", "correct horse battery"), "the old password no longer works")
	require.True(t, s.Check("bob", "another long password"))
	require.False(t, s.Check("mallory", "another long password"))
	require.Len(t, NewPassword(), 20)

	_, err = Load(filepath.Join(t.TempDir(), "missing"))
	require.ErrorContains(t, err, "starter reviewer add")
}
