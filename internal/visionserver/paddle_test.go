package visionserver

import (
	"bytes"
	"context"
	"encoding/csv"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/devstack"
	"github.com/tollbooth/tollbooth/internal/synth"
)

// cachedPaddleFiles returns the models and runtime that `make tools` caches. Without them the test
// is skipped on a developer's machine, but fails in CI, which fetches them before the tests.
func cachedPaddleFiles(t *testing.T) (models, library string) {
	t.Helper()
	dir, err := devstack.ToolsDir()
	require.NoError(t, err)
	models, library, err = devstack.CachedPaddleFiles(dir)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must fetch the paddle engine's files first (make tools): %v", err)
		}
		t.Skipf("no cached paddle models: %v", err)
	}
	return models, library
}

// copyModels copies the model folder, so a test can damage one file.
func copyModels(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	for _, f := range []string{PaddleDetectionModel, PaddleRecognitionModel, PaddleDictionary} {
		b, err := os.ReadFile(filepath.Join(from, f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(to, f), b, 0o644))
	}
	return to
}

func TestPaddleEngineWithoutModelsSaysHowToGetThem(t *testing.T) {
	_, err := NewPaddleEngine(PaddleOptions{ModelDir: t.TempDir(), LibraryPath: "/nonexistent/libonnxruntime.so.1"})
	require.ErrorContains(t, err, PaddleDetectionModel)
	require.ErrorContains(t, err, "make tools")
}

func TestPaddleEngineWithoutTheRuntimeSaysHowToGetIt(t *testing.T) {
	models, _ := cachedPaddleFiles(t)
	_, err := NewPaddleEngine(PaddleOptions{ModelDir: models, LibraryPath: filepath.Join(t.TempDir(), "libonnxruntime.so.1")})
	require.ErrorContains(t, err, "ONNX Runtime library")
	require.ErrorContains(t, err, "make tools")
}

func TestPaddleEngineRefusesADamagedModelAtStart(t *testing.T) {
	models, library := cachedPaddleFiles(t)
	for _, file := range []string{PaddleDetectionModel, PaddleRecognitionModel} {
		t.Run(file, func(t *testing.T) {
			dir := copyModels(t, models)
			b, err := os.ReadFile(filepath.Join(dir, file))
			require.NoError(t, err)
			// Cut short, as an interrupted copy would leave it.
			require.NoError(t, os.WriteFile(filepath.Join(dir, file), b[:len(b)/3], 0o644))
			_, err = NewPaddleEngine(PaddleOptions{ModelDir: dir, LibraryPath: library})
			require.ErrorContains(t, err, "could not be loaded")
			require.ErrorContains(t, err, file)
			require.ErrorContains(t, err, "make tools")
		})
	}
	t.Run("a dictionary that does not fit the model", func(t *testing.T) {
		dir := copyModels(t, models)
		keys, err := os.ReadFile(filepath.Join(dir, PaddleDictionary))
		require.NoError(t, err)
		lines := strings.Split(string(keys), "\n")
		require.NoError(t, os.WriteFile(filepath.Join(dir, PaddleDictionary), []byte(strings.Join(lines[:len(lines)-5], "\n")), 0o644))
		_, err = NewPaddleEngine(PaddleOptions{ModelDir: dir, LibraryPath: library})
		require.ErrorContains(t, err, PaddleRecognitionModel)
		require.ErrorContains(t, err, "6620 along dimension 2")
	})
}

func newCachedPaddle(t *testing.T) *PaddleEngine {
	t.Helper()
	models, library := cachedPaddleFiles(t)
	e, err := NewPaddleEngine(PaddleOptions{ModelDir: models, LibraryPath: library})
	require.NoError(t, err)
	t.Cleanup(e.Close)
	return e
}

// readsPlate reads a photo and reports whether its plate stands on one of the lines (spaces and
// dashes aside), checking that nothing but plate characters came back.
func readsPlate(t *testing.T, e *PaddleEngine, name string, data []byte, truth string) bool {
	t.Helper()
	img, release, err := decodeImage(context.Background(), data)
	defer release()
	require.NoError(t, err, name)
	res, err := e.Annotate(context.Background(), img, ModeText)
	require.NoError(t, err, name)
	require.Equal(t, img.Decoded.Bounds().Dx(), res.Width)
	found := false
	for _, l := range res.Lines() {
		require.Regexp(t, `^[A-Z0-9 -]+$`, l, "%s: only plate characters", name)
		found = found || strings.Contains(strings.NewReplacer(" ", "", "-", "").Replace(l), truth)
	}
	t.Logf("%-16s truth %-8s found %-5v lines %q", name, truth, found, res.Lines())
	return found
}

// sampleRows reads a sample set's truth.csv (file, plate, ...); every n-th photo is kept.
func sampleRows(t *testing.T, dir string, every int) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "truth.csv"))
	if os.IsNotExist(err) && os.Getenv("CI") == "" {
		t.Skip("no ../shared/samples beside the repository")
	}
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	var kept [][]string
	for i, r := range rows[1:] {
		if i%every == 0 {
			kept = append(kept, r)
		}
	}
	return kept
}

// TestPaddleEngineReadsSyntheticAndSamplePhotos reads a few synthetic photos, the nine MCW photos
// and every 19th openalpr-br photo with the real models. Measured when the floors were set: 4 of
// 4, 7 of 9 and 6 of 6; the floors leave one photo of slack for another CPU's rounding. The photos
// are few because the race detector slows the engine's pixel loops several times over; the full
// figures, through the server and the production adapter beside tesseract's, come from
// `make bench-ocr`.
func TestPaddleEngineReadsSyntheticAndSamplePhotos(t *testing.T) {
	e := newCachedPaddle(t)
	samples, imgs, err := synth.Generate(synth.Options{Count: 4, Seed: 11})
	require.NoError(t, err)
	synthFound := 0
	for i, img := range imgs {
		var buf bytes.Buffer
		require.NoError(t, synth.EncodeJPEG(&buf, img, samples[i].Quality))
		if readsPlate(t, e, samples[i].File, buf.Bytes(), samples[i].Plate) {
			synthFound++
		}
	}
	found := map[string]int{}
	sets := map[string]int{"mcw": 1, "openalpr-br": 19}
	for set, every := range sets {
		dir := filepath.Join("../../../shared/samples", set)
		for _, r := range sampleRows(t, dir, every) {
			data, err := os.ReadFile(filepath.Join(dir, r[0]))
			require.NoError(t, err)
			if readsPlate(t, e, r[0], data, r[1]) {
				found[set]++
			}
		}
	}
	t.Logf("plate on a line: synthetic %d of 4, mcw %d of 9, openalpr-br %d of 6", synthFound, found["mcw"], found["openalpr-br"])
	require.GreaterOrEqual(t, synthFound, 3)
	require.GreaterOrEqual(t, found["mcw"], 6)
	require.GreaterOrEqual(t, found["openalpr-br"], 5)
}

func TestPaddleEngineAnswersAPhotoWithoutTextWithNothing(t *testing.T) {
	e := newCachedPaddle(t)
	img := image.NewRGBA(image.Rect(0, 0, 640, 480))
	for i := range img.Pix {
		img.Pix[i] = 128
	}
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, img, nil))
	decoded, release, err := decodeImage(context.Background(), buf.Bytes())
	defer release()
	require.NoError(t, err)
	res, err := e.Annotate(context.Background(), decoded, ModeDocument)
	require.NoError(t, err)
	require.True(t, res.empty(), "got %q", res.Lines())
}
