package gcp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cloud.google.com/go/vision/v2/apiv1/visionpb"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/tollbooth/tollbooth/internal/visionshape"
)

// visionGoldenDir holds real Cloud Vision responses; SOURCES.md there says where each comes from.
const visionGoldenDir = "testdata/vision"

// visionGolden lists every fixture with the feature that produced it, so that a file added to the
// folder without a line here fails TestVisionGoldenFixturesAreListed instead of going unchecked.
var visionGolden = []struct {
	file    string
	feature visionpb.Feature_Type
}{
	{"text_detection_sign.json", visionpb.Feature_TEXT_DETECTION},
	{"text_detection_ocr_article.json", visionpb.Feature_TEXT_DETECTION},
	{"document_text_detection_field_notes.json", visionpb.Feature_DOCUMENT_TEXT_DETECTION},
	{"object_localization_bicycle.json", visionpb.Feature_OBJECT_LOCALIZATION},
}

// checkVisionShape fails t for every documented fact of Vision's answers that resp breaks (see
// visionshape.Check). Call it on whatever the adapter is about to read.
func checkVisionShape(t *testing.T, resp *visionpb.AnnotateImageResponse, feature visionpb.Feature_Type) {
	t.Helper()
	if err := visionshape.Check(resp, feature); err != nil {
		t.Errorf("not the shape of a real %s response:\n%v", feature, err)
	}
}

// loadVisionGolden reads a fixture strictly (an unknown field fails), as the one
// AnnotateImageResponse it holds, bare or inside a BatchAnnotateImagesResponse.
func loadVisionGolden(t *testing.T, file string) *visionpb.AnnotateImageResponse {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(visionGoldenDir, file))
	if err != nil {
		t.Fatal(err)
	}
	strict := protojson.UnmarshalOptions{DiscardUnknown: false}
	var batch visionpb.BatchAnnotateImagesResponse
	if err := strict.Unmarshal(b, &batch); err == nil && len(batch.GetResponses()) > 0 {
		if n := len(batch.GetResponses()); n != 1 {
			t.Fatalf("%s holds %d responses; a fixture is one image's answer", file, n)
		}
		return batch.GetResponses()[0]
	}
	var one visionpb.AnnotateImageResponse
	if err := strict.Unmarshal(b, &one); err != nil {
		t.Fatalf("%s is not a Vision response in the API's JSON: %v", file, err)
	}
	return &one
}

func TestVisionGoldenResponsesHaveTheDocumentedShape(t *testing.T) {
	for _, g := range visionGolden {
		t.Run(g.file, func(t *testing.T) {
			checkVisionShape(t, loadVisionGolden(t, g.file), g.feature)
		})
	}
}

