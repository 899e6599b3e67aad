package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/export"
)

// exportTimeout is how long the demo waits for its export to finish.
const exportTimeout = 2 * time.Minute

// export runs `starter export now` once the captures settled and waits until the batch is on the
// FTP server and in the bucket, then says where to look at both and at the sent mail.
func (d *demo) export(ctx context.Context) error {
	if _, err := d.starter(ctx, "export", "now"); err != nil {
		return err
	}
	d.out.Printf("export triggered (starter export now); waiting for the batch...")
	deadline := time.Now().Add(exportTimeout)
	for {
		text, err := d.starter(ctx, "export", "list", "--json")
		if err != nil {
			return err
		}
		var done []export.Batch
		for _, line := range nonEmptyLines(text) {
			var b export.Batch
			if json.Unmarshal([]byte(line), &b) == nil && b.Status == export.StatusDone {
				done = append(done, b)
			}
		}
		if len(done) > 0 {
			for _, b := range done {
				d.out.Printf("exported %s: %d rows", b.BatchID, b.Count)
				d.out.Printf("  bucket: %s", b.GCSURI)
				d.out.Printf("  FTP:    %s (the file: %s)", b.FTPURI, relPath(filepath.Join(d.stack.FTPRoot(), b.FileName)))
			}
			d.out.Printf("export batches: go run ./starter export list; sent alerts: mailpit at http://127.0.0.1:%d", config.LocalMailpitUI)
			return nil
		}
		if time.Now().After(deadline) {
			fmt.Fprintf(os.Stderr, "no export batch finished within %s (no accepted capture? see the worker log and mailpit)\n", exportTimeout)
			return fmt.Errorf("export did not finish within %s: see %s", exportTimeout, relPath(d.stack.LogPath("worker")))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}
