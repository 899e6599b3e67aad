package visionserver

import (
	"context"
	"image"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"cloud.google.com/go/vision/v2/apiv1/visionpb"
)

func newTesseractOrSkip(t *testing.T) *TesseractEngine {
	t.Helper()
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("tesseract not installed; apt-get install tesseract-ocr to run this test")
	}
	eng, err := NewTesseractEngine(context.Background(), TesseractOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

func TestTesseractReadsRenderedPlate(t *testing.T) {
	client, _ := startServer(t, newTesseractOrSkip(t), nil, false)
	img := &visionpb.Image{Content: encodePNG(t, renderText(t, "CALIFORNIA", "7ABC123"))}

	for _, tc := range []struct {
		name           string
		feature        visionpb.Feature_Type
		withConfidence bool
		wantConfidence bool
	}{
		{"text detection", visionpb.Feature_TEXT_DETECTION, false, false},
		{"text detection with confidence", visionpb.Feature_TEXT_DETECTION, true, true},
		{"document text detection", visionpb.Feature_DOCUMENT_TEXT_DETECTION, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := annotateOne(t, client, img, tc.feature, tc.withConfidence)
			if r.GetError() != nil {
				t.Fatalf("per-image error: %v", r.GetError())
			}
			whole := r.GetTextAnnotations()[0]
			if !strings.Contains(whole.GetDescription(), "7ABC123") {
				t.Errorf("text_annotations[0] = %q, want it to contain 7ABC123", whole.GetDescription())
			}
			if whole.GetLocale() != "en" || len(whole.GetBoundingPoly().GetVertices()) != 4 {
				t.Errorf("text_annotations[0] locale %q, vertices %v", whole.GetLocale(), whole.GetBoundingPoly().GetVertices())
			}
			if !slices.ContainsFunc(r.GetTextAnnotations()[1:], func(e *visionpb.EntityAnnotation) bool { return e.GetDescription() == "7ABC123" }) {
				t.Errorf("no word annotation 7ABC123 among %v", r.GetTextAnnotations()[1:])
			}
			if lines := textLines(r); !slices.Contains(lines, "7ABC123") {
				t.Errorf("lines rebuilt from full_text_annotation = %q, want a line 7ABC123", lines)
			}
			confs := allConfidences(r)
			if len(confs) == 0 {
				t.Fatal("full_text_annotation is empty")
			}
			for _, c := range confs {
				if tc.wantConfidence && (c <= 0 || c > 1) {
					t.Fatalf("confidence %v, want 0 < c <= 1 everywhere", c)
				}
				if !tc.wantConfidence && c != 0 {
					t.Fatalf("confidence %v present although not requested", c)
				}
			}
			checkWordBoxInside(t, r, "7ABC123", image.Rect(0, 110, 640, 280))
		})
	}
}

// checkWordBoxInside checks that the word's box lies where it was drawn, in the original image's
// coordinates (the document pass resizes the image and must map boxes back).
func checkWordBoxInside(t *testing.T, r *visionpb.AnnotateImageResponse, word string, area image.Rectangle) {
	t.Helper()
	for _, e := range r.GetTextAnnotations()[1:] {
		if e.GetDescription() != word {
			continue
		}
		v := e.GetBoundingPoly().GetVertices()
		box := image.Rect(int(v[0].GetX()), int(v[0].GetY()), int(v[2].GetX()), int(v[2].GetY()))
		if !box.In(area) || box.Dy() < 40 || box.Dy() > 100 {
			t.Errorf("%s box %v: want inside %v and 40..100 px tall (80 px font)", word, box, area)
		}
	}
}

func TestParseTesseractTSV(t *testing.T) {
	tsv := tsvColumns + "\n" +
		"1\t1\t0\t0\t0\t0\t0\t0\t640\t280\t-1\t\n" +
		"5\t1\t1\t1\t1\t1\t40\t40\t500\t60\t91.5\tCALIFORNIA\n" +
		"5\t1\t2\t1\t1\t1\t40\t150\t300\t60\t88\t7ABC\n" +
		"5\t1\t2\t1\t1\t2\t360\t150\t100\t60\t80\t123\n" +
		"5\t1\t2\t1\t2\t1\t40\t250\t100\t20\t95\t\n" + // empty word: layout noise, dropped
		"5\t1\t2\t1\t3\t1\t40\t300\t100\t20\t50\tsmall\n"
	res, err := parseTesseractTSV([]byte(tsv), 2)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Lines(), []string{"CALIFORNIA", "7ABC 123", "small"}; !slices.Equal(got, want) {
		t.Errorf("lines = %q, want %q", got, want)
	}
	if len(res.Blocks) != 2 || len(res.Blocks[1].Paragraphs[0].Lines) != 2 {
		t.Errorf("structure: %+v", res.Blocks)
	}
	w := res.Blocks[0].Paragraphs[0].Lines[0].Words[0]
	if w.Box != image.Rect(20, 20, 270, 50) || w.Confidence != 0.915 {
		t.Errorf("word %+v: boxes must be divided by the scale and conf by 100", w)
	}
	if _, err := parseTesseractTSV([]byte("level\tsomething else\n"), 1); err == nil {
		t.Error("an unexpected header must be an error")
	}
}
