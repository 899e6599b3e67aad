package activities

import (
	"context"
	"io"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/export"
)

// memStore is an in-memory ExportStore: records by id, batches by id.
type memStore struct {
	recs    map[string]*capture.Record
	batch   map[string]string // capture id → batch id
	batches map[string]*export.Batch
	next    int64
}

func newMemStore(n int) *memStore {
	m := &memStore{recs: map[string]*capture.Record{}, batch: map[string]string{}, batches: map[string]*export.Batch{}, next: 1}
	base := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	for i := range n {
		id := string(rune('a'+i/26)) + string(rune('a'+i%26))
		m.recs[id] = &capture.Record{CaptureID: id, Status: capture.StatusAccepted, CaptureTime: base.Add(time.Duration(i) * time.Second)}
	}
	return m
}

func (m *memStore) waiting() []string {
	var ids []string
	for id, r := range m.recs {
		if r.Status == capture.StatusAccepted && m.batch[id] == "" {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return m.recs[ids[i]].CaptureTime.Before(m.recs[ids[j]].CaptureTime) })
	return ids
}

func (m *memStore) OpenBatch(context.Context) (*export.Batch, error) {
	var open *export.Batch
	for _, b := range m.batches {
		if b.Status != export.StatusDone && (open == nil || b.Seq < open.Seq) {
			c := *b
			open = &c
		}
	}
	return open, nil
}
func (m *memStore) GetBatch(_ context.Context, id string) (*export.Batch, error) {
	if b, ok := m.batches[id]; ok {
		c := *b
		return &c, nil
	}
	return nil, nil
}
func (m *memStore) NewBatch(_ context.Context, now time.Time) (*export.Batch, error) {
	if len(m.waiting()) == 0 {
		return nil, nil
	}
	b := &export.Batch{BatchID: export.BatchID(m.next), Seq: m.next, Status: export.StatusClaiming, FileName: export.FileName(m.next, now)}
	m.next++
	m.batches[b.BatchID] = b
	c := *b
	return &c, nil
}
func (m *memStore) ClaimedIDs(_ context.Context, id string) ([]string, error) {
	var ids []string
	for c, b := range m.batch {
		if b == id {
			ids = append(ids, c)
		}
	}
	return ids, nil
}
func (m *memStore) ClaimMore(_ context.Context, id string, n int, _ time.Time) (int, error) {
	w := m.waiting()
	n = min(n, 500, len(w))
	for _, c := range w[:n] {
		m.batch[c] = id
	}
	return n, nil
}
func (m *memStore) ClaimedRecords(ctx context.Context, id string) ([]capture.Record, error) {
	ids, _ := m.ClaimedIDs(ctx, id)
	var out []capture.Record
	for _, c := range ids {
		out = append(out, *m.recs[c])
	}
	sort.Slice(out, func(i, j int) bool { return out[i].CaptureTime.Before(out[j].CaptureTime) })
	return out, nil
}
func (m *memStore) MarkExported(context.Context, string, time.Time) (int, error) { return 0, nil }
func (m *memStore) UpdateBatch(_ context.Context, id string, f map[string]any) error {
	b := m.batches[id]
	if s, ok := f["status"].(string); ok {
		b.Status = export.Status(s)
	}
	if n, ok := f["count"].(int); ok {
		b.Count = n
	}
	if u, ok := f["ftp_uri"].(string); ok {
		b.FTPURI = u
	}
	return nil
}
func (m *memStore) CountWaiting(context.Context) (int64, error)                  { return int64(len(m.waiting())), nil }
func (m *memStore) CountExportedSince(context.Context, time.Time) (int64, error) { return 0, nil }

func nextBatch(t *testing.T, e *Exporter) export.Batch {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	env.RegisterActivity(e)
	v, err := env.ExecuteActivity(e.NextBatch)
	require.NoError(t, err)
	var b export.Batch
	require.NoError(t, v.Get(&b))
	return b
}

