package gcp

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/devstack"
	"github.com/tollbooth/tollbooth/internal/plate"
	"github.com/tollbooth/tollbooth/internal/synth"
	"github.com/tollbooth/tollbooth/internal/visionserver"
)

// brSamplesDir holds 114 real Brazilian photos beside the repository (never copied into it).
const brSamplesDir = "../../../shared/samples/openalpr-br"

// Floors of exact top reads (plate.Clean's first candidate is the truth) through the paddle engine,
// the real client and the adapter, in TEXT_DETECTION. Measured when they were set: 6 of 6, 8 of 9
// and 10 of 10; the floors leave one photo of slack for another CPU's floating-point rounding. The
// photos are few because the race detector slows the engine's pixel loops several times over;
// the full figures, beside tesseract's, come from `make accuracy`.
const (
	paddleSynthExactFloor = 5 // of 6 synthetic photos, one of them hard
	paddleMCWExactFloor   = 7 // of the 9 MCW photos
	paddleBRExactFloor    = 9 // of every twelfth openalpr-br photo (10)
)

// localPaddle serves the images in fetch with the paddle engine and the models `make tools`
// caches. Without them the test is skipped on a developer's machine, but fails in CI, which
// fetches them before the tests.
func localPaddle(t *testing.T, fetch visionserver.MapFetcher) (*Vision, context.Context) {
	t.Helper()
	dir, err := devstack.ToolsDir()
	require.NoError(t, err)
	models, library, err := devstack.CachedPaddleFiles(dir)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must fetch the paddle engine's files first (make tools): %v", err)
		}
		t.Skipf("no cached paddle models: %v", err)
	}
	engine, err := visionserver.NewPaddleEngine(visionserver.PaddleOptions{ModelDir: models, LibraryPath: library})
	require.NoError(t, err)
	t.Cleanup(engine.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	t.Cleanup(cancel)
	return localVisionWith(t, ctx, engine, fetch)
}

// exactTopReads reads each photo in TEXT_DETECTION and counts those whose top candidate is the
// truth (photos: gs:// URI → truth plate).
func exactTopReads(t *testing.T, ctx context.Context, v *Vision, photos [][2]string) int {
	t.Helper()
	exact := 0
	for _, p := range photos {
		reading, err := v.DetectText(ctx, p[0], activities.ModeText)
		require.NoError(t, err, p[0])
		top := "-"
		if cands := plate.Clean(reading); len(cands) > 0 {
			top = cands[0].Plate
		}
		if top == p[1] {
			exact++
		}
		t.Logf("%-40s truth %-8s top %-8s raw %q", p[0], p[1], top, reading.RawText)
	}
	return exact
}

func TestPaddleReadsSyntheticPhotos(t *testing.T) {
	samples, imgs, err := synth.Generate(synth.Options{Count: 6, Seed: 11, HardShare: 0.25})
	require.NoError(t, err)
	fetch := visionserver.MapFetcher{}
	var photos [][2]string
	for i, img := range imgs {
		var buf bytes.Buffer
		require.NoError(t, synth.EncodeJPEG(&buf, img, samples[i].Quality))
		uri := "gs://synth/" + samples[i].File
		fetch[uri] = buf.Bytes()
		photos = append(photos, [2]string{uri, samples[i].Plate})
	}
	v, ctx := localPaddle(t, fetch)
	exact := exactTopReads(t, ctx, v, photos)
	t.Logf("paddle: %d of %d synthetic photos read exactly", exact, len(photos))
	require.GreaterOrEqual(t, exact, paddleSynthExactFloor)
}

func TestPaddleReadsRealPhotos(t *testing.T) {
	fetch := visionserver.MapFetcher{}
	var mcw, br [][2]string
	for _, r := range readTruth(t) {
		data, err := os.ReadFile(filepath.Join(samplesDir, r[0]))
		require.NoError(t, err)
		fetch["gs://mcw/"+r[0]] = data
		mcw = append(mcw, [2]string{"gs://mcw/" + r[0], r[1]})
	}
	f, err := os.Open(filepath.Join(brSamplesDir, "truth.csv"))
	require.NoError(t, err)
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	require.NoError(t, err)
	for i, r := range rows[1:] {
		if i%12 != 0 {
			continue
		}
		data, err := os.ReadFile(filepath.Join(brSamplesDir, r[0]))
		require.NoError(t, err)
		fetch["gs://br/"+r[0]] = data
		br = append(br, [2]string{"gs://br/" + r[0], r[1]})
	}
	v, ctx := localPaddle(t, fetch)
	mcwExact := exactTopReads(t, ctx, v, mcw)
	brExact := exactTopReads(t, ctx, v, br)
	t.Logf("paddle: %d of %d MCW photos and %d of %d openalpr-br photos read exactly", mcwExact, len(mcw), brExact, len(br))
	require.GreaterOrEqual(t, mcwExact, paddleMCWExactFloor)
	require.GreaterOrEqual(t, brExact, paddleBRExactFloor)
}
