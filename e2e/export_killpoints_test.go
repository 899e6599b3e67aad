//go:build integration

package e2e

import (
	"context"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/export"
	"github.com/tollbooth/tollbooth/internal/gcp"
)

// killPoint is where a worker dies: the first call that reaches it never returns (until the test
// ends, when it fails without doing its step), as if the process had been killed there.
type killPoint struct {
	once    sync.Once
	reached chan struct{}
	release chan struct{}
}

func newKillPoint(t *testing.T) *killPoint {
	k := &killPoint{reached: make(chan struct{}), release: make(chan struct{})}
	t.Cleanup(func() { close(k.release) })
	return k
}

// die blocks the first caller until the test ends and reports true to it; every later caller
// goes on at once (false).
func (k *killPoint) die() bool {
	first := false
	k.once.Do(func() { first = true })
	if first {
		close(k.reached)
		<-k.release
	}
	return first
}

// claimKiller dies in the second ClaimMore of the run: the batch holds the first chunk only.
type claimKiller struct {
	activities.ExportStore
	kill  *killPoint
	calls atomic.Int32
}

func (c *claimKiller) ClaimMore(ctx context.Context, batchID string, n int, now time.Time) (int, error) {
	if c.calls.Add(1) == 2 && c.kill.die() {
		return 0, context.Canceled
	}
	return c.ExportStore.ClaimMore(ctx, batchID, n, now)
}

// stageKiller dies after the file is staged on the FTP server, before that is recorded.
type stageKiller struct {
	activities.ExportStore
	kill *killPoint
}

func (s *stageKiller) UpdateBatch(ctx context.Context, batchID string, fields map[string]any) error {
	if fields["status"] == string(export.StatusStaged) && s.kill.die() {
		return context.Canceled
	}
	return s.ExportStore.UpdateBatch(ctx, batchID, fields)
}

// publishKiller dies after the stage is recorded, before the staged file is renamed into place.
type publishKiller struct {
	activities.Uploader
	kill *killPoint
}

func (p *publishKiller) Publish(ctx context.Context, name string) (string, error) {
	if p.kill.die() {
		return "", context.Canceled
	}
	return p.Uploader.Publish(ctx, name)
}

// killed is what a kill left behind: the open batch as Firestore holds it, how many records it
// held, and what the FTP server's transfer log showed.
type killed struct {
	batch     export.Batch
	held      int
	uploads   map[string]int
	published map[string]int
}

// killedExport runs an export on a worker whose exporter, changed by rig, dies at kill; once it
// has, a second worker with the real exporter finishes the run. 1,500 records make two files, and
// the first is the one cut short. It returns what the kill left and the files on the FTP server
// at the end, judged by checkExported (the transfer log included).
func killedExport(t *testing.T, rig func(*activities.Exporter, *killPoint)) (killed, map[string][]string) {
	t.Helper()
	s := connectStack(t) // no startStack: its worker would take the activities this test must control
	resetExportState(t, s.cfg, s.cloud.Storage)
	ids := seedAccepted(t, s.cloud.Firestore, "killpt", 1500, time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC))
	kill := newKillPoint(t)
	w1 := exportWorkerWith(t, s, func(e *activities.Exporter) { rig(e, kill) })

	done := make(chan error, 1)
	go func() {
		_, err := runExport(t, s.temporal, time.Hour)
		done <- err
	}()
	select {
	case <-kill.reached:
	case err := <-done:
		t.Fatalf("the export ended (%v) without reaching the kill point", err)
	case <-time.After(2 * time.Minute):
		t.Fatal("the export never reached the kill point")
	}
	ctx := context.Background()
	exports := gcp.Exports{Client: s.cloud.Firestore}
	open, err := exports.OpenBatch(ctx)
	require.NoError(t, err)
	require.NotNil(t, open, "a batch is open when the worker dies")
	held, err := exports.ClaimedIDs(ctx, open.BatchID)
	require.NoError(t, err)
	k := killed{batch: *open, held: len(held), uploads: ftpUploads(t), published: ftpPublished(t)}
	go w1.Stop() // the blocked activity never reports back: as after SIGKILL

	w2 := exportWorkerWith(t, s, func(*activities.Exporter) {})
	defer w2.Stop()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(3 * time.Minute):
		t.Fatal("the export did not finish on the second worker")
	}
	files := checkExported(t, s, ids, []int{1000, 500})
	require.Contains(t, files, k.batch.FileName, "the batch cut short keeps its file name")
	require.Len(t, files[k.batch.FileName], 1000)
	return k, files
}

// staged is the staged (.part) uploads per file: once per name in files, and once more for each
// name in again.
func staged(files []string, again ...string) map[string]int {
	out := map[string]int{}
	for _, name := range append(files, again...) {
		out[export.TempName(name)]++
	}
	return out
}

// TestExportKillWhileClaiming: the worker dies while the batch is claiming, holding the first 500
// of its records; the second worker claims the rest into the same batch and file.
func TestExportKillWhileClaiming(t *testing.T) {
	k, files := killedExport(t, func(e *activities.Exporter, kill *killPoint) {
		e.Store = &claimKiller{ExportStore: e.Store, kill: kill}
	})
	require.Equal(t, export.StatusClaiming, k.batch.Status, "killed while claiming")
	require.Equal(t, 500, k.held, "the batch held its first chunk when the worker died")
	require.Empty(t, k.uploads, "nothing was sent before the kill")
	require.Equal(t, staged(slices.Collect(maps.Keys(files))), ftpUploads(t), "each file staged once")
}

// TestExportKillAfterStaging: the worker dies after the file is staged on the FTP server, before
// that is recorded; the retry stages it again (the stage is not on record, so it cannot be
// trusted) and renames it into place once.
func TestExportKillAfterStaging(t *testing.T) {
	k, files := killedExport(t, func(e *activities.Exporter, kill *killPoint) {
		e.Store = &stageKiller{ExportStore: e.Store, kill: kill}
	})
	require.Equal(t, export.StatusClaimed, k.batch.Status, "killed before the stage was recorded")
	require.Equal(t, 1000, k.held)
	require.Equal(t, staged([]string{k.batch.FileName}), k.uploads, "staged when the worker died")
	require.Empty(t, k.published, "not renamed when the worker died")
	require.Equal(t, staged(slices.Collect(maps.Keys(files)), k.batch.FileName), ftpUploads(t),
		"the cut-short file staged twice, the other once")
}

// TestExportKillBeforeRename: the worker dies after the stage is recorded, before the rename; the
// retry renames the staged file without sending it again.
func TestExportKillBeforeRename(t *testing.T) {
	k, files := killedExport(t, func(e *activities.Exporter, kill *killPoint) {
		e.FTP = &publishKiller{Uploader: e.FTP, kill: kill}
	})
	require.Equal(t, export.StatusStaged, k.batch.Status, "killed after the stage was recorded")
	require.Equal(t, staged([]string{k.batch.FileName}), k.uploads, "staged when the worker died")
	require.Empty(t, k.published, "not renamed when the worker died")
	require.Equal(t, staged(slices.Collect(maps.Keys(files))), ftpUploads(t), "each file staged once, never again")
}
