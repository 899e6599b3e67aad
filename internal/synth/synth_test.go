package synth

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/tollbooth/tollbooth/internal/jurisdiction"
)

func encodeAll(t *testing.T, samples []Sample, images []image.Image) [][]byte {
	t.Helper()
	out := make([][]byte, len(images))
	for i, img := range images {
		var b bytes.Buffer
		if err := EncodeJPEG(&b, img, samples[i].Quality); err != nil {
			t.Fatal(err)
		}
		out[i] = b.Bytes()
	}
	return out
}

func TestGenerateIsDeterministic(t *testing.T) {
	opts := Options{Count: 4, Seed: 42, HardShare: 0.5}
	s1, i1, err := Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	s2, i2, err := Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	a, b := encodeAll(t, s1, i1), encodeAll(t, s2, i2)
	for i := range a {
		if s1[i] != s2[i] {
			t.Errorf("sample %d differs: %+v vs %+v", i, s1[i], s2[i])
		}
		if !bytes.Equal(a[i], b[i]) {
			t.Errorf("photo %d: same seed gave different bytes", i)
		}
	}

	// Photo i depends only on the seed and i, not on Count.
	s3, i3, err := Generate(Options{Count: 2, Seed: 42, HardShare: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if c := encodeAll(t, s3, i3); !bytes.Equal(c[1], a[1]) {
		t.Error("photo 1 changed with Count")
	}

	s4, i4, err := Generate(Options{Count: 4, Seed: 43, HardShare: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	d := encodeAll(t, s4, i4)
	for i := range d {
		if bytes.Equal(a[i], d[i]) || s1[i].Plate == s4[i].Plate {
			t.Errorf("photo %d: seeds 42 and 43 gave the same photo or plate", i)
		}
	}
}

func TestWriteDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "set")
	opts := Options{Count: 5, Seed: 7, Width: 640, Height: 480, HardShare: 0.4}
	samples, err := WriteDir(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(samples) != 5 {
		t.Fatalf("got %d samples, want 5", len(samples))
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 6 {
		t.Errorf("dir holds %d files, want 5 photos + truth.csv", len(entries))
	}

	f, err := os.Open(filepath.Join(dir, TruthFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	truth, err := ReadTruth(f)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, TruthFile))
	if !bytes.HasPrefix(raw, []byte("file,plate,shown,region,hard\n")) {
		t.Errorf("truth.csv header: %q", raw[:min(40, len(raw))])
	}
	if len(truth) != len(samples) {
		t.Fatalf("truth.csv has %d rows, want %d", len(truth), len(samples))
	}
	for i, s := range samples {
		want := Sample{File: s.File, Plate: s.Plate, Shown: s.Shown, Region: s.Region, Hard: s.Hard}
		if truth[i] != want {
			t.Errorf("truth row %d = %+v, want %+v", i, truth[i], want)
		}
		if s.File != FileName(i) {
			t.Errorf("sample %d file %q, want %q", i, s.File, FileName(i))
		}
		jf, err := os.Open(filepath.Join(dir, s.File))
		if err != nil {
			t.Fatal(err)
		}
		cfg, format, err := image.DecodeConfig(jf)
		jf.Close()
		if err != nil || format != "jpeg" {
			t.Fatalf("%s: format %q, err %v", s.File, format, err)
		}
		if cfg.Width != 640 || cfg.Height != 480 {
			t.Errorf("%s is %dx%d, want 640x480", s.File, cfg.Width, cfg.Height)
		}
		if s.Quality < 70 || s.Quality > 92 {
			t.Errorf("%s quality %d outside 70..92", s.File, s.Quality)
		}
		if !s.PlateBox.In(image.Rect(0, 0, 640, 480)) || s.PlateBox.Dx() < 640/10 {
			t.Errorf("%s plate box %v", s.File, s.PlateBox)
		}
	}
	if got := countHard(samples); got != 2 {
		t.Errorf("%d hard photos, want 2 of 5 at HardShare 0.4", got)
	}
}

func TestDefaultSizeAndDecode(t *testing.T) {
	samples, images, err := Generate(Options{Count: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := EncodeJPEG(&b, images[0], samples[0].Quality); err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got != (image.Point{DefaultWidth, DefaultHeight}) {
		t.Errorf("default size %v, want 1024x768", got)
	}
}

// formats are the serial shapes each region prints; vanity plates are 4-7 of A-Z and 2-9.
var formats = map[string]*regexp.Regexp{
	"us-ca": regexp.MustCompile(`^[1-9][A-Z]{3}[0-9]{3}$`),
	"us-ny": regexp.MustCompile(`^[A-Z]{3}[0-9]{4}$`),
	"us-tx": regexp.MustCompile(`^[A-Z]{3}[0-9]{4}$`),
	"us-ct": regexp.MustCompile(`^[0-9]{3}-[A-Z]{3}$`),
	"us-mi": regexp.MustCompile(`^[A-Z]{3} [0-9]{4}$`),
	"ca-on": regexp.MustCompile(`^[A-Z]{4} [0-9]{3}$`),
}

var vanity = regexp.MustCompile(`^[A-HK-NP-Z2-9]{4,7}$`)

func TestPlatesAreNormalizedAndVaried(t *testing.T) {
	// Draw only the text: photos are not needed to check the serials, and 2,000 are cheap.
	regionsSeen := map[string]int{}
	plates := map[string]bool{}
	vanities := 0
	for i := range 2000 {
		r := photoRand(99, i)
		g := pickRegion(r)
		plate, shown := plateText(r, g)
		regionsSeen[g.code]++
		plates[plate] = true
		if plate != NormalizePlate(shown) {
			t.Fatalf("plate %q is not shown %q normalized", plate, shown)
		}
		if !regexp.MustCompile(`^[A-Z0-9]+$`).MatchString(plate) {
			t.Fatalf("plate %q not normalized", plate)
		}
		if regexp.MustCompile(`[IOQJ01]`).MatchString(plate) {
			t.Errorf("plate %q holds a look-alike character", plate)
		}
		switch {
		case formats[g.code].MatchString(shown):
		case vanity.MatchString(shown):
			vanities++
		default:
			t.Errorf("%s plate shown %q fits neither its format nor a vanity plate", g.code, shown)
		}
	}
	if len(regionsSeen) != len(regions) {
		t.Errorf("regions seen %v, want all %d", regionsSeen, len(regions))
	}
	if len(plates) < 1990 {
		t.Errorf("only %d distinct plates in 2000", len(plates))
	}
	if vanities < 150 || vanities > 350 {
		t.Errorf("%d vanity plates in 2000, want about 12%%", vanities)
	}
}

func TestHardShare(t *testing.T) {
	for _, tc := range []struct {
		count int
		share float64
		want  int
	}{
		{10, 0, 0}, {10, 0.3, 3}, {10, 0.7, 7}, {10, 1, 10}, {7, 0.5, 3}, {3, 0.1, 0}, {100, 0.25, 25},
	} {
		o := Options{Count: tc.count, HardShare: tc.share}
		got := 0
		for i := range tc.count {
			if o.isHard(i) {
				got++
			}
		}
		if got != tc.want || HardCount(o) != tc.want {
			t.Errorf("Count %d HardShare %v: %d hard (HardCount %d), want %d", tc.count, tc.share, got, HardCount(o), tc.want)
		}
	}
	// Hard photos are spread out, not bunched at the start or the end.
	o := Options{Count: 8, HardShare: 0.25}
	if o.isHard(0) || !o.isHard(3) || !o.isHard(7) {
		t.Errorf("hard photos of 8 at 0.25 should be 3 and 7")
	}
}

func TestOptionsRejected(t *testing.T) {
	for _, o := range []Options{
		{Count: -1},
		{Count: 1, HardShare: 1.5},
		{Count: 1, HardShare: -0.1},
		{Count: 1, Width: 50, Height: 50},
		{Count: 1, Width: 100000, Height: 768},
	} {
		if _, _, err := Generate(o); err == nil {
			t.Errorf("Generate(%+v) succeeded, want an error", o)
		}
		if _, err := WriteDir(t.TempDir(), o); err == nil {
			t.Errorf("WriteDir(%+v) succeeded, want an error", o)
		}
	}
	if s, imgs, err := Generate(Options{}); err != nil || len(s) != 0 || len(imgs) != 0 {
		t.Errorf("Count 0: %d samples, err %v", len(s), err)
	}
	if err := EncodeJPEG(&bytes.Buffer{}, nil, 80); err == nil {
		t.Error("EncodeJPEG(nil) succeeded")
	}
}

func TestNormalizePlate(t *testing.T) {
	for in, want := range map[string]string{"127-RFS": "127RFS", "bug 2145": "BUG2145", " 7ABC123\n": "7ABC123", "É-1": "1"} {
		if got := NormalizePlate(in); got != want {
			t.Errorf("NormalizePlate(%q) = %q, want %q", in, got, want)
		}
	}
}

func countHard(s []Sample) int {
	n := 0
	for _, x := range s {
		if x.Hard {
			n++
		}
	}
	return n
}

// A synthetic standard plate must be a standard plate of its region as the auto-accept policy
// knows them (internal/jurisdiction), or the demo would send good reads to a person.
func TestStandardSerialsFitTheirJurisdiction(t *testing.T) {
	for _, g := range regions {
		r := photoRand(7, 0)
		for range 300 {
			plate, _ := g.serial(r)
			if len(jurisdiction.Match(plate, []string{g.code})) == 0 {
				t.Errorf("%s serial %s fits no standard %s format", g.code, plate, g.code)
				break
			}
		}
	}
}
