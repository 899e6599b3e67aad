package review

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
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/signals"
)

// Records reads capture records (gcp.Captures): the candidates and raw text of a queue row.
type Records interface {
	Get(ctx context.Context, captureID string) (*capture.Record, error)
}

// Queue lists the captures waiting for a reviewer. The list is a visibility query on the capture
// workflows' search attributes (signals.SearchAttr*), which the workflow sets when it starts waiting
// and changes when the decision is stored: the queue agrees with the workflows within seconds.
type Queue struct {
	vis     visibility
	records Records
	now     func() time.Time
}

// NewQueue reads the queue of the client's namespace; records supplies each row's candidates.
func NewQueue(c client.Client, namespace string, records Records) *Queue {
	return &Queue{vis: temporalVisibility{client: c, namespace: namespace}, records: records, now: time.Now}
}

// Item is one waiting capture.
type Item struct {
	CaptureID   string              `json:"capture_id"`
	WorkflowID  string              `json:"workflow_id"`
	RunID       string              `json:"run_id"`
	BoothID     string              `json:"booth_id"`
	CaptureTime time.Time           `json:"capture_time"`
	Age         time.Duration       `json:"age_ns"` // since the photo was taken
	PhotoURI    string              `json:"photo_uri"`
	Reason      string              `json:"reason,omitempty"`
	RawText     string              `json:"raw_text,omitempty"`
	Candidates  []capture.Candidate `json:"candidates,omitempty"`
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

// ErrBadToken is returned for a page token this package did not make.
var ErrBadToken = errors.New("review queue: not a page token of this queue")

// cursor is where the next page starts: captures taken at or after Time, less those already shown
// that were taken exactly at Time.
type cursor struct {
	Time time.Time `json:"t"`
	Seen []string  `json:"seen,omitempty"`
}

// Page returns up to size waiting captures, oldest first, starting at token ("" for the first page).
//
// Temporal's SQL visibility (the dev server, self-hosted SQL stores) cannot ORDER BY, and returns
// running workflows newest first. So the page is found by counting: a time window starting at the
// cursor is narrowed by bisection until it holds between size and 4×size waiting captures, which
// are then listed and sorted. A page costs a few dozen cheap count queries and one listing of at
// most a few pages; the queue is never loaded whole.
func (q *Queue) Page(ctx context.Context, token string, size int) (Page, error) {
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
	total, err := q.vis.Count(ctx, from)
	if err != nil {
		return Page{}, fmt.Errorf("count the review queue: %w", err)
	}
	if total == 0 {
		return Page{Items: []Item{}}, nil
	}
	window := from
	if total > 4*int64(size+len(cur.Seen)) {
		if window, err = q.narrow(ctx, from, cur.Time, int64(size+len(cur.Seen))); err != nil {
			return Page{}, err
		}
	}
	// The window is listed whole (normally at most 4×size rows): cutting a listing short would drop
	// its oldest rows, since visibility returns the newest first.
	items, err := q.list(ctx, window)
	if err != nil {
		return Page{}, err
	}
	slices.SortFunc(items, func(a, b Item) int {
		if c := a.CaptureTime.Compare(b.CaptureTime); c != 0 {
			return c
		}
		return strings.Compare(a.CaptureID, b.CaptureID)
	})
	listed := len(items)
	items = slices.DeleteFunc(items, func(it Item) bool {
		return it.CaptureTime.Equal(cur.Time) && slices.Contains(cur.Seen, it.CaptureID)
	})
	total -= int64(listed - len(items)) // shown on an earlier page, still waiting
	page := Page{Items: items[:min(size, len(items))], Total: total}
	if int64(len(page.Items)) < total {
		page.NextToken = nextToken(cur, page.Items)
	}
	if err := q.fill(ctx, page.Items); err != nil {
		return Page{}, err
	}
	return page, nil
}

// narrow bisects the capture-time window [lo, hi) until it holds between want and 4×want captures
// (or, for a burst of captures in one millisecond, that millisecond's captures).
func (q *Queue) narrow(ctx context.Context, from string, lo time.Time, want int64) (string, error) {
	hi := q.now().Add(24 * time.Hour)
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
		n, err := q.vis.Count(ctx, within(mid))
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
func (q *Queue) list(ctx context.Context, query string) ([]Item, error) {
	var items []Item
	var token []byte
	for {
		execs, next, err := q.vis.List(ctx, query, 1000, token)
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

// fill adds each row's candidates, raw text and reason from its Firestore record, and its age.
func (q *Queue) fill(ctx context.Context, items []Item) error {
	now := q.now()
	errs := make([]error, len(items))
	var wg sync.WaitGroup
	for i := range items {
		items[i].Age = now.Sub(items[i].CaptureTime).Round(time.Second)
		if q.records == nil {
			continue
		}
		wg.Go(func() {
			rec, err := q.records.Get(ctx, items[i].CaptureID)
			if err != nil || rec == nil {
				errs[i] = err
				return
			}
			items[i].PhotoURI, items[i].Reason, items[i].RawText, items[i].Candidates = rec.PhotoURI, rec.Reason, rec.RawText, rec.Candidates
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
	it := Item{CaptureID: id, WorkflowID: e.GetExecution().GetWorkflowId(), RunID: e.GetExecution().GetRunId()}
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
		return c, ErrBadToken
	}
	return c, nil
}
