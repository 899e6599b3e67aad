package captureclient

import (
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	commonpb "go.temporal.io/api/common/v1"
	workflowpb "go.temporal.io/api/workflow/v1"
	"go.temporal.io/sdk/converter"

	"github.com/tollbooth/tollbooth/signals"
)

// fakeVisibility answers the queue's queries over a fixed set of waiting captures, newest first like
// Temporal's SQL visibility, and records how many rows a listing returned.
type fakeVisibility struct {
	times      map[string]time.Time
	counts     int
	maxListing int
}

var bound = regexp.MustCompile(signals.SearchAttrCaptureTime + ` (>=|<) '([^']+)'`)

func (f *fakeVisibility) match(query string) []string {
	var out []string
	conds := bound.FindAllStringSubmatch(query, -1)
next:
	for id, t := range f.times {
		for _, c := range conds {
			b, err := time.Parse(time.RFC3339Nano, c[2])
			if err != nil {
				panic(err)
			}
			if (c[1] == ">=" && t.Before(b)) || (c[1] == "<" && !t.Before(b)) {
				continue next
			}
		}
		out = append(out, id)
	}
	slices.SortFunc(out, func(a, b string) int { // newest first, like SQL visibility; stable across pages
		if c := f.times[b].Compare(f.times[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return out
}

func (f *fakeVisibility) Count(_ context.Context, q string) (int64, error) {
	f.counts++
	return int64(len(f.match(q))), nil
}

func (f *fakeVisibility) List(_ context.Context, q string, size int32, token []byte) ([]*workflowpb.WorkflowExecutionInfo, []byte, error) {
	ids := f.match(q)
	start := 0
	if token != nil {
		fmt.Sscan(string(token), &start)
	}
	end := min(start+int(size), len(ids))
	var out []*workflowpb.WorkflowExecutionInfo
	for _, id := range ids[start:end] {
		tp, _ := converter.GetDefaultDataConverter().ToPayload(f.times[id])
		bp, _ := converter.GetDefaultDataConverter().ToPayload("north-01")
		out = append(out, &workflowpb.WorkflowExecutionInfo{
			Execution:        &commonpb.WorkflowExecution{WorkflowId: signals.CaptureWorkflowID(id), RunId: "r"},
			SearchAttributes: &commonpb.SearchAttributes{IndexedFields: map[string]*commonpb.Payload{signals.SearchAttrCaptureTime: tp, signals.SearchAttrBooth: bp}},
		})
	}
	f.maxListing = max(f.maxListing, end-start)
	if end == len(ids) {
		return out, nil, nil
	}
	return out, fmt.Appendf(nil, "%d", end), nil
}

func TestTheQueuePagesOldestFirstWithoutLoadingItWhole(t *testing.T) {
	now := time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC)
	vis := &fakeVisibility{times: map[string]time.Time{}}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		// Spread over a week, with bursts: many captures in the same millisecond.
		at := now.Add(-time.Duration(rng.Int64N(int64(7 * 24 * time.Hour)))).Truncate(time.Millisecond)
		if i%10 == 0 {
			at = now.Add(-time.Hour).Truncate(time.Millisecond)
		}
		vis.times[fmt.Sprintf("c%05d", i)] = at
	}
	q := &Client{vis: vis, now: func() time.Time { return now }}

	var seen []Item
	token, pages := "", 0
	for {
		p, err := q.Queue(context.Background(), token, 50)
		require.NoError(t, err)
		pages++
		seen = append(seen, p.Items...)
		if p.NextToken == "" {
			break
		}
		require.Len(t, p.Items, 50)
		token = p.NextToken
		require.Less(t, pages, 1000)
	}
	require.Len(t, seen, 3000, "every waiting capture exactly once")
	ids := map[string]bool{}
	for i, it := range seen {
		require.False(t, ids[it.CaptureID], "listed twice: %s", it.CaptureID)
		ids[it.CaptureID] = true
		if i > 0 {
			require.False(t, it.CaptureTime.Before(seen[i-1].CaptureTime), "oldest first")
		}
	}
	require.Equal(t, "north-01", seen[0].BoothID)
	require.Equal(t, now.Sub(seen[0].CaptureTime).Round(time.Second), seen[0].Age)
	// The burst of 300 in one millisecond is listed whole; the queue never is.
	require.LessOrEqual(t, vis.maxListing, 300+4*50)
	t.Logf("%d pages, %d count queries (%.1f per page), largest listing %d rows", pages, vis.counts, float64(vis.counts)/float64(pages), vis.maxListing)
}

func TestAnEmptyQueueAndABadToken(t *testing.T) {
	q := &Client{vis: &fakeVisibility{times: map[string]time.Time{}}, now: time.Now}
	p, err := q.Queue(context.Background(), "", 0)
	require.NoError(t, err)
	require.Empty(t, p.Items)
	require.Empty(t, p.NextToken)
	_, err = q.Queue(context.Background(), "not a token!", 10)
	require.ErrorIs(t, err, ErrBadPageToken)
}

func TestAPageAfterADecisionStillFindsTheRest(t *testing.T) {
	at := time.Date(2026, 11, 25, 17, 0, 0, 0, time.UTC)
	vis := &fakeVisibility{times: map[string]time.Time{"a": at, "b": at, "c": at, "d": at.Add(time.Second)}}
	q := &Client{vis: vis, now: time.Now}
	p1, err := q.Queue(context.Background(), "", 2)
	require.NoError(t, err)
	require.Equal(t, []string{"a", "b"}, ids(p1.Items))
	delete(vis.times, "a") // decided meanwhile: it left the queue
	p2, err := q.Queue(context.Background(), p1.NextToken, 2)
	require.NoError(t, err)
	require.Equal(t, []string{"c", "d"}, ids(p2.Items))
	require.Empty(t, p2.NextToken)
}

func ids(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.CaptureID)
	}
	return out
}

// stale counts one capture more than it lists: one decided between the two reads.
type stale struct{ *fakeVisibility }

func (s stale) Count(ctx context.Context, q string) (int64, error) {
	n, err := s.fakeVisibility.Count(ctx, q)
	return n + 1, err
}

func TestACountAheadOfTheListingEndsThePageInsteadOfFailing(t *testing.T) {
	q := &Client{vis: stale{&fakeVisibility{times: map[string]time.Time{}}}, now: time.Now}
	p, err := q.Queue(context.Background(), "", 2)
	require.NoError(t, err)
	require.Empty(t, p.Items)
	require.Empty(t, p.NextToken, "nothing listed: no next page to point at")

	at := time.Date(2026, 11, 25, 17, 0, 0, 0, time.UTC)
	q.vis = stale{&fakeVisibility{times: map[string]time.Time{"a": at, "b": at.Add(time.Second)}}}
	p, err = q.Queue(context.Background(), "", 1)
	require.NoError(t, err)
	require.Equal(t, []string{"a"}, ids(p.Items))
	require.NotEmpty(t, p.NextToken)
}
