package capture

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestObjectNameCarriesBoothAndTimeAndParsesBack(t *testing.T) {
	at := time.Date(2026, 11, 25, 17, 5, 1, 123e6, time.FixedZone("CET", 3600))
	name := ObjectName("north-01", at, strings.Repeat("ab", 32), ".JPEG")
	require.Equal(t, "photos/north-01/2026/11/25/20261125T160501.123Z_abababababababab.jpg", name)
	info, err := ParseObjectName(name)
	require.NoError(t, err)
	require.Equal(t, "north-01", info.BoothID)
	require.True(t, info.CaptureTime.Equal(at))
}

func TestParseObjectNameSaysWhatIsWrong(t *testing.T) {
	for name, want := range map[string]string{
		"uploads/north-01/x.jpg":                         "not laid out as photos/BOOTH",
		"photos/north-01/2026/11/25/x.jpg":               "has no capture time",
		"photos/north-01/2026/11/25/yesterday_ab12.jpg":  "is not in the form",
		"photos/north-01/2026/11/20261125T160501.123Z_a": "not laid out",
	} {
		_, err := ParseObjectName(name)
		require.ErrorContains(t, err, want, name)
	}
}

func TestIDIsStablePerPhotoAndDistinctAcrossPhotos(t *testing.T) {
	a := ID("photos", "photos/north-01/2026/11/25/20261125T160501.123Z_abababababababab.jpg")
	require.Len(t, a, 24)
	require.Equal(t, a, ID("photos", "photos/north-01/2026/11/25/20261125T160501.123Z_abababababababab.jpg"))
	require.NotEqual(t, a, ID("photos", "photos/north-02/2026/11/25/20261125T160501.123Z_abababababababab.jpg"))
	require.NotEqual(t, a, ID("other", "photos/north-01/2026/11/25/20261125T160501.123Z_abababababababab.jpg"))
}

func TestBoothsCheck(t *testing.T) {
	known := Booths{"north-01", "south-01"}
	require.NoError(t, known.Check("north-01"))
	require.ErrorContains(t, known.Check("west-09"), "unknown")
	for _, bad := range []string{"", "North-01", "north_01", "../etc", "north-01/", "-north", "north--01", strings.Repeat("a", 33)} {
		require.ErrorContains(t, known.Check(bad), "malformed", "%q", bad)
	}
	require.NoError(t, Booths(nil).Check("any-booth-7"), "no list configured: any well-formed id")
}

func TestSplitPhotoURIUndoesPhotoURI(t *testing.T) {
	b, o, ok := SplitPhotoURI(PhotoURI("photos", "photos/north-01/a.jpg"))
	require.True(t, ok)
	require.Equal(t, "photos", b)
	require.Equal(t, "photos/north-01/a.jpg", o)
	for _, bad := range []string{"", "photos/north-01/a.jpg", "gs://bucket", "gs:///a.jpg", "s3://b/o"} {
		_, _, ok := SplitPhotoURI(bad)
		require.False(t, ok, bad)
	}
}

// A booth's photos taken at or after a time sort at or after ObjectNameFrom; earlier ones before.
func TestObjectNameFromStartsABoothsTimeRange(t *testing.T) {
	at := time.Date(2026, 11, 25, 17, 5, 0, 0, time.UTC)
	from := ObjectNameFrom("north-01", at)
	sum := "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	for _, d := range []time.Duration{0, time.Millisecond, time.Hour, 48 * time.Hour} {
		require.GreaterOrEqual(t, ObjectName("north-01", at.Add(d), sum, "jpg"), from, d)
	}
	for _, d := range []time.Duration{time.Millisecond, time.Hour, 48 * time.Hour} {
		require.Less(t, ObjectName("north-01", at.Add(-d), sum, "jpg"), from, d)
	}
	require.True(t, strings.HasPrefix(from, BoothFolder("north-01")))
}
