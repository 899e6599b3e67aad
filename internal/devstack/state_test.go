package devstack

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// Every server's files from an earlier start are removed; the stack's other files stay.
func TestForgetStateRemovesEveryServersData(t *testing.T) {
	dir := t.TempDir()
	s := &Stack{Dir: dir}
	for _, name := range stateFiles {
		path := filepath.Join(dir, name)
		if filepath.Ext(name) == "" { // a folder: pubsub, ftp
			require.NoError(t, os.MkdirAll(path, 0o755))
			path = filepath.Join(path, "old-file")
		}
		require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "env"), []byte("kept"), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "logs"), 0o755))

	require.NoError(t, s.forgetState())
	for _, name := range stateFiles {
		_, err := os.Stat(filepath.Join(dir, name))
		require.True(t, os.IsNotExist(err), "%s is removed", name)
	}
	for _, name := range []string{"env", "logs"} {
		_, err := os.Stat(filepath.Join(dir, name))
		require.NoError(t, err, "%s stays", name)
	}
	require.Contains(t, stateFiles, "temporal.db", "Temporal's file is state like the emulators'")
	require.Contains(t, stateFiles, "pubsub")
}
