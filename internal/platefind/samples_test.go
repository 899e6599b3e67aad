package platefind

import (
	"encoding/csv"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
)

// The real photos beside the repository (never copied into it): ../shared/samples from the
// repository's root. A user's clone has none; CI and the developers' machines always do.
const (
	brDir  = "../../../shared/samples/openalpr-br"
	mcwDir = "../../../shared/samples/mcw"
)

// Floors on the real photos, a little below what was measured on 2026-12-01 at AnswerThreshold:
//   - openalpr-br, even half (the half the score was fitted on): 53 of 57 answered, 53 hits
//     (under -race, every sixth photo of each half: 10 of 10 answered, 10 hits);
//   - openalpr-br, odd half (held out): 53 of 57 answered, 53 hits (under -race: 9 of 10, 9);
//   - mcw: 7 of 9 answered, each box checked by eye to be on the plate (there is no box truth).
const (
	brPrecisionFloor = 0.95 // hits / answered
	brAnswerFloor    = 0.85 // answered / photos, in each half
	mcwAnsweredFloor = 6
)

// truthPhoto is a real photo and its plate's box.
type truthPhoto struct {
	file  string
	truth image.Rectangle
}

// readBRTruth reads openalpr-br's truth.csv (file,plate,x,y,w,h), sorted by file name.
func readBRTruth(t *testing.T) []truthPhoto {
	t.Helper()
	f, err := os.Open(filepath.Join(brDir, "truth.csv"))
	if os.IsNotExist(err) && os.Getenv("CI") == "" {
		t.Skip("no ../shared/samples/openalpr-br beside the repository")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []truthPhoto
	for _, r := range rows[1:] {
		var v [4]int
		for i := range v {
			if v[i], err = strconv.Atoi(r[2+i]); err != nil {
				t.Fatalf("truth.csv row %v: %v", r, err)
			}
		}
		out = append(out, truthPhoto{file: r[0], truth: image.Rect(v[0], v[1], v[0]+v[2], v[1]+v[3])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].file < out[j].file })
	return out
}

func decodeFile(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// TestRealBrazilianPhotos checks both halves of openalpr-br: the even-indexed photos (sorted by
// name) are those the score was fitted on, the odd-indexed ones were held out. Under -race it
// takes every sixth photo of each half (see raceDetector).
func TestRealBrazilianPhotos(t *testing.T) {
	photos := readBRTruth(t)
	for half, name := range []string{"fitted (even)", "held out (odd)"} {
		var n, answered, hits int
		for i, p := range photos {
			if i%2 != half || raceDetector && (i/2)%6 != 0 {
				continue
			}
			n++
			box, ok := answer(decodeFile(t, filepath.Join(brDir, p.file)))
			if !ok {
				continue
			}
			answered++
			if Hit(box, p.truth) {
				hits++
			} else {
				t.Logf("%s: answered %v, the plate is at %v", p.file, box, p.truth)
			}
		}
		t.Logf("openalpr-br %s: %d photos, %d answered, %d hits", name, n, answered, hits)
		if answered == 0 || float64(hits)/float64(answered) < brPrecisionFloor || float64(answered)/float64(n) < brAnswerFloor {
			t.Errorf("openalpr-br %s: %d of %d answered, %d hits; want precision ≥ %.2f and answered ≥ %.2f",
				name, answered, n, hits, brPrecisionFloor, brAnswerFloor)
		}
	}
}

// TestRealNorthAmericanPhotos answers the nine mcw photos. They have no box truth; the boxes
// answered on 2026-12-01 were each checked by eye to be on the plate.
func TestRealNorthAmericanPhotos(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(mcwDir, "*.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		if os.Getenv("CI") == "" {
			t.Skip("no ../shared/samples/mcw beside the repository")
		}
		t.Fatalf("no photos in %s", mcwDir)
	}
	answered := 0
	for _, f := range files {
		if box, ok := answer(decodeFile(t, f)); ok {
			answered++
			t.Logf("%s: %v", filepath.Base(f), box)
		} else {
			t.Logf("%s: no plate answered", filepath.Base(f))
		}
	}
	if answered < mcwAnsweredFloor {
		t.Errorf("answered %d of %d mcw photos, want at least %d", answered, len(files), mcwAnsweredFloor)
	}
}
