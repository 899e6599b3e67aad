//go:build integration

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/accuracy"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
)

// The safe auto-accept promise, through the whole pipeline (bucket → trigger → workflow → the local
// Vision server's engine and plate finder → the policy → Firestore): on every photo set, no capture
// is auto-accepted with a plate other than its truth. Each test also holds the policy to accepting
// some plates, so that a pipeline that sends everything to a person cannot pass for a safe one.
// `make accuracy` measures the same sets in full (ACCURACY.md).

// accuracyBooth serves a sample set's jurisdictions in these tests.
const accuracyBooth = "south-02"

type photoSet struct {
	files  []string
	truth  map[string]string
	photos map[string][]byte
}

// loadSample reads a sample set from ../shared/samples (never copied into the repository); the test
// is skipped only when the folder is absent, and never in CI.
func loadSample(t *testing.T, name string) photoSet {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "samples", name) // ../shared beside the clone
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("sample photos %s are absent: CI runs beside ../shared", dir)
		}
		t.Skipf("sample photos %s are absent", dir)
	}
	set, err := accuracy.LoadSet(dir)
	require.NoError(t, err)
	require.Empty(t, set.Problems)
	ps := photoSet{truth: map[string]string{}, photos: map[string][]byte{}}
	for _, s := range set.Samples {
		data, err := os.ReadFile(filepath.Join(dir, s.File))
		require.NoError(t, err)
		ps.files = append(ps.files, s.File)
		ps.truth[s.File], ps.photos[s.File] = s.Truth, data
	}
	return ps
}

// throughThePipeline uploads every photo to booth and waits for each capture to be accepted or to
// wait for a person. It returns the records by file.
func throughThePipeline(t *testing.T, s *stack, booth string, set photoSet, timeout time.Duration) map[string]capture.Record {
	t.Helper()
	// A week ago, a second apart: the sets' many captures stay out of the time ranges other tests
	// list (now, and the minutes after it).
	at := time.Now().UTC().Add(-7 * 24 * time.Hour).Truncate(time.Millisecond)
	ids := map[string]string{}
	var all []string
	for i, f := range set.files {
		id := s.upload(t, booth, at.Add(time.Duration(i)*time.Second), set.photos[f])
		ids[f] = id
		all = append(all, id)
	}
	recs := s.waitSettled(t, all, timeout)
	out := map[string]capture.Record{}
	for f, id := range ids {
		out[f] = recs[id]
	}
	return out
}

// noWrongAutoAccepts fails for every auto-accepted capture whose plate is not its truth, and returns
// how many were accepted, and how many of those were exact.
func noWrongAutoAccepts(t *testing.T, set photoSet, recs map[string]capture.Record) (accepted int, reasons map[capture.ReasonCode]int) {
	t.Helper()
	reasons = map[capture.ReasonCode]int{}
	for _, f := range set.files {
		rec := recs[f]
		switch rec.Status {
		case capture.StatusAccepted:
			accepted++
			require.Equal(t, capture.DecisionAuto, rec.Decision)
			if rec.Plate != set.truth[f] {
				t.Errorf("%s: auto-accepted %s, the plate is %s (reads %v)", f, rec.Plate, set.truth[f], rec.Reads)
			}
			require.Len(t, rec.Reads, 2, "%s: accepted on two reads", f)
			require.NotEmpty(t, rec.Jurisdiction)
		case capture.StatusAwaitingReview:
			require.NotEmpty(t, rec.ReasonCode, "%s: a capture sent to a person says why", f)
			require.NotEmpty(t, rec.Reason)
			reasons[rec.ReasonCode]++
		default:
			t.Errorf("%s: status %s", f, rec.Status)
		}
	}
	t.Logf("%d photos: %d auto-accepted, %d to a person %v", len(set.files), accepted, len(set.files)-accepted, reasons)
	return accepted, reasons
}

func TestNoWrongAutoAcceptOnTheMCWPhotos(t *testing.T) {
	set := loadSample(t, "mcw")
	s := startStack(t, true, func(c *config.Config) {
		// A booth that sees the MCW photos' own regions (their truth.csv).
		c.Jurisdictions.ByBooth = map[string][]string{accuracyBooth: {"us-ny", "us-tx", "us-nv", "ca-ab", "us-ca", "us-ct", "us-mi", "us-ri"}}
	})
	recs := throughThePipeline(t, s, accuracyBooth, set, 5*time.Minute)
	accepted, _ := noWrongAutoAccepts(t, set, recs)
	// Seven of the nine are vanity plates (truth.csv): only BUG2145 (Michigan) and 127RFS
	// (Connecticut's previous series) are standard serials, and paddle reads both.
	require.GreaterOrEqual(t, accepted, 1, "the standard plates are accepted")
	for _, f := range []string{"DCMG1.jpg", "TWAWSI.jpg", "hfdsio.jpg", "jpthrls.jpg", "rocky58.jpg", "us-1.jpg"} {
		require.Equal(t, capture.StatusAwaitingReview, recs[f].Status, "%s is a vanity plate", f)
	}
}

func TestNoWrongAutoAcceptOnTheBrazilianPhotos(t *testing.T) {
	set := loadSample(t, "openalpr-br")
	s := startStack(t, true, func(c *config.Config) {
		c.Jurisdictions.ByBooth = map[string][]string{accuracyBooth: {"br"}}
	})
	recs := throughThePipeline(t, s, accuracyBooth, set, 10*time.Minute)
	accepted, reasons := noWrongAutoAccepts(t, set, recs)
	require.GreaterOrEqual(t, accepted, len(set.files)/10, "at least a tenth accepted (18% measured, ACCURACY.md)")
	require.Positive(t, reasons[capture.ReasonConfusableCharacter], "Brazil's letters O/D/Q, I/L and its old/Mercosur fifth character are doubtful")
}

// syntheticSeeds are the synthetic sets: the demo's seed (1) with its share of hard photos, and
// three more seeds.
var syntheticSeeds = []int64{1, 2, 3, 4}

// EnvAccuracySynth sets how many synthetic photos TestNoWrongAutoAcceptOnSyntheticPhotos sends
// through the pipeline, split over the seeds: CI's default keeps `make test` short; `make
// accuracy-e2e` sends 1,000.
const EnvAccuracySynth = "TOLLBOOTH_ACCURACY_SYNTH"

func TestNoWrongAutoAcceptOnSyntheticPhotos(t *testing.T) {
	total := 120
	if v := os.Getenv(EnvAccuracySynth); v != "" {
		n, err := strconv.Atoi(v)
		require.NoError(t, err, "%s=%q", EnvAccuracySynth, v)
		require.GreaterOrEqual(t, n, len(syntheticSeeds), "%s: at least one photo per seed", EnvAccuracySynth)
		total = n
	}
	perSeed := total / len(syntheticSeeds)
	s := startStack(t, true, nil)
	set := photoSet{truth: map[string]string{}, photos: map[string][]byte{}}
	for _, seed := range syntheticSeeds {
		samples, photos := synthPhotos(t, perSeed, seed, 0.25)
		for i, smp := range samples {
			f := fmt.Sprintf("seed%d-%s", seed, smp.File)
			set.files = append(set.files, f)
			set.truth[f], set.photos[f] = smp.Plate, photos[i]
		}
	}
	recs := throughThePipeline(t, s, "north-01", set, max(10*time.Minute, time.Duration(len(set.files))*3*time.Second))
	accepted, _ := noWrongAutoAccepts(t, set, recs)
	require.GreaterOrEqual(t, accepted, len(set.files)/4, "at least a quarter accepted (about half measured, ACCURACY.md)")
}
