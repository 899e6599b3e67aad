package accuracy

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollbooth/tollbooth/internal/autoaccept"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/plate"
	"github.com/tollbooth/tollbooth/internal/recognition"
)

// scripted answers every image with the plate its script gives for the image's size: photos are
// 200×100, crops are anything else. It stands for Vision in these unit tests only.
type scripted struct {
	photo, crop string
}

func (s scripted) Annotate(_ context.Context, req recognition.Request) (plate.Reading, error) {
	img, _, err := image.Decode(bytes.NewReader(req.Content))
	if err != nil {
		return plate.Reading{}, err
	}
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	text := s.crop
	if w == 200 && h == 100 {
		text = s.photo
	}
	r := plate.Reading{RawText: text, Width: w, Height: h, Words: []plate.Word{{
		Text: text, Confidence: 0.97, Left: float64(w) * 0.2, Top: float64(h) * 0.4, Right: float64(w) * 0.8, Bottom: float64(h) * 0.6, Height: float64(h) * 0.2,
	}}}
	if req.Plates {
		r.Plates = []plate.PlateObject{{Box: plate.Box{Left: 0.1, Top: 0.3, Width: 0.8, Height: 0.4}, Score: 0.9}}
	}
	return r, nil
}

func writePNG(t *testing.T, path string) {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 200, 100))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	img.Set(1, 1, color.White)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

var california = autoaccept.Policy{Jurisdictions: []string{"us-ca"}, MinConfidence: 0.8}

func TestRunCountsExactReadsAcceptsAndWrongAccepts(t *testing.T) {
	dir := t.TempDir()
	writePNG(t, filepath.Join(dir, "a.png"))
	writePNG(t, filepath.Join(dir, "b.png"))
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	truth := "file,plate,region\na.png,7ABC123,us-ca\nb.png,7ABC124,us-ca\nmissing.png,7XYZ999,us-ca\nbroken.png,1AAA111,us-ca\n"
	if err := os.WriteFile(filepath.Join(dir, TruthFile), []byte(truth), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.png"), []byte("not an image"), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := LoadSet(dir)
	if err != nil {
		t.Fatal(err)
	}
	// Both reads say 7ABC123: right for a.png, a wrong auto-accept for b.png.
	r := Run(context.Background(), scripted{photo: "7ABC123", crop: "7ABC123"}, set, california, Options{})
	byFile := map[string]Outcome{}
	for _, o := range r.Outcomes {
		byFile[o.File] = o
	}
	if o := byFile["a.png"]; o.Decision != Accepted || !o.Exact || o.WrongAccept || o.Reads != 2 {
		t.Errorf("a.png: %+v, want an exact accept after two reads", o)
	}
	if o := byFile["b.png"]; !o.WrongAccept {
		t.Errorf("b.png: %+v, want a wrong accept", o)
	}
	if o := byFile["missing.png"]; o.Decision != Failed || !strings.Contains(o.Error, "not readable") {
		t.Errorf("missing.png: %+v, want a clear line", o)
	}
	if o := byFile["broken.png"]; o.Decision != Failed || !strings.Contains(o.Error, "not a readable JPEG or PNG") {
		t.Errorf("broken.png: %+v, want a clear line", o)
	}
	tot := r.Totals
	if tot.Photos != 4 || tot.WithTruth != 2 || tot.Exact != 1 || tot.Accepted != 2 || tot.WrongAccepts != 1 || tot.Failed != 2 || tot.Confusions["4→3"] != 1 {
		t.Errorf("totals %+v", tot)
	}
	var out bytes.Buffer
	if err := r.WriteText(&out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"b.png", "WRONG", "wrong auto-accepts  1", "4→3 ×1", "not measured        2"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRunSendsDisagreeingReadsToAPerson(t *testing.T) {
	dir := t.TempDir()
	writePNG(t, filepath.Join(dir, "a.png"))
	if err := os.WriteFile(filepath.Join(dir, TruthFile), []byte("file,plate\na.png,7ABC123\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	set, _ := LoadSet(dir)
	r := Run(context.Background(), scripted{photo: "7ABC123", crop: "7ABC128"}, set, california, Options{})
	if o := r.Outcomes[0]; o.Decision != ToPerson || o.Code != capture.ReasonReadsDisagree || !o.Exact {
		t.Errorf("outcome %+v, want to-person (reads-disagree) with the exact best read", o)
	}
}

func TestLoadSetWithoutTruthMeasuresEveryPhoto(t *testing.T) {
	dir := t.TempDir()
	writePNG(t, filepath.Join(dir, "x.png"))
	writePNG(t, filepath.Join(dir, "y.PNG"))
	set, err := LoadSet(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Samples) != 2 || len(set.Problems) != 1 || !strings.Contains(set.Problems[0], "no truth.csv") {
		t.Fatalf("set %+v", set)
	}
	if _, err := LoadSet(filepath.Join(dir, "absent")); err == nil {
		t.Error("an absent folder is not an error")
	}
}

func TestReadTruthReportsBadRows(t *testing.T) {
	samples, problems := readTruth(strings.NewReader("file,plate\na.jpg,abc-123\n,XYZ\n"))
	if len(samples) != 1 || samples[0].Truth != "ABC123" || len(problems) != 1 || !strings.Contains(problems[0], "line 3") {
		t.Errorf("samples %+v problems %v", samples, problems)
	}
	if _, problems := readTruth(strings.NewReader("name,text\n")); len(problems) != 1 || !strings.Contains(problems[0], "lacks the columns") {
		t.Errorf("problems %v", problems)
	}
}

func TestRunWithASecondOpinionAcceptsOnlyWhatItReadsAlike(t *testing.T) {
	dir := t.TempDir()
	writePNG(t, filepath.Join(dir, "a.png"))
	if err := os.WriteFile(filepath.Join(dir, TruthFile), []byte("file,plate\na.png,7ABC123\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	set, _ := LoadSet(dir)
	first := scripted{photo: "7ABC123", crop: "7ABC123"}
	agree := Run(context.Background(), first, set, california, Options{SecondOpinion: scripted{crop: "7ABC123"}})
	if o := agree.Outcomes[0]; o.Decision != Accepted || o.Reads != 3 {
		t.Errorf("outcome %+v, want accepted on three reads", o)
	}
	disagree := Run(context.Background(), first, set, california, Options{SecondOpinion: scripted{crop: "7ABC128"}})
	if o := disagree.Outcomes[0]; o.Decision != ToPerson || o.Code != capture.ReasonReadsDisagree || o.Reads != 3 {
		t.Errorf("outcome %+v, want to-person (reads-disagree) after three reads", o)
	}
}
