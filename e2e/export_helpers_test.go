//go:build integration

package e2e

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"cloud.google.com/go/firestore"
	"cloud.google.com/go/storage"
	"github.com/stretchr/testify/require"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"google.golang.org/api/iterator"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/devstack"
	"github.com/tollbooth/tollbooth/internal/export"
	"github.com/tollbooth/tollbooth/internal/ftpserver"
	"github.com/tollbooth/tollbooth/signals"
	"github.com/tollbooth/tollbooth/workflows"
)

// resetExportState ends the export runs earlier tests left open, and empties Firestore, the exports
// bucket, the FTP server's folder and mailpit, so an export test sees only its own runs, records,
// files and mail.
func resetExportState(t *testing.T, cfg config.Config, gcs *storage.Client) {
	t.Helper()
	ctx := context.Background()
	terminateExportRuns(t, cfg)
	req, _ := http.NewRequest(http.MethodDelete, fmt.Sprintf("http://%s/emulator/v1/projects/%s/databases/(default)/documents",
		cfg.FirestoreEmulator, cfg.Project), nil)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, "wiping the Firestore emulator")

	it := gcs.Bucket(cfg.ExportBucket).Objects(ctx, &storage.Query{Prefix: "exports/"})
	for {
		o, err := it.Next()
		if errors.Is(err, iterator.Done) {
			break
		}
		require.NoError(t, err)
		require.NoError(t, gcs.Bucket(cfg.ExportBucket).Object(o.Name).Delete(ctx))
	}
	if root := os.Getenv(devstack.EnvFTPRoot); root != "" {
		entries, _ := os.ReadDir(root)
		for _, e := range entries {
			require.NoError(t, os.RemoveAll(filepath.Join(root, e.Name())))
		}
	}
	if log := os.Getenv(devstack.EnvFTPTransferLog); log != "" { // the server appends: emptying it is safe
		if err := os.Truncate(log, 0); err != nil && !errors.Is(err, os.ErrNotExist) {
			require.NoError(t, err)
		}
	}
	mailpit(t, cfg, http.MethodDelete, "/api/v1/messages", nil)
}

// terminateExportRuns terminates every running export and export-batch workflow: one an earlier
// test left behind (its worker gone) would otherwise be taken up by this test's worker and claim
// this test's records under batch numbers that start again at 1.
func terminateExportRuns(t *testing.T, cfg config.Config) {
	t.Helper()
	ctx := context.Background()
	c, err := app.DialTemporal(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	defer c.Close()
	query := fmt.Sprintf("ExecutionStatus = 'Running' AND (WorkflowType = '%s' OR WorkflowType = '%s')", exportWorkflowType, exportBatchWorkflowType)
	var token []byte
	for {
		page, err := c.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{Query: query, NextPageToken: token})
		require.NoError(t, err)
		for _, e := range page.Executions {
			err := c.TerminateWorkflow(ctx, e.Execution.WorkflowId, e.Execution.RunId, "e2e: left running by an earlier test")
			var gone *serviceerror.NotFound
			if !errors.As(err, &gone) {
				require.NoError(t, err)
			}
		}
		if token = page.NextPageToken; len(token) == 0 {
			return
		}
	}
}

// The export workflows' type names (their function names, as the worker registers them).
const (
	exportWorkflowType      = "Export"
	exportBatchWorkflowType = "ExportBatch"
)

// seedAccepted writes n accepted, unexported records straight to Firestore (as SaveCapture would
// leave them), capture times one second apart from base, plus a few records that must never be
// exported. It returns the accepted capture ids.
func seedAccepted(t *testing.T, fs *firestore.Client, prefix string, n int, base time.Time) []string {
	t.Helper()
	ctx := context.Background()
	ids := make([]string, 0, n)
	var recs []capture.Record
	for i := range n {
		id := fmt.Sprintf("%s-%05d", prefix, i)
		ids = append(ids, id)
		recs = append(recs, capture.Record{
			CaptureID: id, BoothID: "north-01", CaptureTime: base.Add(time.Duration(i) * time.Second),
			PhotoURI: "gs://tollbooth-photos/photos/north-01/" + id + ".jpg", Status: capture.StatusAccepted,
			Plate: fmt.Sprintf("7ABC%03d", i%1000), Confidence: 0.95, Decision: capture.DecisionAuto,
			WorkflowID: signals.CaptureWorkflowID(id), CreatedAt: base, UpdatedAt: base,
		})
	}
	for i, st := range []capture.Status{capture.StatusAwaitingReview, capture.StatusUnreadable, capture.StatusFailedInput} {
		id := fmt.Sprintf("%s-never-%d", prefix, i)
		recs = append(recs, capture.Record{CaptureID: id, BoothID: "north-01", CaptureTime: base.Add(-time.Hour), Status: st})
	}
	for chunk := range slices.Chunk(recs, 500) {
		require.NoError(t, fs.RunTransaction(ctx, func(ctx context.Context, tx *firestore.Transaction) error {
			for _, r := range chunk {
				if err := tx.Set(fs.Collection(capture.Collection).Doc(r.CaptureID), r); err != nil {
					return err
				}
			}
			return nil
		}))
	}
	return ids
}

