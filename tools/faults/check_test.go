package main

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/capture"
)

func photos(ids ...string) []photo {
	var out []photo
	for i, id := range ids {
		out = append(out, photo{Fault: "f", N: i, ID: id})
	}
	return out
}

// A clean run: every photo one record, one workflow; accepted ones in one row of a file published
// once; the others in none.
func TestJudgeACleanRun(t *testing.T) {
	ps := append(photos("a", "b", "c"), photo{Fault: "f", N: 3, ID: "bomb", Poison: true})
	o := observed{
		Records:   map[string]capture.Status{"a": capture.StatusAccepted, "b": capture.StatusAccepted, "c": capture.StatusUnreadable, "bomb": capture.StatusFailedInput},
		Runs:      map[string]int{"a": 1, "b": 1, "c": 1, "bomb": 1},
		Files:     map[string][]string{"batch-000001.csv": {"a"}, "batch-000002.csv": {"b"}},
		Published: map[string]int{"batch-000001.csv": 1, "batch-000002.csv": 1},
	}
	got := judge(ps, o)
	require.True(t, got.OK(), "%v", got.Problems())
	require.Zero(t, got.Lost())
	require.Zero(t, got.Duplicated())
}

// Each way of losing or doubling a capture is found and named.
func TestJudgeFindsLostAndDuplicatedCaptures(t *testing.T) {
	ps := photos("norec", "waiting", "unexported", "tworuns", "tworows", "billedunreadable", "fine")
	o := observed{
		Records: map[string]capture.Status{
			"waiting": capture.StatusAwaitingReview, "unexported": capture.StatusAccepted, "tworuns": capture.StatusAccepted,
			"tworows": capture.StatusAccepted, "billedunreadable": capture.StatusUnreadable, "fine": capture.StatusAccepted,
		},
		Runs:      map[string]int{"waiting": 1, "unexported": 1, "tworuns": 2, "tworows": 1, "billedunreadable": 1, "fine": 1},
		Files:     map[string][]string{"batch-000001.csv": {"tworuns", "tworows", "fine"}, "batch-000002.csv": {"tworows", "billedunreadable"}},
		Published: map[string]int{"batch-000001.csv": 1, "batch-000002.csv": 1},
	}
	got := judge(ps, o)
	require.Equal(t, 3, got.Lost(), "%v", got.LostList)
	require.Equal(t, 3, got.Duplicated(), "%v", got.DupList)
	require.Contains(t, got.LostList, "f#0 (capture norec): no record")
	require.Contains(t, got.LostList, "f#1 (capture waiting): still awaiting_review")
	require.Contains(t, got.LostList, "f#2 (capture unexported): accepted, never exported")
	require.Contains(t, got.DupList, "f#3 (capture tworuns): 2 workflow runs")
	require.Contains(t, got.DupList, "f#4 (capture tworows): billed 2 times (batch-000001.csv, batch-000002.csv)")
	require.Contains(t, got.DupList, "f#5 (capture billedunreadable): unreadable but billed (batch-000002.csv)")
}

// A file renamed into place twice bills its rows twice, though the folder holds it once; a file
// with no rename in the log, or different in the bucket, is reported.
func TestJudgeCountsTheFTPServersOwnPublications(t *testing.T) {
	ps := photos("a", "b")
	o := observed{
		Records:       map[string]capture.Status{"a": capture.StatusAccepted, "b": capture.StatusAccepted},
		Runs:          map[string]int{"a": 1, "b": 1},
		Files:         map[string][]string{"batch-000001.csv": {"a"}, "batch-000002.csv": {"b"}},
		Published:     map[string]int{"batch-000001.csv": 2},
		BucketDiffers: []string{"batch-000002.csv"},
	}
	got := judge(ps, o)
	require.Equal(t, []string{"f#0 (capture a): billed 2 times (batch-000001.csv)"}, got.DupList)
	require.Contains(t, got.OtherList, "file batch-000001.csv was renamed into place 2 times (FTP transfer log)")
	require.Contains(t, got.OtherList, "file batch-000002.csv is on the FTP server but the transfer log has no rename for it")
	require.Contains(t, got.OtherList, "file batch-000002.csv differs between the FTP server and the exports bucket")
}

// A poison photo must end failed_input; a real one must not.
func TestJudgePoisonPhotos(t *testing.T) {
	ps := []photo{{Fault: "p", N: 0, ID: "bomb", Poison: true}, {Fault: "p", N: 1, ID: "real"}}
	o := observed{
		Records: map[string]capture.Status{"bomb": capture.StatusUnreadable, "real": capture.StatusFailedInput},
		Runs:    map[string]int{"bomb": 1, "real": 1},
	}
	got := judge(ps, o)
	require.Equal(t, []string{
		"p#0 (capture bomb): a poison photo ended unreadable, not failed_input",
		"p#1 (capture real): a real photo ended failed_input",
	}, got.OtherList)
}

// A row reports only what earlier rows did not.
func TestTallySinceReportsOnlyWhatIsNew(t *testing.T) {
	before := tally{LostList: []string{"x: no record"}}
	now := tally{LostList: []string{"x: no record", "y: no record"}, DupList: []string{"z: 2 workflow runs"}}
	got := now.since(before)
	require.Equal(t, []string{"y: no record"}, got.LostList)
	require.Equal(t, 1, got.Duplicated())
}
