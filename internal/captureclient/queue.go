package captureclient

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	commonpb "go.temporal.io/api/common/v1"
	workflowpb "go.temporal.io/api/workflow/v1"
	"go.temporal.io/sdk/converter"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/signals"
)

// Item is one waiting capture: its record, and how long ago the photo was taken.
type Item struct {
	capture.Record
	Age time.Duration `json:"age_ns"` // since the photo was taken
}

// Page is one page of the queue, oldest capture first. NextToken is empty on the last page.
type Page struct {
	Items     []Item `json:"items"`
	Total     int64  `json:"total"` // waiting captures from this page on
	NextToken string `json:"next_token,omitempty"`
}

// DefaultPageSize is the page size when the caller gives none; MaxPageSize caps it.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// ErrBadPageToken is returned for a page token the queue did not make.
var ErrBadPageToken = errors.New("review queue: not a page token of this queue")

// cursor is where the next page starts: captures taken at or after Time, less those already shown
// that were taken exactly at Time.
type cursor struct {
	Time time.Time `json:"t"`
	Seen []string  `json:"seen,omitempty"`
}

// Queue returns a page of the captures waiting for a reviewer: up to size, oldest first, starting at
// token ("" for the first page). The list is a visibility query on the capture workflows' search
// attributes (signals.SearchAttr*), which the workflow sets when it starts waiting and changes when
// the decision is stored: the queue agrees with the workflows within seconds. Each row's record
// (candidates, raw text, reason) comes from Firestore.
//
// Temporal's SQL visibility (the dev server, self-hosted SQL stores) cannot ORDER BY, and returns
// running workflows newest first. So the page is found by counting: a time window starting at the
// cursor is narrowed by bisection until it holds between size and 4×size waiting captures, which
// are then listed and sorted. A page costs a few dozen cheap count queries and one listing of at
// most a few pages; the queue is never loaded whole.
func (c *Client) Queue(ctx context.Context, token string, size int) (Page, error) {
	if size <= 0 {
		size = DefaultPageSize
	}
	size = min(size, MaxPageSize)
	cur, err := decodeToken(token)
	if err != nil {
		return Page{}, err
	}
	from := waitingQuery()
	if !cur.Time.IsZero() {
		from += fmt.Sprintf(" AND %s >= '%s'", signals.SearchAttrCaptureTime, cur.Time.UTC().Format(time.RFC3339Nano))
	}
	total, err := c.vis.Count(ctx, from)
	if err != nil {
		return Page{}, fmt.Errorf("count the review queue: %w", err)
	}
	if total == 0 {
		return Page{Items: []Item{}}, nil
	}
	window := from
	if total > 4*int64(size+len(cur.Seen)) {
		if window, err = c.narrow(ctx, from, cur.Time, int64(size+len(cur.Seen))); err != nil {
			return Page{}, err
		}
	}
	// The window is listed whole (normally at most 4×size rows): cutting a listing short would drop
	// its oldest rows, since visibility returns the newest first.
	items, err := c.list(ctx, window)
	if err != nil {
		return Page{}, err
	}
	slices.SortFunc(items, func(a, b Item) int {
		if o := a.CaptureTime.Compare(b.CaptureTime); o != 0 {
			return o
		}
		return strings.Compare(a.CaptureID, b.CaptureID)
	})
	listed := len(items)
	items = slices.DeleteFunc(items, func(it Item) bool {
		return it.CaptureTime.Equal(cur.Time) && slices.Contains(cur.Seen, it.CaptureID)
	})
	total -= int64(listed - len(items)) // shown on an earlier page, still waiting
	page := Page{Items: items[:min(size, len(items))], Total: total}
	// Counts and listings are separate visibility reads: a capture decided in between is counted and
	// not listed. A page that lists nothing is the end; the caller's next look sees the settled queue.
	if len(page.Items) > 0 && int64(len(page.Items)) < total {
		page.NextToken = nextToken(cur, page.Items)
	}
	if err := c.fill(ctx, page.Items); err != nil {
		return Page{}, err
	}
	return page, nil
}

