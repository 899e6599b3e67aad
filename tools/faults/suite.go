package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/captureclient"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/devstack"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/signals"
)

// suiteSettings are the worker's settings for the suite, beside the stack's addresses: batches of
// ten rows, so every fault's captures make several files and the periodic check's early export
// runs on real records while the faults happen; the sweep every 30 s with its shortest grace, so a
// dropped notification is caught within a fault's time.
var suiteSettings = []devstack.EnvVar{
	{Name: config.EnvExportBatchSize, Value: "10"},
	{Name: config.EnvExportCheckEvery, Value: "10s"},
	{Name: config.EnvSweepEvery, Value: "30s"},
	{Name: config.EnvSweepGrace, Value: "1m"},
}

// Bounds of one fault's steps. Generous: they only turn a hung fault into a reported failure.
const (
	settleTimeout = 6 * time.Minute // every photo has a record after the fault is over
	decideTimeout = 2 * time.Minute // every review decision is taken and recorded
	exportTimeout = 5 * time.Minute // nothing accepted waits for the export
)

// suite is the fault suite's view of the stack, with the worker and the trigger it kills.
type suite struct {
	stack    *devstack.Stack
	out      *devstack.Progress
	cfg      config.Config
	temporal client.Client
	cloud    *app.Cloud
	bucket   gcp.Bucket
	records  gcp.Captures
	exports  gcp.Exports
	captures *captureclient.Client
	worker   *program
	trigger  *program
	pool     *pool
	all      []photo // every photo uploaded so far: each fault's check covers them all
	reported tally   // what earlier rows reported
	// ftpKilled is when the ftp-down fault killed the FTP server.
	ftpKilled time.Time
}

// newSuite builds the worker and the trigger, starts them with the suite's settings, and connects
// to the stack the way they do.
func newSuite(ctx context.Context, stack *devstack.Stack, out *devstack.Progress, photos int) (*suite, error) {
	vars := append(stack.Env(), suiteSettings...)
	for _, v := range vars { // config.Load and the Google clients read this process's environment
		if err := os.Setenv(v.Name, v.Value); err != nil {
			return nil, err
		}
	}
	cfg, err := config.Load()
	if err != nil {
		return nil, err
	}
	bin := stack.BinDir()
	if err := stack.GoBuild(ctx, bin+string(filepath.Separator), "./worker", "./trigger"); err != nil {
		return nil, err
	}
	out.Printf("drawing %d synthetic photos...", photos)
	p, err := newPool(cfg.PhotoBucket, photos, 1207)
	if err != nil {
		return nil, err
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil)) // the SDK's retries during outages are expected
	c, err := app.DialTemporal(cfg, quiet)
	if err != nil {
		return nil, err
	}
	cloud, err := app.OpenCloud(ctx, cfg, app.NeedStorage|app.NeedFirestore|app.NeedPubSub)
	if err != nil {
		c.Close()
		return nil, err
	}
	env := devstack.Environ(os.Environ(), vars)
	s := &suite{
		stack: stack, out: out, cfg: cfg, temporal: c, cloud: cloud, pool: p,
		bucket:   gcp.Bucket{Client: cloud.Storage},
		records:  gcp.Captures{Client: cloud.Firestore},
		exports:  gcp.Exports{Client: cloud.Firestore},
		captures: app.NewCaptureClient(cfg, c, cloud),
		worker:   &program{name: "worker", bin: filepath.Join(bin, "worker"), env: env, stack: stack},
		trigger:  &program{name: "trigger", bin: filepath.Join(bin, "trigger"), env: env, stack: stack},
	}
	for _, a := range []*program{s.worker, s.trigger} {
		if err := a.start(); err != nil {
			s.close()
			return nil, err
		}
		out.Printf("started %s (pid %d, log %s)", a.name, a.proc.Pid(), a.proc.LogPath)
	}
	return s, nil
}

// close stops the programs and the clients; the caller stops the stack.
func (s *suite) close() {
	s.trigger.stop()
	s.worker.stop()
	_ = s.cloud.Close()
	s.temporal.Close()
}

// healthy reports a program or server that exited by itself: the suite cannot judge a fault then.
func (s *suite) healthy() error {
	for _, a := range []*program{s.worker, s.trigger} {
		if err := a.alive(); err != nil {
			return err
		}
	}
	select {
	case err := <-s.stack.Died():
		return err
	default:
		return nil
	}
}

// upload puts photos into the photo bucket as a booth does (a new object: one notification each).
func (s *suite) upload(ctx context.Context, ps []photo) error {
	for _, p := range ps {
		if _, err := s.bucket.PutIfAbsent(ctx, s.cfg.PhotoBucket, p.Object, contentType(p.Ext), bytes.NewReader(p.Body)); err != nil {
			return fmt.Errorf("upload %s: %w", p.Object, err)
		}
	}
	return nil
}

// reupload writes the photos again, byte for byte: a new generation of the same object, so
// another notification for each, as a camera that retries its upload sends.
func (s *suite) reupload(ctx context.Context, ps []photo) error {
	for _, p := range ps {
		if err := s.bucket.Put(ctx, s.cfg.PhotoBucket, p.Object, contentType(p.Ext), p.Body); err != nil {
			return fmt.Errorf("upload %s again: %w", p.Object, err)
		}
	}
	return nil
}

