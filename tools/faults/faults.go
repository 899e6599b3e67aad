package main

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/captureclient"
	"github.com/tollbooth/tollbooth/internal/devstack"
	"github.com/tollbooth/tollbooth/internal/ftpserver"
	"github.com/tollbooth/tollbooth/internal/ingest"
)

// fault is one row of the suite: a burst of photos and what goes wrong while they are processed
// or exported.
type fault struct {
	Name   string // short, for flags and photo labels
	Title  string // the table's description
	Photos int    // real photos in its burst
	Poison int    // poison photos beside them
	// Inject uploads the burst and makes the fault happen; it returns once everything it broke is
	// back (the stack then has to catch up by itself).
	Inject func(ctx context.Context, s *suite, ps []photo) (note string, err error)
	// Export replaces the plain export after the burst (nil: s.exportAll).
	Export func(ctx context.Context, s *suite) (note string, err error)
}

// Outage lengths: long enough that work piles up and retries back off, short enough for CI.
const (
	temporalDown  = 40 * time.Second
	visionDown    = 30 * time.Second
	firestoreStop = 30 * time.Second
	ftpDown       = 30 * time.Second
	triggerDown   = 5 * time.Second
)

// faults are the suite's rows, in order. Every one ends with the whole run's check: each photo so
// far has exactly one record and one workflow, and the export holds each accepted capture once.
//
// The trigger's SIGKILL comes last: the Pub/Sub emulator never forgets the killed subscriber's
// streaming pull and goes on leasing it a share of the new messages, each held for the 60 s ack
// deadline before it is redelivered (measured here). Every fault after it would wait for those
// leases, and the dropped-notifications fault, which pulls the messages itself, would get none.
func faults(photos int) []fault {
	half := func(ps []photo) ([]photo, []photo) { return ps[:len(ps)/2], ps[len(ps)/2:] }
	return []fault{
		{Name: "none", Title: "no fault (the reference)", Photos: photos,
			Inject: func(ctx context.Context, s *suite, ps []photo) (string, error) { return "", s.upload(ctx, ps) }},
		{Name: "worker-kill", Title: "worker SIGKILLed twice mid-burst", Photos: photos,
			Inject: func(ctx context.Context, s *suite, ps []photo) (string, error) {
				if err := s.upload(ctx, ps); err != nil {
					return "", err
				}
				for range 2 {
					if err := sleep(ctx, 3*time.Second); err != nil {
						return "", err
					}
					if err := s.worker.restart(); err != nil {
						return "", err
					}
				}
				return "restarted at once each time", nil
			}},
		{Name: "temporal-down", Title: fmt.Sprintf("Temporal server down %s (SIGKILL, restart)", temporalDown), Photos: photos,
			Inject: func(ctx context.Context, s *suite, ps []photo) (string, error) {
				return "", s.serverDown(ctx, devstack.ServiceTemporal, temporalDown, ps)
			}},
		{Name: "vision-down", Title: fmt.Sprintf("Vision server down %s (SIGKILL, restart)", visionDown), Photos: photos,
			Inject: func(ctx context.Context, s *suite, ps []photo) (string, error) {
				return "", s.serverDown(ctx, devstack.ServiceVision, visionDown, ps)
			}},
		{Name: "firestore-paused", Title: fmt.Sprintf("Firestore emulator paused %s (SIGSTOP)", firestoreStop), Photos: photos,
			Inject: func(ctx context.Context, s *suite, ps []photo) (string, error) {
				first, second := half(ps)
				if err := s.upload(ctx, first); err != nil {
					return "", err
				}
				if err := s.stack.Pause(devstack.ServiceFirestore); err != nil {
					return "", err
				}
				err := s.upload(ctx, second)
				if serr := sleep(ctx, firestoreStop); err == nil {
					err = serr
				}
				if rerr := s.stack.Resume(devstack.ServiceFirestore); err == nil {
					err = rerr
				}
				return "", err
			}},
		{Name: "duplicates", Title: "duplicate notifications (every photo uploaded twice)", Photos: photos,
			Inject: func(ctx context.Context, s *suite, ps []photo) (string, error) {
				if err := s.upload(ctx, ps); err != nil {
					return "", err
				}
				return "", s.reupload(ctx, ps)
			}},
		{Name: "dropped", Title: "notifications dropped (the sweep must catch them)", Photos: photos / 2,
			Inject: func(ctx context.Context, s *suite, ps []photo) (string, error) {
				n, err := s.dropNotifications(ctx, ps)
				if err != nil {
					return "", err
				}
				if _, _, err := s.waitSettled(ctx, ps, settleTimeout); err != nil {
					return "", err
				}
				for _, p := range ps { // nothing else may have started them
					if by, err := s.startedBy(ctx, p.ID); err != nil || by != captureclient.SourceSweep {
						return "", errors.Join(err, errorIf(by != captureclient.SourceSweep, "%s was started by %q, not the sweep", p.label(), by))
					}
				}
				return fmt.Sprintf("%d of %d notifications dropped, all started by the sweep", n, len(ps)), nil
			},
			Export: func(ctx context.Context, s *suite) (string, error) {
				// The sweep raises the photos-missed alert: notifications are being lost.
				if n, err := s.mails(ctx, photosMissedSubject); err != nil || n == 0 {
					return "", errors.Join(err, errorIf(n == 0, "the sweep started the photos but no %q alert was mailed", photosMissedSubject))
				}
				return "the sweep's alert was mailed", s.exportAll(ctx)
			}},
		{Name: "poison", Title: "poison photos (bombs, not images) in a burst", Photos: photos / 2, Poison: 6,
			Inject: func(ctx context.Context, s *suite, ps []photo) (string, error) {
				pid := s.worker.proc.Pid()
				if err := s.upload(ctx, ps); err != nil {
					return "", err
				}
				if _, _, err := s.waitSettled(ctx, ps, settleTimeout); err != nil {
					return "", err
				}
				if s.worker.proc == nil || s.worker.proc.Pid() != pid || s.worker.alive() != nil {
					return "", fmt.Errorf("the worker did not survive the poison photos (see %s)", s.stack.LogPath("worker"))
				}
				return "the worker stayed up", nil
			}},
		{Name: "ftp-down", Title: fmt.Sprintf("FTP server down %s during the exports", ftpDown), Photos: photos,
			Inject: func(ctx context.Context, s *suite, ps []photo) (string, error) {
				if err := s.stack.Kill(devstack.ServiceFTP); err != nil {
					return "", err
				}
				s.ftpKilled = time.Now()
				return "", s.upload(ctx, ps) // the periodic check exports full batches meanwhile
			},
			Export: func(ctx context.Context, s *suite) (string, error) {
				if err := s.exportWhileDown(ctx); err != nil {
					return "", err
				}
				return fmt.Sprintf("FTP back after %s", ftpDown), s.exportAll(ctx)
			}},
		{Name: "export-kill", Title: "worker SIGKILLed during an export", Photos: photos + 5,
			Inject: func(ctx context.Context, s *suite, ps []photo) (string, error) { return "", s.upload(ctx, ps) },
			Export: func(ctx context.Context, s *suite) (string, error) { return s.killDuringExport(ctx) }},
		{Name: "trigger-kill", Title: "trigger SIGKILLed mid-burst", Photos: photos,
			Inject: func(ctx context.Context, s *suite, ps []photo) (string, error) {
				first, second := half(ps)
				if err := s.upload(ctx, first); err != nil {
					return "", err
				}
				if err := sleep(ctx, time.Second); err != nil {
					return "", err
				}
				if err := s.trigger.kill(); err != nil {
					return "", err
				}
				if err := s.upload(ctx, second); err != nil {
					return "", err
				}
				if err := sleep(ctx, triggerDown); err != nil {
					return "", err
				}
				return fmt.Sprintf("down %s", triggerDown), s.trigger.start()
			}},
	}
}