func TestVisionGoldenFixturesAreListed(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(visionGoldenDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	sources, err := os.ReadFile(filepath.Join(visionGoldenDir, "SOURCES.md"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, g := range visionGolden {
		listed[g.file] = true
	}
	for _, f := range files {
		name := filepath.Base(f)
		if !listed[name] {
			t.Errorf("%s is not in visionGolden: say which feature produced it", name)
		}
		if !strings.Contains(string(sources), name) {
			t.Errorf("%s has no entry in SOURCES.md: give its URL, retrieval date, license and what was cut", name)
		}
	}
	if len(files) != len(visionGolden) {
		t.Errorf("%d fixtures on disk, %d listed", len(files), len(visionGolden))
	}
}

// TestVisionGoldenFacts pins, on the real responses, the facts a consumer of Vision has to get
// right and that the local server does not exercise on its own.
func TestVisionGoldenFacts(t *testing.T) {
	t.Run("whole text first, then words with locale only on the first", func(t *testing.T) {
		r := loadVisionGolden(t, "text_detection_sign.json")
		ta := r.GetTextAnnotations()
		if ta[0].GetLocale() != "en" || ta[0].GetDescription() != "WAITING?\nPLEASE\nTURN OFF\nYOUR\nENGINE\n" {
			t.Errorf("textAnnotations[0] = %q (locale %q)", ta[0].GetDescription(), ta[0].GetLocale())
		}
		var words []string
		for _, w := range ta[1:] {
			words = append(words, w.GetDescription())
			if w.GetLocale() != "" {
				t.Errorf("word %q has locale %q", w.GetDescription(), w.GetLocale())
			}
		}
		if got := strings.Join(words, " "); got != "WAITING? PLEASE TURN OFF YOUR ENGINE" {
			t.Errorf("words = %q", got)
		}
	})

	t.Run("word boxes follow the text's slant, not the image axes", func(t *testing.T) {
		// "WAITING?" on the tilted sign: its corners go clockwise from the text's top left, and
		// no two share a y. A consumer must take min and max over all four corners.
		v := loadVisionGolden(t, "text_detection_sign.json").GetTextAnnotations()[1].GetBoundingPoly().GetVertices()
		if v[0].GetY() == v[1].GetY() || v[0].GetX() >= v[1].GetX() || v[1].GetY() >= v[2].GetY() {
			t.Errorf("WAITING? corners %v: want a slanted quadrilateral, clockwise from top left", v)
		}
	})

	t.Run("punctuation is its own word, glued by a missing break", func(t *testing.T) {
		r := loadVisionGolden(t, "document_text_detection_field_notes.json")
		// "| (SA 8a)" on the field notes is read as the words "|", "(", "SA", "8a", ")": the "(" and
		// "8a" carry no break, so a consumer that joins every word with a space gets "( SA 8a )".
		words := r.GetFullTextAnnotation().GetPages()[0].GetBlocks()[0].GetParagraphs()[0].GetWords()
		var got []string
		for _, w := range words {
			s := w.GetSymbols()[len(w.GetSymbols())-1]
			got = append(got, symbolsText(w)+"/"+breakName(s))
		}
		want := "1/6846/EOL_SURE_SPACE |/SPACE (/none SA/SPACE 8a/none )/LINE_BREAK"
		if strings.Join(got, " ") != want {
			t.Errorf("words/break = %q, want %q", strings.Join(got, " "), want)
		}
	})

	t.Run("a paragraph may end with HYPHEN instead of LINE_BREAK", func(t *testing.T) {
		blocks := loadVisionGolden(t, "document_text_detection_field_notes.json").GetFullTextAnnotation().GetPages()[0].GetBlocks()
		last := blocks[len(blocks)-1].GetParagraphs()[0].GetWords()[0]
		if symbolsText(last) != "2-25" || breakName(last.GetSymbols()[len(last.GetSymbols())-1]) != "HYPHEN" {
			t.Errorf("last word %q, break %s", symbolsText(last), breakName(last.GetSymbols()[len(last.GetSymbols())-1]))
		}
	})

	t.Run("a TEXT_DETECTION paragraph may end with EOL_SURE_SPACE and no LINE_BREAK at all", func(t *testing.T) {
		r := loadVisionGolden(t, "text_detection_ocr_article.json")
		for _, b := range r.GetFullTextAnnotation().GetPages()[0].GetBlocks() {
			for _, p := range b.GetParagraphs() {
				for _, w := range p.GetWords() {
					for _, s := range w.GetSymbols() {
						if breakName(s) == "LINE_BREAK" {
							t.Errorf("LINE_BREAK after %q", symbolsText(w))
						}
					}
				}
			}
		}
	})

	t.Run("DOCUMENT_TEXT_DETECTION confidences: on words and symbols, a symbol may be 0, pages have none", func(t *testing.T) {
		r := loadVisionGolden(t, "document_text_detection_field_notes.json")
		page := r.GetFullTextAnnotation().GetPages()[0]
		if page.GetConfidence() != 0 {
			t.Errorf("page confidence %v; real pages of this response carry none", page.GetConfidence())
		}
		zeroSymbols, words := 0, 0
		for _, b := range page.GetBlocks() {
			for _, p := range b.GetParagraphs() {
				for _, w := range p.GetWords() {
					words++
					if w.GetConfidence() <= 0 {
						t.Errorf("word %q has no confidence", symbolsText(w))
					}
					for _, s := range w.GetSymbols() {
						if s.GetConfidence() == 0 {
							zeroSymbols++
						}
					}
				}
			}
		}
		// "M.N. Bramlette, S.N. Davies," holds an "l" that Vision scored 0 inside a word scored 0.75.
		if zeroSymbols != 1 || words == 0 {
			t.Errorf("%d symbols with confidence 0 among %d words, want the 1 recorded", zeroSymbols, words)
		}
	})

	t.Run("TEXT_DETECTION without the confidence option has no confidences", func(t *testing.T) {
		r := loadVisionGolden(t, "text_detection_ocr_article.json")
		for _, b := range r.GetFullTextAnnotation().GetPages()[0].GetBlocks() {
			for _, p := range b.GetParagraphs() {
				for _, w := range p.GetWords() {
					if w.GetConfidence() != 0 {
						t.Errorf("word %q has confidence %v", symbolsText(w), w.GetConfidence())
					}
				}
			}
		}
	})

	t.Run("objects are located with normalizedVertices only", func(t *testing.T) {
		objs := loadVisionGolden(t, "object_localization_bicycle.json").GetLocalizedObjectAnnotations()
		if len(objs) != 6 || objs[0].GetName() != "Bicycle wheel" || objs[0].GetMid() != "/m/01bqk0" {
			t.Fatalf("objects = %v", objs)
		}
		for _, o := range objs {
			if len(o.GetBoundingPoly().GetVertices()) != 0 || len(o.GetBoundingPoly().GetNormalizedVertices()) != 4 {
				t.Errorf("%s box %v", o.GetName(), o.GetBoundingPoly())
			}
		}
	})
}

// TestVisionOmittedZeroCoordinates parses the bounding polys that Google's documentation gives as
// examples of omitted zero coordinates: a box around a whole 100x100 image
// (cloud.google.com/vision/docs/ocr) and around a whole PDF page (cloud.google.com/vision/docs/pdf).
// A missing x or y is 0, and the shape check must accept such a box.
func TestVisionOmittedZeroCoordinates(t *testing.T) {
	var pixel visionpb.BoundingPoly
	if err := protojson.Unmarshal([]byte(`{"vertices": [{},{"x": 100},{"x": 100,"y": 100},{"y": 100}]}`), &pixel); err != nil {
		t.Fatal(err)
	}
	if v := pixel.GetVertices(); len(v) != 4 || v[0].GetX() != 0 || v[0].GetY() != 0 || v[1].GetY() != 0 || v[3].GetX() != 0 || v[2].GetX() != 100 {
		t.Errorf("vertices = %v", v)
	}
	var normalized visionpb.BoundingPoly
	if err := protojson.Unmarshal([]byte(`{"normalizedVertices": [{},{"x": 1},{"x": 1,"y": 1},{"y": 1}]}`), &normalized); err != nil {
		t.Fatal(err)
	}

	// The sign's answer with its first word moved to the image's top left corner, and the
	// bicycle's first object stretched over the whole image, still have the documented shape.
	sign := loadVisionGolden(t, "text_detection_sign.json")
	sign.GetTextAnnotations()[1].BoundingPoly = proto.Clone(&pixel).(*visionpb.BoundingPoly)
	checkVisionShape(t, sign, visionpb.Feature_TEXT_DETECTION)
	bike := loadVisionGolden(t, "object_localization_bicycle.json")
	bike.GetLocalizedObjectAnnotations()[0].BoundingPoly = proto.Clone(&normalized).(*visionpb.BoundingPoly)
	checkVisionShape(t, bike, visionpb.Feature_OBJECT_LOCALIZATION)
}

// TestVisionShapeCheckRejectsWrongShapes shows that each fact is checked: every case breaks one
// fact of a real response, and Check must name it.
func TestVisionShapeCheckRejectsWrongShapes(t *testing.T) {
	firstWord := func(r *visionpb.AnnotateImageResponse) *visionpb.Word {
		return r.GetFullTextAnnotation().GetPages()[0].GetBlocks()[0].GetParagraphs()[0].GetWords()[0]
	}
	for _, tc := range []struct {
		name    string
		file    string
		feature visionpb.Feature_Type
		spoil   func(r *visionpb.AnnotateImageResponse)
		want    string
	}{
		{"whole text without locale", "text_detection_sign.json", visionpb.Feature_TEXT_DETECTION,
			func(r *visionpb.AnnotateImageResponse) { r.GetTextAnnotations()[0].Locale = "" }, "no locale"},
		{"a word entry holding a line", "text_detection_sign.json", visionpb.Feature_TEXT_DETECTION,
			func(r *visionpb.AnnotateImageResponse) { r.GetTextAnnotations()[3].Description = "TURN OFF" }, "holds whitespace"},
		{"full text that is not the whole text", "text_detection_sign.json", visionpb.Feature_TEXT_DETECTION,
			func(r *visionpb.AnnotateImageResponse) { r.GetFullTextAnnotation().Text = "WAITING?\n" }, "differs from"},
		{"word entries out of the words' order", "text_detection_ocr_article.json", visionpb.Feature_TEXT_DETECTION,
			func(r *visionpb.AnnotateImageResponse) {
				ta := r.GetTextAnnotations()
				ta[1], ta[2] = ta[2], ta[1]
			}, "not the words of fullTextAnnotation"},
		{"symbol of two characters", "text_detection_ocr_article.json", visionpb.Feature_TEXT_DETECTION,
			func(r *visionpb.AnnotateImageResponse) { firstWord(r).GetSymbols()[0].Text = "Op" }, "a symbol is one character"},
		{"paragraph without a line end", "document_text_detection_field_notes.json", visionpb.Feature_DOCUMENT_TEXT_DETECTION,
			func(r *visionpb.AnnotateImageResponse) {
				words := r.GetFullTextAnnotation().GetPages()[0].GetBlocks()[0].GetParagraphs()[0].GetWords()
				last := words[len(words)-1].GetSymbols()
				last[len(last)-1].Property = nil
			}, "a paragraph ends its line"},
		{"break inside a word", "document_text_detection_field_notes.json", visionpb.Feature_DOCUMENT_TEXT_DETECTION,
			func(r *visionpb.AnnotateImageResponse) {
				firstWord(r).GetSymbols()[0].Property = &visionpb.TextAnnotation_TextProperty{
					DetectedBreak: &visionpb.TextAnnotation_DetectedBreak{Type: visionpb.TextAnnotation_DetectedBreak_SPACE}}
			}, "inside the word"},
		{"document text without symbol confidences", "document_text_detection_field_notes.json", visionpb.Feature_DOCUMENT_TEXT_DETECTION,
			func(r *visionpb.AnnotateImageResponse) {
				for _, b := range r.GetFullTextAnnotation().GetPages()[0].GetBlocks() {
					for _, p := range b.GetParagraphs() {
						for _, w := range p.GetWords() {
							for _, s := range w.GetSymbols() {
								s.Confidence = 0
							}
						}
					}
				}
			}, "no symbol has a confidence"},
		{"confidence above 1", "document_text_detection_field_notes.json", visionpb.Feature_DOCUMENT_TEXT_DETECTION,
			func(r *visionpb.AnnotateImageResponse) { firstWord(r).Confidence = 93 }, "outside 0..1"},
		{"text box in normalized vertices", "document_text_detection_field_notes.json", visionpb.Feature_DOCUMENT_TEXT_DETECTION,
			func(r *visionpb.AnnotateImageResponse) {
				firstWord(r).BoundingBox = &visionpb.BoundingPoly{NormalizedVertices: []*visionpb.NormalizedVertex{{}, {X: 1}, {X: 1, Y: 1}, {Y: 1}}}
			}, "text in an image is located in pixels"},
		{"object located in pixels", "object_localization_bicycle.json", visionpb.Feature_OBJECT_LOCALIZATION,
			func(r *visionpb.AnnotateImageResponse) {
				r.GetLocalizedObjectAnnotations()[1].BoundingPoly.Vertices = []*visionpb.Vertex{{X: 10, Y: 10}}
			}, "has pixel vertices"},
		{"object corner outside the image", "object_localization_bicycle.json", visionpb.Feature_OBJECT_LOCALIZATION,
			func(r *visionpb.AnnotateImageResponse) {
				r.GetLocalizedObjectAnnotations()[2].GetBoundingPoly().GetNormalizedVertices()[2].X = 412
			}, "outside 0..1"},
		{"object without mid", "object_localization_bicycle.json", visionpb.Feature_OBJECT_LOCALIZATION,
			func(r *visionpb.AnnotateImageResponse) { r.GetLocalizedObjectAnnotations()[0].Mid = "" }, "no mid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := loadVisionGolden(t, tc.file)
			if err := visionshape.Check(r, tc.feature); err != nil {
				t.Fatalf("the unbroken fixture already fails: %v", err)
			}
			tc.spoil(r)
			err := visionshape.Check(r, tc.feature)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Check = %v, want a problem containing %q", err, tc.want)
			}
		})
	}
}

func breakName(s *visionpb.Symbol) string {
	if b := s.GetProperty().GetDetectedBreak(); b != nil {
		return b.GetType().String()
	}
	return "none"
}

// symbolsText spells a word from its symbols; the adapter's own helpers are not used, so these
// tests keep compiling whatever the adapter becomes.
func symbolsText(w *visionpb.Word) string {
	var sb strings.Builder
	for _, s := range w.GetSymbols() {
		sb.WriteString(s.GetText())
	}
	return sb.String()
}
