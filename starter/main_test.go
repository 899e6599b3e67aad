package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func runStarter(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestUsageAndUsageErrors(t *testing.T) {
	code, out, _ := runStarter()
	require.Equal(t, 0, code)
	require.Contains(t, out, "upload --booth ID")

	code, _, errOut := runStarter("frobnicate")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, `unknown command "frobnicate"`)

	code, _, errOut = runStarter("upload", "photo.jpg")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "--booth and at least one PATH are required")

	code, _, errOut = runStarter("review", "submit", "cap1", "--plate", "X", "--reviewer", "alice")
	require.Equal(t, 1, code, "a malformed plate is refused before anything is sent")
	require.Contains(t, errOut, "not a valid plate")

	code, _, errOut = runStarter("upload", "--booth", "Bad_Booth", "photo.jpg")
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "malformed")
}

func TestFlagsMayFollowPositionalArguments(t *testing.T) {
	code, _, errOut := runStarter("review", "submit", "cap1", "--unreadable", "--plate", "ABC123", "--reviewer", "alice")
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "not both", "every flag after the id was read")
}

func TestSynthWritesPhotosAndTruth(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "photos")
	code, out, errOut := runStarter("synth", "--count", "3", "--out", dir)
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "wrote 3 photos")
	files, err := filepath.Glob(filepath.Join(dir, "*.jpg"))
	require.NoError(t, err)
	require.Len(t, files, 3)
	_, err = os.Stat(filepath.Join(dir, "truth.csv"))
	require.NoError(t, err)
}

func TestPhotoFilesExpandsFoldersAndRefusesEmptyOnes(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.jpg", "b.PNG", "notes.txt"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644))
	}
	got, err := photoFiles([]string{dir})
	require.NoError(t, err)
	require.Equal(t, []string{filepath.Join(dir, "a.jpg"), filepath.Join(dir, "b.PNG")}, got)

	_, err = photoFiles([]string{t.TempDir()})
	require.ErrorContains(t, err, "no photos")
}
