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

// TestPaddleEngineReadsSamplePhotos reads real photos with the real models: the plate is among the
// lines, and nothing but plate characters comes back. The accuracy figures come from
// `make accuracy`; this guards the engine end to end.
func TestPaddleEngineReadsSamplePhotos(t *testing.T) {
	e := newCachedPaddle(t)
	dir := "../../../shared/samples/mcw"
	f, err := os.Open(filepath.Join(dir, "truth.csv"))
	if os.IsNotExist(err) && os.Getenv("CI") == "" {
		t.Skip("no ../shared/samples beside the repository")
	}
	require.NoError(t, err)
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	require.NoError(t, err)
	found := 0
	for _, r := range rows[1:] {
		b, err := os.ReadFile(filepath.Join(dir, r[0]))
		require.NoError(t, err)
		img, err := decodeImage(b)
		require.NoError(t, err)
		res, err := e.Annotate(context.Background(), img, ModeText)
		require.NoError(t, err)
		require.Equal(t, img.Decoded.Bounds().Dx(), res.Width)
		joined := ""
		for _, l := range res.Lines() {
			require.Regexp(t, `^[A-Z0-9 -]+$`, l, "%s: only plate characters", r[0])
			joined += "|" + strings.NewReplacer(" ", "", "-", "").Replace(l)
		}
		if strings.Contains(joined, r[1]) {
			found++
		}
		t.Logf("%-16s truth %-8s lines %q", r[0], r[1], res.Lines())
	}
	t.Logf("plate text on a line in %d of %d photos", found, len(rows)-1)
	require.GreaterOrEqual(t, found, 6, "PP-OCRv4 read at least 6 of the 9 plates when this was written")
}

func TestPaddleEngineAnswersAPhotoWithoutTextWithNothing(t *testing.T) {
	e := newCachedPaddle(t)
	img := image.NewRGBA(image.Rect(0, 0, 640, 480))
	for i := range img.Pix {
		img.Pix[i] = 128
	}
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, img, nil))
	decoded, err := decodeImage(buf.Bytes())
	require.NoError(t, err)
	res, err := e.Annotate(context.Background(), decoded, ModeDocument)
	require.NoError(t, err)
	require.True(t, res.empty(), "got %q", res.Lines())
}
