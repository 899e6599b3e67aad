package visionserver

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDirFetcherReadsObjectsBelowItsFolderOnly(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "photos", "north-01"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "photos", "north-01", "a.jpg"), []byte("jpeg"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "secret"), []byte("no"), 0o644))
	f := DirFetcher(filepath.Join(dir, "."))
	b, err := f.Fetch(context.Background(), "photos", "north-01/a.jpg")
	require.NoError(t, err)
	require.Equal(t, "jpeg", string(b))
	_, err = f.Fetch(context.Background(), "photos", "north-01/missing.jpg")
	require.ErrorIs(t, err, ErrObjectNotFound)
	_, err = f.Fetch(context.Background(), "photos", "../secret")
	require.ErrorIs(t, err, ErrObjectNotFound)
}
