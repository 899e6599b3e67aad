package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
)

// stubWorker runs the worker program itself (app.WorkerProgram: same workflows, activities, Vision
// worker and tuning) with one difference: the capture queue's photo reads and record writes are
// answered from memory instead of fake-gcs-server and the Firestore emulator. `bench spike
// --stub-cloud` runs it to measure how much of the machine the emulators take: bench only, never
// part of the worker binary. Uploads, notifications, the trigger and Vision still run for real.
func stubWorker(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("stub-worker", flag.ContinueOnError)
	photoDir := fs.String("photos", ".devstack/bench", "folder made by bench prepare")
	count := fs.Int("count", 10000, "photos of the spike")
	if err := fs.Parse(args); err != nil {
		return err
	}
	base, err := loadPhotos(filepath.Join(*photoDir, "photos"))
	if err != nil {
		return err
	}
	store := memPhotos{}
	for _, p := range expand(base, *count) {
		store[sha256Hex(p.data)[:objectHashLen]] = p.data
	}
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	records := &memRecords{byID: map[string]capture.Record{}}
	stores := func(config.Config, *app.Cloud) app.Stores { return app.Stores{Photos: store, Records: records} }
	return app.WorkerProgram(stores)(ctx, app.Program{Cfg: cfg, Log: app.NewLogger(cfg)})
}

// objectHashLen is how much of the SHA-256 an object name carries (capture.ObjectName).
const objectHashLen = 16

// memPhotos answers photo reads by the hash in the object name: TIME_HASH.jpg.
type memPhotos map[string][]byte

func (m memPhotos) find(object string) ([]byte, error) {
	name := strings.TrimSuffix(path.Base(object), path.Ext(object))
	_, hash, _ := strings.Cut(name, "_")
	data, ok := m[hash]
	if !ok {
		return nil, fmt.Errorf("%s: %w", object, activities.ErrObjectNotFound)
	}
	return data, nil
}

func (m memPhotos) Size(_ context.Context, _, object string) (int64, error) {
	data, err := m.find(object)
	return int64(len(data)), err
}

func (m memPhotos) Open(_ context.Context, _, object string) (io.ReadCloser, error) {
	data, err := m.find(object)
	if err != nil {
		return nil, err
	}
	return io.NopCloser(bytes.NewReader(data)), nil
}

// memRecords keeps records with the store's rule (gcp.Captures.Save): a final record written by
// another run is kept and returned.
type memRecords struct {
	mu   sync.Mutex
	byID map[string]capture.Record
}

func (m *memRecords) Get(_ context.Context, id string) (*capture.Record, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	rec, ok := m.byID[id]
	if !ok {
		return nil, nil
	}
	return &rec, nil
}

func (m *memRecords) Save(_ context.Context, rec capture.Record) (capture.Record, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if existing, ok := m.byID[rec.CaptureID]; ok && existing.Status.Final() && existing.WorkflowRunID != rec.WorkflowRunID {
		return existing, nil
	}
	rec.UpdatedAt = time.Now().UTC()
	m.byID[rec.CaptureID] = rec
	return rec, nil
}
