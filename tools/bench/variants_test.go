package main

import (
	"bytes"
	"image/jpeg"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/synth"
)

// Expanded photos are distinct, still decode to the same picture, and keep their plate.
func TestExpandMakesDistinctPhotosOfTheSameScenes(t *testing.T) {
	dir := t.TempDir()
	samples, err := synth.WriteDir(dir, synth.Options{Count: 2, Seed: 7, Width: 320, Height: 240})
	require.NoError(t, err)
	base, err := loadPhotos(dir)
	require.NoError(t, err)
	require.Len(t, base, 2)

	photos := expand(base, 5)
	require.Len(t, photos, 5)
	seen := map[string]bool{}
	for i, p := range photos {
		require.False(t, seen[sha256Hex(p.data)], "photo %d repeats an earlier one", i)
		seen[sha256Hex(p.data)] = true
		require.Equal(t, samples[i%2].Plate, p.plate)
		img, err := jpeg.Decode(bytes.NewReader(p.data))
		require.NoError(t, err, "photo %d", i)
		orig, err := jpeg.Decode(bytes.NewReader(base[i%2].data))
		require.NoError(t, err)
		require.Equal(t, orig.Bounds(), img.Bounds())
	}
	require.Equal(t, base[0].data, photos[0].data, "the prepared photos themselves come first, unchanged")
}