// serverDown kills a server of the stack, uploads the burst while it is down, and starts it again
// after down.
func (s *suite) serverDown(ctx context.Context, name string, down time.Duration, ps []photo) error {
	first, second := ps[:len(ps)/2], ps[len(ps)/2:]
	if err := s.upload(ctx, first); err != nil {
		return err
	}
	if err := s.stack.Kill(name); err != nil {
		return err
	}
	killed := time.Now()
	if err := s.upload(ctx, second); err != nil {
		return err
	}
	if err := sleep(ctx, down-time.Since(killed)); err != nil {
		return err
	}
	return s.stack.Restart(ctx, name)
}

// dropNotifications stops the trigger, uploads the photos, takes their notifications off the
// subscription and acknowledges them unprocessed (as a lost message, an expired retention or a
// misconfigured subscription would), then starts the trigger again. Only the sweep can start them.
//
// The trigger is stopped gracefully and the messages are pulled synchronously: the Pub/Sub
// emulator goes on leasing new messages to a streaming pull whose client died (measured: a
// SIGKILLed trigger's, and a cancelled Receive's), which would hold them for the 60 s ack deadline.
func (s *suite) dropNotifications(ctx context.Context, ps []photo) (int, error) {
	s.trigger.stop()
	want := map[string]bool{}
	for _, p := range ps {
		want[p.Object] = true
	}
	if err := s.upload(ctx, ps); err != nil {
		return 0, err
	}
	sub := fmt.Sprintf("projects/%s/subscriptions/%s", s.cfg.Project, s.cfg.UploadSubscription)
	admin := s.cloud.PubSub.SubscriptionAdminClient
	dropped := map[string]bool{}
	deadline := time.Now().Add(time.Minute)
	for len(dropped) < len(want) && time.Now().Before(deadline) {
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		resp, err := admin.Pull(pctx, &pubsubpb.PullRequest{Subscription: sub, MaxMessages: 100})
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return len(dropped), ctx.Err()
			}
			continue // nothing within 5 s: ask again
		}
		var drop, keep []string
		for _, m := range resp.ReceivedMessages {
			e, err := ingest.EventFromAttributes(m.GetMessage().GetAttributes())
			if err == nil && want[e.Object] {
				drop = append(drop, m.AckId)
				dropped[e.Object] = true
			} else {
				keep = append(keep, m.AckId) // not this fault's: the trigger takes it when it is back
			}
		}
		if len(drop) > 0 {
			if err := admin.Acknowledge(ctx, &pubsubpb.AcknowledgeRequest{Subscription: sub, AckIds: drop}); err != nil {
				return len(dropped), fmt.Errorf("acknowledge the dropped notifications: %w", err)
			}
		}
		if len(keep) > 0 {
			_ = admin.ModifyAckDeadline(ctx, &pubsubpb.ModifyAckDeadlineRequest{Subscription: sub, AckIds: keep, AckDeadlineSeconds: 0})
		}
	}
	if err := s.trigger.start(); err != nil {
		return len(dropped), err
	}
	if len(dropped) < len(want) {
		return len(dropped), fmt.Errorf("only %d of %d notifications arrived to be dropped within a minute", len(dropped), len(want))
	}
	return len(dropped), nil
}

