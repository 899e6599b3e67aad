package activities

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/captureclient"
)

// listedBucket lists objects in name order, like Cloud Storage: folders by delimiter, pages by token.
type listedBucket struct {
	objects []StoredPhoto // sorted by name
	pages   int
}

func (b *listedBucket) add(name string, created time.Time) {
	b.objects = append(b.objects, StoredPhoto{Name: name, Created: created})
	slices.SortFunc(b.objects, func(x, y StoredPhoto) int { return strings.Compare(x.Name, y.Name) })
}

func (b *listedBucket) NextFolder(_ context.Context, _, prefix, after string) (string, bool, error) {
	for _, o := range b.objects {
		rest, ok := strings.CutPrefix(o.Name, prefix)
		if dir, _, isDir := strings.Cut(rest, "/"); ok && isDir && prefix+dir+"/" > after {
			return prefix + dir + "/", true, nil
		}
	}
	return "", false, nil
}

func (b *listedBucket) ListPage(_ context.Context, _, prefix, startOffset, token string, size int) ([]StoredPhoto, string, error) {
	b.pages++
	start, _ := strconv.Atoi(token)
	var match []StoredPhoto
	for _, o := range b.objects {
		if strings.HasPrefix(o.Name, prefix) && o.Name >= startOffset {
			match = append(match, o)
		}
	}
	end := min(start+size, len(match))
	if end == len(match) {
		return match[start:end], "", nil
	}
	return match[start:end], strconv.Itoa(end), nil
}

type memIndex map[string]bool

func (m memIndex) Known(_ context.Context, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, id := range ids {
		if m[id] {
			out[id] = true
		}
	}
	return out, nil
}

// memStarter starts each photo once, like the reject-duplicate start.
type memStarter map[string]bool

func (m memStarter) Start(_ context.Context, bucket, object, _ string) (captureclient.Started, error) {
	id := capture.ID(bucket, object)
	s := captureclient.Started{CaptureID: id, Existing: m[id]}
	m[id] = true
	return s, nil
}

func sweepOnce(t *testing.T, s *Sweeper, req SweepRequest) SweepProgress {
	t.Helper()
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestActivityEnvironment()
	env.RegisterActivity(s)
	v, err := env.ExecuteActivity(s.SweepPhotos, req)
	require.NoError(t, err)
	var p SweepProgress
	require.NoError(t, v.Get(&p))
	return p
}

func TestSweepStartsOnlyPhotosWithNeitherRecordNorWorkflow(t *testing.T) {
	now := time.Date(2026, 12, 1, 17, 0, 0, 0, time.UTC)
	sum := strings.Repeat("ab", 32)
	b := &listedBucket{}
	name := func(booth string, age time.Duration) string {
		return capture.ObjectName(booth, now.Add(-age), sum, "jpg")
	}
	uploaded := now.Add(-time.Hour)
	b.add(name("north-01", 2*time.Hour), uploaded)                // missed: started
	b.add(name("north-01", 3*time.Hour), uploaded)                // has a record
	b.add(name("north-01", 4*time.Hour), uploaded)                // has a workflow
	b.add(name("north-01", 5*time.Minute), now.Add(-time.Minute)) // too new: its notification may be on its way
	b.add(name("north-01", 48*time.Hour), uploaded)               // taken before the window: not listed
	b.add(name("south-01", time.Hour), uploaded)                  // missed, another booth
	b.add("photos/south-01/", uploaded)                           // a folder placeholder sorts before the window
	b.add("exports/x.csv", uploaded)                              // outside photos/: never looked at

	const bucket = "photos-bucket"
	records := memIndex{capture.ID(bucket, name("north-01", 3*time.Hour)): true}
	starts := memStarter{capture.ID(bucket, name("north-01", 4*time.Hour)): true}
	s := &Sweeper{Photos: b, Records: records, Captures: starts, Bucket: bucket, Window: 24 * time.Hour, Grace: 15 * time.Minute, PageSize: 2}

	p := sweepOnce(t, s, SweepRequest{Now: now, MaxPages: 100})
	require.True(t, p.Done)
	require.Equal(t, 1, p.Recorded)
	require.Equal(t, 1, p.Running)
	require.Equal(t, 1, p.TooNew)
	require.Equal(t, 2, p.Started)
	require.ElementsMatch(t, []string{name("north-01", 2*time.Hour), name("south-01", time.Hour)}, p.StartedObjects)
	require.Equal(t, 24*time.Hour, p.Window)
	require.True(t, starts[capture.ID(bucket, name("south-01", time.Hour))])
	require.False(t, starts[capture.ID(bucket, name("north-01", 48*time.Hour))], "outside the window")

	// A second sweep finds every photo with its workflow: it starts nothing.
	p = sweepOnce(t, s, SweepRequest{Now: now, MaxPages: 100})
	require.True(t, p.Done)
	require.Zero(t, p.Started)
	require.Equal(t, 3, p.Running)
}

// Each call lists at most MaxPages pages and says where to go on; calls from that cursor cover every
// photo of every booth once.
func TestSweepPagesAreBoundedAndResumeFromTheCursor(t *testing.T) {
	now := time.Date(2026, 12, 1, 17, 0, 0, 0, time.UTC)
	b := &listedBucket{}
	for booth := range 3 {
		for i := range 7 {
			b.add(capture.ObjectName(fmt.Sprintf("booth-%d", booth), now.Add(-time.Duration(i+1)*time.Minute*30), fmt.Sprintf("%064d", i), "jpg"), now.Add(-time.Hour))
		}
	}
	starts := memStarter{}
	s := &Sweeper{Photos: b, Records: memIndex{}, Captures: starts, Bucket: "p", Window: 24 * time.Hour, Grace: time.Minute, PageSize: 3}
	var total SweepCounts
	cursor := SweepCursor{}
	for calls := 1; ; calls++ {
		require.Less(t, calls, 20)
		before := b.pages
		p := sweepOnce(t, s, SweepRequest{Now: now, Cursor: cursor, MaxPages: 2})
		require.LessOrEqual(t, b.pages-before, 2, "at most MaxPages pages per call")
		total.Add(p.SweepCounts)
		cursor = p.Cursor
		if p.Done {
			break
		}
	}
	require.Equal(t, 21, total.Started)
	require.Equal(t, 21, total.Listed)
	require.Len(t, starts, 21)
	require.Len(t, total.StartedObjects, sweepSampleSize)
}

func TestSweepOfAnEmptyBucketIsDone(t *testing.T) {
	s := &Sweeper{Photos: &listedBucket{}, Records: memIndex{}, Captures: memStarter{}, Bucket: "p", Window: time.Hour, Grace: time.Minute}
	p := sweepOnce(t, s, SweepRequest{Now: time.Now(), MaxPages: 10})
	require.True(t, p.Done)
	require.Zero(t, p.Listed)
}