// narrow bisects the capture-time window [lo, hi) until it holds between want and 4×want captures
// (or, for a burst of captures in one millisecond, that millisecond's captures).
func (c *Client) narrow(ctx context.Context, from string, lo time.Time, want int64) (string, error) {
	hi := c.now().Add(24 * time.Hour)
	if lo.IsZero() {
		lo = time.Unix(0, 0)
	}
	within := func(t time.Time) string {
		return fmt.Sprintf("%s AND %s < '%s'", from, signals.SearchAttrCaptureTime, t.UTC().Format(time.RFC3339Nano))
	}
	for range 64 {
		if hi.Sub(lo) <= time.Millisecond {
			break
		}
		mid := lo.Add(hi.Sub(lo) / 2)
		n, err := c.vis.Count(ctx, within(mid))
		if err != nil {
			return "", fmt.Errorf("count the review queue: %w", err)
		}
		switch {
		case n < want:
			lo = mid
		case n > 4*want:
			hi = mid
		default:
			return within(mid), nil
		}
	}
	return within(hi), nil
}

// list reads every waiting capture the query matches, page by page.
func (c *Client) list(ctx context.Context, query string) ([]Item, error) {
	var items []Item
	var token []byte
	for {
		execs, next, err := c.vis.List(ctx, query, 1000, token)
		if err != nil {
			return nil, fmt.Errorf("list the review queue: %w", err)
		}
		for _, e := range execs {
			if it, ok := itemOf(e); ok {
				items = append(items, it)
			}
		}
		if len(next) == 0 {
			return items, nil
		}
		token = next
	}
}

// fill puts each row's Firestore record (candidates, raw text, reason) in its place, and its age.
func (c *Client) fill(ctx context.Context, items []Item) error {
	now := c.now()
	errs := make([]error, len(items))
	var wg sync.WaitGroup
	for i := range items {
		items[i].Age = now.Sub(items[i].CaptureTime).Round(time.Second)
		wg.Go(func() {
			rec, err := c.record(ctx, items[i].CaptureID)
			if err != nil || rec == nil {
				errs[i] = err
				return
			}
			items[i].Record = *rec
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// waitingQuery matches the running capture workflows that wait for a reviewer.
func waitingQuery() string {
	return fmt.Sprintf("%s = '%s' AND ExecutionStatus = 'Running'", signals.SearchAttrStatus, capture.StatusAwaitingReview)
}

// itemOf reads a queue row from a workflow's visibility record.
func itemOf(e *workflowpb.WorkflowExecutionInfo) (Item, bool) {
	id, ok := signals.CaptureIDFromWorkflowID(e.GetExecution().GetWorkflowId())
	if !ok {
		return Item{}, false
	}
	var it Item
	it.CaptureID, it.Status = id, capture.StatusAwaitingReview
	it.WorkflowID, it.WorkflowRunID = e.GetExecution().GetWorkflowId(), e.GetExecution().GetRunId()
	fields := e.GetSearchAttributes().GetIndexedFields()
	decode(fields[signals.SearchAttrBooth], &it.BoothID)
	decode(fields[signals.SearchAttrCaptureTime], &it.CaptureTime)
	return it, true
}

func decode(p *commonpb.Payload, into any) {
	if p != nil {
		_ = converter.GetDefaultDataConverter().FromPayload(p, into)
	}
}

func nextToken(cur cursor, shown []Item) string {
	last := shown[len(shown)-1].CaptureTime
	next := cursor{Time: last}
	if last.Equal(cur.Time) {
		next.Seen = append(next.Seen, cur.Seen...)
	}
	for _, it := range shown {
		if it.CaptureTime.Equal(last) {
			next.Seen = append(next.Seen, it.CaptureID)
		}
	}
	b, _ := json.Marshal(next)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeToken(token string) (cursor, error) {
	var c cursor
	if token == "" {
		return c, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || json.Unmarshal(b, &c) != nil {
		return c, ErrBadPageToken
	}
	return c, nil
}
