//go:build integration

package e2e

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/devstack"
	"github.com/tollbooth/tollbooth/internal/export"
	"github.com/tollbooth/tollbooth/signals"
)

// acceptCaptures uploads synthetic photos to the photo bucket (one second apart from at), lets the
// pipeline read them, and decides each one that waits for a person through the review update, as
// a reviewer would, with the photo's true plate. It returns the capture ids in capture order and
// their true plates; every one is then accepted.
func acceptCaptures(t *testing.T, s *stack, n int, seed int64, at time.Time) ([]string, map[string]string) {
	t.Helper()
	samples, photos := synthPhotos(t, n, seed, 0)
	ids := make([]string, n)
	truth := map[string]string{}
	for i, p := range photos {
		ids[i] = s.upload(t, []string{"north-01", "south-01"}[i%2], at.Add(time.Duration(i)*time.Second), p)
		truth[ids[i]] = samples[i].Plate
	}
	reviewed := 0
	for id, rec := range s.waitSettled(t, ids, 3*time.Minute) {
		if rec.Status != capture.StatusAwaitingReview {
			continue
		}
		res, err := s.captures.Decide(context.Background(), id, signals.ReviewDecision{Plate: truth[id], ReviewerID: "e2e-export"})
		require.NoError(t, err, "capture %s", id)
		require.Equal(t, string(capture.StatusAccepted), res.Status)
		reviewed++
	}
	t.Logf("%d of %d photos read automatically, %d decided by a reviewer", n-reviewed, n, reviewed)
	for _, id := range ids {
		rec, err := s.records.Get(context.Background(), id)
		require.NoError(t, err)
		require.NotNil(t, rec, "capture %s has no record", id)
		require.Equal(t, capture.StatusAccepted, rec.Status, "capture %s", id)
		require.Equal(t, truth[id], rec.Plate, "capture %s (decision %s)", id, rec.Decision)
	}
	return ids, truth
}

// ftpRows reads every row of the CSV files on the local FTP server, by capture id.
func ftpRows(t *testing.T) map[string][]string {
	t.Helper()
	root := os.Getenv(devstack.EnvFTPRoot)
	out := map[string][]string{}
	entries, err := os.ReadDir(root)
	require.NoError(t, err)
	for _, e := range entries {
		f, err := os.Open(filepath.Join(root, e.Name()))
		require.NoError(t, err)
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		require.NoError(t, err, e.Name())
		for _, row := range rows[1:] {
			_, dup := out[row[0]]
			require.False(t, dup, "capture %s in two rows", row[0])
			out[row[0]] = row
		}
	}
	return out
}

// TestExportRealPath: photos uploaded to the bucket become records through the whole pipeline
// (notification, trigger, capture workflow, Vision, a reviewer for those that wait), and the
// export run the schedule starts (`starter export now`) puts every accepted one in exactly one CSV
// row, with its record's plate, on the FTP server and in the bucket; a photo that is not a photo
// is in no row.
func TestExportRealPath(t *testing.T) {
	const batch = 3
	s := startStack(t, true, func(c *config.Config) { c.Export.BatchSize = batch })
	resetExportState(t, s.cfg, s.cloud.Storage)
	pausedSchedules(t, s)

	at := time.Now().UTC().Truncate(time.Millisecond)
	ids, truth := acceptCaptures(t, s, 7, 808, at)
	bad := s.upload(t, "north-01", at.Add(time.Minute), []byte("not a photo at all\n"))
	require.Equal(t, capture.StatusFailedInput, s.waitSettled(t, []string{bad}, time.Minute)[bad].Status)

	res := triggerExport(t, s)
	require.Len(t, res.Batches, 3, "7 records in batches of %d", batch)
	checkExported(t, s, ids, []int{3, 3, 1})

	plate, decision := slices.Index(export.Columns, "plate"), slices.Index(export.Columns, "decision")
	rows := ftpRows(t)
	require.Len(t, rows, len(ids))
	require.NotContains(t, rows, bad, "a capture that was not accepted is billed")
	for _, id := range ids {
		rec, err := s.records.Get(context.Background(), id)
		require.NoError(t, err)
		require.Equal(t, rec.Plate, rows[id][plate], "capture %s: the row's plate is the record's", id)
		require.Equal(t, truth[id], rows[id][plate], "capture %s", id)
		require.Equal(t, rec.Decision, rows[id][decision], "capture %s", id)
		require.True(t, strings.HasPrefix(rows[id][len(rows[id])-1], "gs://"+s.cfg.PhotoBucket+"/"), "photo uri %v", rows[id])
	}

	// Another `export now` finds nothing left and sends nothing again.
	again := triggerExport(t, s)
	require.Empty(t, again.Batches)
	checkExported(t, s, ids, []int{3, 3, 1})
}