func contentType(ext string) string {
	if ext == "png" {
		return "image/png"
	}
	return "image/jpeg"
}

// waitSettled waits until every photo has a record that is final or waits for a person, and
// returns when the last one got there. Photos still without one at the timeout are left to the
// check, which counts them lost.
func (s *suite) waitSettled(ctx context.Context, ps []photo, timeout time.Duration) (time.Time, int, error) {
	deadline := time.Now().Add(timeout)
	pending := map[string]bool{}
	for _, p := range ps {
		pending[p.ID] = true
	}
	last := time.Now()
	for len(pending) > 0 {
		for id := range pending {
			rec, err := s.records.Get(ctx, id)
			if err != nil {
				break // the Firestore emulator may be the fault: ask again
			}
			if rec != nil && (rec.Status.Final() || rec.Status == capture.StatusAwaitingReview) {
				delete(pending, id)
				last = time.Now()
			}
		}
		if err := s.healthy(); err != nil {
			return last, len(pending), err
		}
		if len(pending) == 0 || time.Now().After(deadline) {
			break
		}
		if err := sleep(ctx, 500*time.Millisecond); err != nil {
			return last, len(pending), err
		}
	}
	return last, len(pending), nil
}

// decide plays the reviewer: every capture of ps that waits for a person gets the photo's true
// plate, through the same update the web form and the CLI use. It returns how many it decided.
func (s *suite) decide(ctx context.Context, ps []photo) (int, error) {
	decided := 0
	for _, p := range ps {
		rec, err := s.records.Get(ctx, p.ID)
		if err != nil || rec == nil || rec.Status != capture.StatusAwaitingReview {
			continue
		}
		deadline := time.Now().Add(decideTimeout)
		for {
			_, err := s.captures.Decide(ctx, p.ID, signals.ReviewDecision{Plate: p.Plate, ReviewerID: "fault-suite"})
			var late *signals.NotWaitingError
			if err == nil || errors.As(err, &late) {
				break
			}
			if time.Now().After(deadline) {
				return decided, fmt.Errorf("decide %s: %w", p.label(), err)
			}
			if err := sleep(ctx, time.Second); err != nil {
				return decided, err
			}
		}
		decided++
	}
	// The decision is recorded by the workflow's save activity: wait for the final records.
	if _, left, err := s.waitFinal(ctx, ps); err != nil || left > 0 {
		return decided, errors.Join(err, errorIf(left > 0, "%d decided captures have no final record after %s", left, decideTimeout))
	}
	return decided, nil
}

func (s *suite) waitFinal(ctx context.Context, ps []photo) (time.Time, int, error) {
	deadline := time.Now().Add(decideTimeout)
	for {
		left := 0
		for _, p := range ps {
			if rec, err := s.records.Get(ctx, p.ID); err != nil || rec == nil || !rec.Status.Final() {
				left++
			}
		}
		if left == 0 || time.Now().After(deadline) {
			return time.Now(), left, nil
		}
		if err := sleep(ctx, 500*time.Millisecond); err != nil {
			return time.Now(), left, err
		}
	}
}

// exportAll runs the export (as `starter export now` does) until no accepted record waits and no
// batch is unfinished. The periodic check may have exported most of them already.
func (s *suite) exportAll(ctx context.Context) error {
	deadline := time.Now().Add(exportTimeout)
	var triggered time.Time
	quiet := 0
	for {
		waiting, err1 := s.exports.CountWaiting(ctx)
		open, err2 := s.exports.OpenBatch(ctx)
		switch {
		case err1 != nil || err2 != nil:
			quiet = 0
		case waiting == 0 && open == nil:
			if quiet++; quiet == 2 { // twice in a row: no run is about to claim more
				return nil
			}
		default:
			quiet = 0
			// A run failed after its retries (the FTP fault) leaves its batch open: trigger again.
			if time.Since(triggered) > 30*time.Second {
				if err := app.TriggerExport(ctx, s.temporal); err == nil {
					triggered = time.Now()
				}
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the export did not finish within %s (waiting %d, open batch %v)", exportTimeout, waiting, open != nil)
		}
		if err := sleep(ctx, time.Second); err != nil {
			return err
		}
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

func errorIf(cond bool, format string, args ...any) error {
	if !cond {
		return nil
	}
	return fmt.Errorf(format, args...)
}

// startedBy reads who started a capture's workflow from the summary captureclient gives every run
// ("booth … · taken … · SOURCE").
func (s *suite) startedBy(ctx context.Context, captureID string) (string, error) {
	d, err := s.temporal.DescribeWorkflowExecution(ctx, signals.CaptureWorkflowID(captureID), "")
	if err != nil {
		return "", err
	}
	var summary string
	if p := d.GetExecutionConfig().GetUserMetadata().GetSummary(); p != nil {
		if err := converter.GetDefaultDataConverter().FromPayload(p, &summary); err != nil {
			return "", err
		}
	}
	parts := strings.Split(summary, " · ")
	return parts[len(parts)-1], nil
}
