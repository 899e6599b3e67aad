package activities

import (
	"context"
	"fmt"
	"time"

	"go.temporal.io/sdk/activity"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/captureclient"
)

// StoredPhoto is one object of a photo listing.
type StoredPhoto struct {
	Name    string
	Created time.Time
}

// PhotoLister lists the photo bucket (gcp.Bucket).
type PhotoLister interface {
	// NextFolder returns the first folder directly under prefix whose name sorts after after
	// ("" for the first), or false when there is none.
	NextFolder(ctx context.Context, bucket, prefix, after string) (string, bool, error)
	// ListPage returns one page of at most size objects under prefix, from startOffset on (in name
	// order), continuing from token ("" for the first page); the next token is "" after the last.
	ListPage(ctx context.Context, bucket, prefix, startOffset, token string, size int) ([]StoredPhoto, string, error)
}

// RecordIndex says which captures have a record (gcp.Captures).
type RecordIndex interface {
	Known(ctx context.Context, captureIDs []string) (map[string]bool, error)
}

// CaptureStarter starts a capture the way the upload trigger does (*captureclient.Client): the
// workflow id from the photo, reject-duplicate, so a start for a photo that has a workflow is
// reported as Existing and runs nothing.
type CaptureStarter interface {
	Start(ctx context.Context, bucket, object, source string) (captureclient.Started, error)
}

// Sweeper holds the reconciliation sweep's activity: it finds photos that have neither a workflow
// nor a record, because their upload notification was lost, and starts them.
type Sweeper struct {
	Photos   PhotoLister
	Records  RecordIndex
	Captures CaptureStarter
	Bucket   string
	// Window is how far back, in capture time, the sweep looks; Grace is how old (since upload) a
	// photo must be before the sweep takes it for one whose notification was lost.
	Window, Grace time.Duration
	// PageSize is the objects per listing page (default sweepPageSize).
	PageSize int
}

// sweepPageSize is the objects per listing page: Cloud Storage's largest.
const sweepPageSize = 1000

// sweepSampleSize bounds the object names a sweep reports of those it started (for the alert).
const sweepSampleSize = 10

// SweepCursor is where a sweep stands: the booth folder being listed and the page token within
// it. A zero cursor is the start, before the first booth.
type SweepCursor struct {
	Booth     string `json:"booth,omitempty"`
	PageToken string `json:"page_token,omitempty"`
}

// SweepRequest asks for up to MaxPages listing pages from Cursor on. Now fixes the window for the
// whole sweep, across activities and continue-as-new.
type SweepRequest struct {
	Now      time.Time   `json:"now"`
	Cursor   SweepCursor `json:"cursor"`
	MaxPages int         `json:"max_pages"`
}

// SweepCounts counts what a sweep saw. Every listed photo is counted once, in one of the last four.
type SweepCounts struct {
	Pages    int `json:"pages"`
	Listed   int `json:"listed"`   // photos taken within the window
	TooNew   int `json:"too_new"`  // uploaded within the grace period: their notification may be on its way
	Recorded int `json:"recorded"` // have a record
	Running  int `json:"running"`  // no record, but a workflow (running or closed)
	Started  int `json:"started"`  // neither: started now
	// StartedObjects are some of the started photos' object names (at most sweepSampleSize).
	StartedObjects []string `json:"started_objects,omitempty"`
}

// Add adds o's counts to c's.
func (c *SweepCounts) Add(o SweepCounts) {
	c.Pages += o.Pages
	c.Listed += o.Listed
	c.TooNew += o.TooNew
	c.Recorded += o.Recorded
	c.Running += o.Running
	c.Started += o.Started
	for _, n := range o.StartedObjects {
		if len(c.StartedObjects) < sweepSampleSize {
			c.StartedObjects = append(c.StartedObjects, n)
		}
	}
}

// SweepProgress is what one SweepPhotos call did, and where the sweep goes on.
type SweepProgress struct {
	SweepCounts
	Cursor SweepCursor `json:"cursor"`
	Done   bool        `json:"done"` // every booth listed
	// The window and grace period the sweep used (the worker's configuration).
	Window time.Duration `json:"window"`
	Grace  time.Duration `json:"grace"`
}