// runExport runs one export (the schedule's workflow) and waits for it.
func runExport(t *testing.T, c client.Client, every time.Duration) (workflows.ExportResult, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID: fmt.Sprintf("%s-test-%d", signals.ExportWorkflowID, time.Now().UnixNano()), TaskQueue: signals.CaptureTaskQueue,
	}, workflows.Export, workflows.ExportInput{Every: every})
	require.NoError(t, err)
	var res workflows.ExportResult
	err = run.Get(ctx, &res)
	return res, err
}

// csvRows reads a CSV file's capture ids (first column), checking the header.
func csvRows(t *testing.T, r io.Reader) []string {
	t.Helper()
	rows, err := csv.NewReader(r).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, rows)
	require.Equal(t, export.Columns, rows[0])
	var ids []string
	for _, row := range rows[1:] {
		ids = append(ids, row[0])
	}
	return ids
}

// ftpFiles returns the files on the local FTP server by name (not the temporary .part ones).
func ftpFiles(t *testing.T, root string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	entries, err := os.ReadDir(root)
	require.NoError(t, err)
	for _, e := range entries {
		require.False(t, strings.HasSuffix(e.Name(), ".part"), "a temporary upload was left behind: %s", e.Name())
		f, err := os.Open(filepath.Join(root, e.Name()))
		require.NoError(t, err)
		out[e.Name()] = csvRows(t, f)
		f.Close()
	}
	return out
}

// ftpPublished is what the local FTP server says it was handed: per final file name, how many
// renames put it in place (its transfer log; 1 each is exactly once, whatever the folder shows).
func ftpPublished(t *testing.T) map[string]int {
	t.Helper()
	return ftpserver.Published(ftpTransfers(t))
}

// bucketFiles returns the export files in the bucket by file name.
func bucketFiles(t *testing.T, cfg config.Config, gcs *storage.Client) map[string][]string {
	t.Helper()
	ctx := context.Background()
	out := map[string][]string{}
	it := gcs.Bucket(cfg.ExportBucket).Objects(ctx, &storage.Query{Prefix: "exports/"})
	for {
		o, err := it.Next()
		if errors.Is(err, iterator.Done) {
			break
		}
		require.NoError(t, err)
		r, err := gcs.Bucket(cfg.ExportBucket).Object(o.Name).NewReader(ctx)
		require.NoError(t, err)
		out[strings.TrimPrefix(o.Name, "exports/")] = csvRows(t, r)
		r.Close()
	}
	return out
}

// mailMessage is what mailpit's API tells about one message.
type mailMessage struct {
	ID      string `json:"ID"`
	Subject string `json:"Subject"`
	Snippet string `json:"Snippet"`
}

// mails lists the messages in mailpit whose subject contains want.
func mails(t *testing.T, cfg config.Config, want string) []mailMessage {
	t.Helper()
	var out struct {
		Messages []mailMessage `json:"messages"`
	}
	mailpit(t, cfg, http.MethodGet, "/api/v1/messages?limit=500", &out)
	var got []mailMessage
	for _, m := range out.Messages {
		if strings.Contains(m.Subject, want) {
			got = append(got, m)
		}
	}
	return got
}

// mailText returns a message's plain-text body.
func mailText(t *testing.T, cfg config.Config, id string) string {
	t.Helper()
	var msg struct {
		Text string `json:"Text"`
	}
	mailpit(t, cfg, http.MethodGet, "/api/v1/message/"+url.PathEscape(id), &msg)
	return msg.Text
}

func mailpit(t *testing.T, cfg config.Config, method, path string, out any) {
	t.Helper()
	require.NotEmpty(t, cfg.Alerts.MailpitURL, "no mailpit: run through devstack exec")
	req, err := http.NewRequest(method, cfg.Alerts.MailpitURL+path, nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, "mailpit %s %s", method, path)
	if out != nil {
		require.NoError(t, json.NewDecoder(resp.Body).Decode(out))
	}
}

// waitMails waits until at least n messages with the subject text are in mailpit.
func waitMails(t *testing.T, cfg config.Config, subject string, n int, timeout time.Duration) []mailMessage {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		got := mails(t, cfg, subject)
		if len(got) >= n || time.Now().After(deadline) {
			return got
		}
		time.Sleep(300 * time.Millisecond)
	}
}
