package gcp

import (
	"math"
	"testing"

	"cloud.google.com/go/vision/v2/apiv1/visionpb"
	"google.golang.org/protobuf/proto"

	"github.com/tollbooth/tollbooth/internal/plate"
)

// What the adapter makes of real Vision answers (testdata/vision, see SOURCES.md): the figures
// below are read off the fixtures by hand.

func wordsOf(r plate.Reading) map[string]plate.Word {
	m := map[string]plate.Word{}
	for _, w := range r.Words {
		m[w.Text] = w
	}
	return m
}

func TestAdapterReadsTextDetectionWordsAndTheirSlantedHeight(t *testing.T) {
	resp := loadVisionGolden(t, "text_detection_sign.json")
	checkVisionShape(t, resp, visionpb.Feature_TEXT_DETECTION)
	r := readingFromResponse(resp)
	if r.RawText != "WAITING?\nPLEASE\nTURN OFF\nYOUR\nENGINE" {
		t.Errorf("raw text %q", r.RawText)
	}
	ws := wordsOf(r)
	if len(r.Words) != 6 {
		t.Fatalf("%d words, want the 6 word entries: %+v", len(r.Words), r.Words)
	}
	// TURN and OFF share a line; every other word is a line of its own, top to bottom.
	if ws["TURN"].Line != ws["OFF"].Line || ws["PLEASE"].Line >= ws["TURN"].Line || ws["OFF"].Line >= ws["YOUR"].Line {
		t.Errorf("lines: %+v", r.Words)
	}
	// WAITING? leans: its box spans y 828..1148 (320 px) but its letters are about 237 px tall
	// (the left edge from (352,828) to (342,1065)).
	w := ws["WAITING?"]
	if w.Top != 828 || w.Bottom != 1148 || math.Abs(w.Height-237.5) > 1.5 {
		t.Errorf("WAITING? top %v bottom %v height %v, want 828, 1148 and about 237", w.Top, w.Bottom, w.Height)
	}
}

func TestAdapterReadsThePageSizeAndWordBoxes(t *testing.T) {
	resp := loadVisionGolden(t, "text_detection_ocr_article.json")
	r := readingFromResponse(resp)
	if r.Width != 826 || r.Height != 1169 {
		t.Errorf("size %dx%d, want the page's 826x1169", r.Width, r.Height)
	}
	w := wordsOf(r)["character"]
	if w.Left != 196 || w.Top != 103 || w.Right != 328 || w.Bottom != 126 || w.Confidence != 0 {
		t.Errorf("character: %+v", w)
	}
	if wordsOf(r)["Optical"].Line != w.Line || wordsOf(r)["From"].Line == w.Line {
		t.Errorf("title and subtitle lines: %+v", r.Words)
	}
}

func TestAdapterKeepsDocumentSymbolConfidences(t *testing.T) {
	resp := loadVisionGolden(t, "document_text_detection_field_notes.json")
	r := readingFromResponse(resp)
	ws := wordsOf(r)
	sn := ws["S.N."]
	if sn.Confidence < 0.619 || sn.Confidence > 0.621 {
		t.Errorf("S.N. word confidence %v, want 0.62", sn.Confidence)
	}
	want := []float64{0.91, 0.25, 0.82, 0.53}
	if len(sn.Symbols) != len(want) {
		t.Fatalf("S.N. symbols %v, want %v", sn.Symbols, want)
	}
	for i := range want {
		if math.Abs(sn.Symbols[i]-want[i]) > 1e-6 {
			t.Errorf("S.N. symbol %d: %v, want %v", i, sn.Symbols[i], want[i])
		}
	}
	// Vision omits a symbol's confidence when it is 0; the character keeps its place, at 0.
	if b := ws["Bramlette"].Symbols; len(b) != 9 || b[4] != 0 || math.Abs(b[6]-0.59) > 1e-6 {
		t.Errorf("Bramlette symbols %v", b)
	}
}

func TestAdapterKeepsOnlyLicensePlatesAmongObjects(t *testing.T) {
	resp := loadVisionGolden(t, "object_localization_bicycle.json")
	if got := readingFromResponse(resp).Plates; len(got) != 0 {
		t.Fatalf("the bicycle photo has no licence plate, got %+v", got)
	}
	// The same real answer with its picture frame relabelled as a licence plate: its normalized
	// box (0.79177403, 0.16160682)–(0.97047985, 0.31348917) must come through as it is.
	plated := proto.Clone(resp).(*visionpb.AnnotateImageResponse)
	for _, o := range plated.GetLocalizedObjectAnnotations() {
		if o.GetName() == "Picture frame" {
			o.Mid, o.Name = licensePlateMID, "License plate"
		}
	}
	got := readingFromResponse(plated).Plates
	if len(got) != 1 {
		t.Fatalf("plates %+v, want the relabelled frame", got)
	}
	b := got[0].Box
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-6 }
	if !near(b.Left, 0.79177403) || !near(b.Top, 0.16160682) || !near(b.Left+b.Width, 0.97047985) || !near(b.Top+b.Height, 0.31348917) || !near(got[0].Score, 0.6207608) {
		t.Errorf("plate %+v", got[0])
	}
}