// SweepPhotos lists up to MaxPages pages of the photo bucket, booth by booth, over the photos taken
// within Window before Now, and starts every photo uploaded more than Grace before Now that has
// neither a record nor a workflow. It heartbeats its progress after each page: a retry resumes
// there, and starts nothing twice (a start finds the workflow the first attempt made).
func (s *Sweeper) SweepPhotos(ctx context.Context, req SweepRequest) (SweepProgress, error) {
	p := SweepProgress{Cursor: req.Cursor, Window: s.Window, Grace: s.Grace}
	if activity.HasHeartbeatDetails(ctx) {
		if err := activity.GetHeartbeatDetails(ctx, &p); err != nil {
			return p, fmt.Errorf("read the sweep's heartbeat: %w", err)
		}
	}
	if p.Cursor.Booth == "" {
		booth, ok, err := s.nextBooth(ctx, "")
		if err != nil {
			return p, err
		}
		if !ok { // no photos at all
			p.Done = true
			return p, nil
		}
		p.Cursor = SweepCursor{Booth: booth}
	}
	size := s.PageSize
	if size <= 0 {
		size = sweepPageSize
	}
	from, cutoff := req.Now.Add(-s.Window), req.Now.Add(-s.Grace)
	for p.Pages < req.MaxPages {
		objs, next, err := s.Photos.ListPage(ctx, s.Bucket, capture.BoothFolder(p.Cursor.Booth),
			capture.ObjectNameFrom(p.Cursor.Booth, from), p.Cursor.PageToken, size)
		if err != nil {
			return p, fmt.Errorf("list gs://%s/%s: %w", s.Bucket, capture.BoothFolder(p.Cursor.Booth), err)
		}
		counts, err := s.sweepPage(ctx, objs, cutoff)
		if err != nil {
			return p, err
		}
		counts.Pages = 1
		p.SweepCounts.Add(counts)
		p.Cursor.PageToken = next
		if next == "" {
			booth, ok, err := s.nextBooth(ctx, p.Cursor.Booth)
			if err != nil {
				return p, err
			}
			if !ok {
				p.Done = true
				activity.RecordHeartbeat(ctx, p)
				return p, nil
			}
			p.Cursor = SweepCursor{Booth: booth}
		}
		activity.RecordHeartbeat(ctx, p)
	}
	return p, nil
}

// nextBooth is the booth folder after the given booth ("" for the first).
func (s *Sweeper) nextBooth(ctx context.Context, after string) (string, bool, error) {
	var afterFolder string
	if after != "" {
		afterFolder = capture.BoothFolder(after)
	}
	folder, ok, err := s.Photos.NextFolder(ctx, s.Bucket, capture.PhotoPrefix, afterFolder)
	if err != nil {
		return "", false, fmt.Errorf("list the booth folders of gs://%s/%s: %w", s.Bucket, capture.PhotoPrefix, err)
	}
	if !ok {
		return "", false, nil
	}
	return folder[len(capture.PhotoPrefix) : len(folder)-1], true, nil
}

// sweepPage sorts one page's photos and starts those that have neither a record nor a workflow.
func (s *Sweeper) sweepPage(ctx context.Context, objs []StoredPhoto, cutoff time.Time) (SweepCounts, error) {
	var c SweepCounts
	var ids []string
	byID := map[string]string{}
	for _, o := range objs {
		c.Listed++
		if o.Created.After(cutoff) {
			c.TooNew++
			continue
		}
		id := capture.ID(s.Bucket, o.Name)
		ids = append(ids, id)
		byID[id] = o.Name
	}
	if len(ids) == 0 {
		return c, nil
	}
	known, err := s.Records.Known(ctx, ids)
	if err != nil {
		return c, fmt.Errorf("look up %d records: %w", len(ids), err)
	}
	for _, id := range ids {
		if known[id] {
			c.Recorded++
			continue
		}
		started, err := s.Captures.Start(ctx, s.Bucket, byID[id], captureclient.SourceSweep)
		if err != nil {
			return c, err
		}
		if started.Existing {
			c.Running++
			continue
		}
		c.Started++
		if len(c.StartedObjects) < sweepSampleSize {
			c.StartedObjects = append(c.StartedObjects, byID[id])
		}
		activity.GetLogger(ctx).Warn("sweep started a photo that had no workflow: its upload notification was lost",
			"capture_id", id, "object", byID[id])
	}
	return c, nil
}