func TestNextBatchClaimsOldestFirstAndResumes(t *testing.T) {
	store := newMemStore(25)
	e := &Exporter{Store: store, BatchSize: 10}
	b := nextBatch(t, e)
	require.Equal(t, "batch-000001", b.BatchID)
	require.Equal(t, export.StatusClaimed, b.Status)
	require.Equal(t, 10, b.Count)
	recs, _ := store.ClaimedRecords(context.Background(), b.BatchID)
	require.Equal(t, "aa", recs[0].CaptureID, "oldest first")

	// Not finished: the next call hands out the same batch again, with the same file name.
	again := nextBatch(t, e)
	require.Equal(t, b.BatchID, again.BatchID)
	require.Equal(t, b.FileName, again.FileName)
	store.batches[b.BatchID].Status = export.StatusDone

	// A claim cut short by a crash (batch 2 holds 3 records, still claiming) is completed.
	b2, _ := store.NewBatch(context.Background(), time.Now())
	_, _ = store.ClaimMore(context.Background(), b2.BatchID, 3, time.Now())
	got := nextBatch(t, e)
	require.Equal(t, b2.BatchID, got.BatchID)
	require.Equal(t, 10, got.Count)
	store.batches[got.BatchID].Status = export.StatusDone

	last := nextBatch(t, e)
	require.Equal(t, 5, last.Count)
	store.batches[last.BatchID].Status = export.StatusDone
	require.Empty(t, nextBatch(t, e).BatchID, "nothing waits")
}

type memFiles struct{ objects map[string][]byte }

func (f *memFiles) Put(_ context.Context, bucket, object, _ string, body []byte) error {
	f.objects[bucket+"/"+object] = append([]byte(nil), body...)
	return nil
}
func (f *memFiles) Size(_ context.Context, bucket, object string) (int64, error) {
	return int64(len(f.objects[bucket+"/"+object])), nil
}
func (f *memFiles) Open(_ context.Context, bucket, object string) (io.ReadCloser, error) {
	return io.NopCloser(strings.NewReader(string(f.objects[bucket+"/"+object]))), nil
}

// fakeFTP is a billing FTP server in memory: staged (temporary) and published files, and what
// billing has taken away.
type fakeFTP struct {
	staged, published map[string]bool
	uploads, renames  int
}

func newFakeFTP() *fakeFTP { return &fakeFTP{staged: map[string]bool{}, published: map[string]bool{}} }

func (f *fakeFTP) Stage(_ context.Context, name string, _ []byte) error {
	f.uploads++
	f.staged[name] = true
	return nil
}

func (f *fakeFTP) Publish(_ context.Context, name string) (string, error) {
	if f.staged[name] {
		delete(f.staged, name)
		f.published[name] = true
		f.renames++
	}
	return "ftp://billing/" + name, nil
}

// writtenBatch is a batch of 3 records whose CSV is written, ready for UploadBatchFile.
func writtenBatch(t *testing.T) (*Exporter, *testsuite.TestActivityEnvironment, *fakeFTP, export.Batch) {
	t.Helper()
	store := newMemStore(3)
	ftp := newFakeFTP()
	e := &Exporter{Store: store, Files: &memFiles{objects: map[string][]byte{}}, FTP: ftp, Bucket: "exports", BatchSize: 10}
	b := nextBatch(t, e)
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	env.RegisterActivity(e)
	v, err := env.ExecuteActivity(e.WriteBatchFile, b)
	require.NoError(t, err)
	require.NoError(t, v.Get(&b))
	return e, env, ftp, b
}

func TestUploadIsNotRepeatedOnceRecorded(t *testing.T) {
	e, env, ftp, b := writtenBatch(t)
	require.Equal(t, 3, b.Count)
	for range 2 { // the second call is a retry after a crash that lost the first's result
		_, err := env.ExecuteActivity(e.UploadBatchFile, b)
		require.NoError(t, err)
	}
	require.Equal(t, 1, ftp.uploads)
	require.Equal(t, 1, ftp.renames)
}

// A worker dies after the rename, before recording it; billing takes the file meanwhile. The retry
// must not hand billing the same rows again.
func TestUploadAfterACrashBetweenRenameAndRecordSendsNothingAgain(t *testing.T) {
	e, env, ftp, b := writtenBatch(t)

	// The first attempt, by hand: staged and recorded, renamed, then the worker dies.
	require.NoError(t, ftp.Stage(context.Background(), b.FileName, nil))
	require.NoError(t, e.Store.UpdateBatch(context.Background(), b.BatchID, map[string]any{"status": string(export.StatusStaged)}))
	_, err := ftp.Publish(context.Background(), b.FileName)
	require.NoError(t, err)
	delete(ftp.published, b.FileName) // billing takes the file

	v, err := env.ExecuteActivity(e.UploadBatchFile, b)
	require.NoError(t, err)
	require.NoError(t, v.Get(&b))
	require.Equal(t, export.StatusUploaded, b.Status)
	require.Equal(t, 1, ftp.uploads, "not staged again")
	require.Equal(t, 1, ftp.renames, "not published again")
	require.Empty(t, ftp.published, "nothing put back for billing to read twice")
}
