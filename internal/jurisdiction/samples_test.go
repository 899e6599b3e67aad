package jurisdiction

import (
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// mcwTruth is the truth file of the nine real US/Canadian photos kept beside the project
// (/work/shared/samples/mcw, never copied into the repository).
const mcwTruth = "../../../shared/samples/mcw/truth.csv"

// brTruth is the truth file of the 114 Brazilian street photos kept beside the project
// (/work/shared/samples/openalpr-br).
const brTruth = "../../../shared/samples/openalpr-br/truth.csv"

// mcwStandard is, for each MCW photo, the format of its region that the true plate fits, or "" for the
// vanity plates, which must fit none. Only two of the nine are standard serials.
var mcwStandard = map[string]string{
	"DCMG1.jpg":       "",              // DROPOUT, New York vanity
	"TWAWSI.jpg":      "",              // TWAWSI, Texas vanity
	"bxplate2.jpg":    "",              // ZOOMN65, Nevada vanity
	"hfdsio.jpg":      "",              // SORRY, Alberta vanity
	"jpthrls.jpg":     "",              // JPTHRLS, California vanity
	"kd.jpg":          "us-ct-123abc",  // 127-RFS, Connecticut's previous standard series
	"mb300sl8911.jpg": "us-mi-abc1234", // BUG 2145, Michigan
	"rocky58.jpg":     "",              // ROCKY58, California vanity
	"us-1.jpg":        "",              // THECAR, Rhode Island vanity
}

// readTruth reads a samples truth.csv, skipping the test when the samples are not beside this checkout.
func readTruth(t *testing.T, path string) [][]string {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("the sample photos are not beside this checkout")
	}
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	return rows
}

func TestMCWSamplePlatesFitTheirRegionOnlyWhenStandard(t *testing.T) {
	rows := readTruth(t, mcwTruth)
	require.Equal(t, []string{"file", "plate", "region", "note"}, rows[0])
	seen := 0
	for _, row := range rows[1:] {
		file, plate, region := row[0], row[1], row[2]
		want, listed := mcwStandard[file]
		require.True(t, listed, "%s is not in mcwStandard", file)
		seen++
		_, ok := Lookup(region)
		require.True(t, ok, "region %s of %s", region, file)
		got := ""
		if fits := Match(plate, []string{region}); len(fits) > 0 {
			got = fits[0].Format.Name
		}
		require.Equal(t, want, got, "%s %s (%s)", file, plate, region)
	}
	require.Equal(t, len(mcwStandard), seen)
}

func TestEveryBrazilianSamplePlateFitsABrazilianFormat(t *testing.T) {
	rows := readTruth(t, brTruth)
	require.Equal(t, "plate", rows[0][1])
	require.Len(t, rows[1:], 114)
	for _, row := range rows[1:] {
		require.NotEmpty(t, Match(row[1], []string{"br"}), "%s %s", row[0], row[1])
	}
}
