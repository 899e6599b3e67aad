package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"cloud.google.com/go/storage"
	"go.temporal.io/api/workflowservice/v1"
	"google.golang.org/api/iterator"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/export"
	"github.com/tollbooth/tollbooth/internal/ftpserver"
	"github.com/tollbooth/tollbooth/signals"
)

// gather reads what the servers hold about the photos: their records (Firestore), their workflow
// runs (Temporal's visibility), the files on the FTP server and what its transfer log says it was
// handed, and whether the exports bucket holds the same files.
func (s *suite) gather(ctx context.Context, ps []photo) (observed, error) {
	o := observed{Records: map[string]capture.Status{}, Runs: map[string]int{}, Files: map[string][]string{}}
	for _, p := range ps {
		rec, err := s.records.Get(ctx, p.ID)
		if err != nil {
			return o, fmt.Errorf("read the record of %s: %w", p.label(), err)
		}
		if rec != nil {
			o.Records[p.ID] = rec.Status
		}
		runs, err := s.temporal.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
			Query: fmt.Sprintf("WorkflowId = '%s'", signals.CaptureWorkflowID(p.ID)), PageSize: 10})
		if err != nil {
			return o, fmt.Errorf("list the workflows of %s: %w", p.label(), err)
		}
		o.Runs[p.ID] = len(runs.Executions)
	}
	ftpFiles, err := s.ftpFiles()
	if err != nil {
		return o, err
	}
	for name, body := range ftpFiles {
		if o.Files[name], err = captureIDs(body); err != nil {
			return o, fmt.Errorf("FTP file %s: %w", name, err)
		}
	}
	transfers, err := ftpserver.ReadTransfers(s.stack.FTPTransferLog())
	if err != nil {
		return o, err
	}
	o.Published = ftpserver.Published(transfers)
	inBucket, err := s.bucketFiles(ctx)
	if err != nil {
		return o, err
	}
	for name, body := range ftpFiles {
		if b, ok := inBucket[name]; !ok || !bytes.Equal(b, body) {
			o.BucketDiffers = append(o.BucketDiffers, name)
		}
	}
	for name := range inBucket {
		if _, ok := ftpFiles[name]; !ok {
			o.BucketDiffers = append(o.BucketDiffers, name)
		}
	}
	slices.Sort(o.BucketDiffers)
	return o, nil
}

// ftpFiles reads the files billing would take from the FTP server's folder (not the staged ones).
func (s *suite) ftpFiles() (map[string][]byte, error) {
	entries, err := os.ReadDir(s.stack.FTPRoot())
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() || isStaged(e.Name()) {
			continue
		}
		if out[e.Name()], err = os.ReadFile(filepath.Join(s.stack.FTPRoot(), e.Name())); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// bucketFiles reads the export files in the exports bucket, by file name.
func (s *suite) bucketFiles(ctx context.Context) (map[string][]byte, error) {
	out := map[string][]byte{}
	b := s.cloud.Storage.Bucket(s.cfg.ExportBucket)
	it := b.Objects(ctx, &storage.Query{Prefix: export.ObjectName("")})
	for {
		o, err := it.Next()
		if errors.Is(err, iterator.Done) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("list the exports bucket: %w", err)
		}
		r, err := b.Object(o.Name).NewReader(ctx)
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return nil, err
		}
		out[filepath.Base(o.Name)] = body
	}
}

// captureIDs reads a CSV export file's capture ids, checking its header.
func captureIDs(body []byte) ([]string, error) {
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 || !slices.Equal(rows[0], export.Columns) {
		return nil, errors.New("no header, or not the export's columns")
	}
	ids := make([]string, 0, len(rows)-1)
	for _, row := range rows[1:] {
		ids = append(ids, row[0])
	}
	return ids, nil
}

// isStaged says whether name is a staged upload (export.TempName), which billing ignores.
func isStaged(name string) bool {
	base := strings.TrimSuffix(strings.TrimPrefix(name, "."), ".part")
	return base != name && export.TempName(base) == name
}