// exportWhileDown triggers the export with the FTP server down (it was killed at the start of the
// fault), leaves the runs retrying for the rest of the outage, and starts the server again.
func (s *suite) exportWhileDown(ctx context.Context) error {
	if err := triggerExport(ctx, s); err != nil {
		return err
	}
	if err := sleep(ctx, ftpDown-time.Since(s.ftpKilled)); err != nil {
		return err
	}
	return s.stack.Restart(ctx, devstack.ServiceFTP)
}

// killDuringExport watches the FTP server's transfer log and SIGKILLs the worker as soon as the
// next export file is staged there (between staging and publishing, or just after: wherever the
// kill lands, the file must reach billing once), then starts a new worker and lets the export finish.
func (s *suite) killDuringExport(ctx context.Context) (string, error) {
	before, err := ftpserver.ReadTransfers(s.stack.FTPTransferLog())
	if err != nil {
		return "", err
	}
	if err := triggerExport(ctx, s); err != nil {
		return "", err
	}
	deadline := time.Now().Add(exportTimeout)
	for {
		now, err := ftpserver.ReadTransfers(s.stack.FTPTransferLog())
		if err != nil {
			return "", err
		}
		if staged := newUpload(before, now); staged != "" {
			if err := s.worker.restart(); err != nil {
				return "", err
			}
			file := stagedFile(staged)
			after, err := ftpserver.ReadTransfers(s.stack.FTPTransferLog())
			if err != nil {
				return "", err
			}
			where := "between its staging and its rename"
			if ftpserver.Published(after)[file] > 0 {
				where = "just after its rename"
			}
			return fmt.Sprintf("killed %s of %s", where, file), s.exportAll(ctx)
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("no export file was staged within %s", exportTimeout)
		}
		if err := sleep(ctx, 2*time.Millisecond); err != nil {
			return "", err
		}
	}
}

// newUpload returns the name of the first upload in now that before did not have.
func newUpload(before, now []ftpserver.Transfer) string {
	for i := len(before); i < len(now); i++ {
		if now[i].Op == ftpserver.OpPut {
			return now[i].Path
		}
	}
	return ""
}

// stagedFile is the file a staged upload's path stands for: "/.batch-000003.csv.part" →
// "batch-000003.csv".
func stagedFile(p string) string {
	return strings.TrimSuffix(strings.TrimPrefix(path.Base(p), "."), ".part")
}

// triggerExport runs the export schedule now, as `starter export now` does, retrying while the
// worker that creates the schedule is starting.
func triggerExport(ctx context.Context, s *suite) error {
	deadline := time.Now().Add(time.Minute)
	for {
		err := app.TriggerExport(ctx, s.temporal)
		if err == nil || time.Now().After(deadline) {
			return err
		}
		if err := sleep(ctx, time.Second); err != nil {
			return err
		}
	}
}
