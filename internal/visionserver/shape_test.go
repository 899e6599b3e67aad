package visionserver

import (
	"image"
	"testing"

	"cloud.google.com/go/vision/v2/apiv1/visionpb"

	"github.com/tollbooth/tollbooth/internal/synth"
	"github.com/tollbooth/tollbooth/internal/visionshape"
)

// checkVisionShape fails t for every documented fact of real Vision answers that r breaks; the
// same check runs on recorded real responses in internal/gcp (vision_golden_test.go).
func checkVisionShape(t *testing.T, r *visionpb.AnnotateImageResponse, feature visionpb.Feature_Type) {
	t.Helper()
	if err := visionshape.Check(r, feature); err != nil {
		t.Errorf("the local server's %s answer is not the shape of a real one:\n%v", feature, err)
	}
}

// textCases are the text requests the worker makes: TEXT_DETECTION with and without the
// confidence option, and DOCUMENT_TEXT_DETECTION.
var textCases = []struct {
	name           string
	feature        visionpb.Feature_Type
	withConfidence bool
}{
	{"text", visionpb.Feature_TEXT_DETECTION, false},
	{"text with confidence", visionpb.Feature_TEXT_DETECTION, true},
	{"document", visionpb.Feature_DOCUMENT_TEXT_DETECTION, false},
}

func TestTesseractAnswersHaveTheShapeOfRealVision(t *testing.T) {
	client, _ := startServer(t, newTesseractOrSkip(t), nil, false)
	samples, imgs, err := synth.Generate(synth.Options{Count: 1, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	images := map[string][]byte{
		"rendered two-line plate":                   encodePNG(t, renderText(t, "CALIFORNIA", "7ABC123")),
		"rendered plate with a hyphen and a slogan": encodePNG(t, renderText(t, "7ABC-123", "GOLDEN STATE")),
	}
	for i, img := range imgs {
		images["synthetic photo "+samples[i].File] = encodeJPEG(t, img)
	}
	for name, content := range images {
		for _, tc := range textCases {
			t.Run(name+"/"+tc.name, func(t *testing.T) {
				r := annotateOne(t, client, &visionpb.Image{Content: content}, tc.feature, tc.withConfidence)
				if len(r.GetTextAnnotations()) == 0 {
					t.Fatalf("no text read; the shape check needs an answer with text")
				}
				checkVisionShape(t, r, tc.feature)
			})
		}
	}
}

func TestFixtureAnswersHaveTheShapeOfRealVision(t *testing.T) {
	client, _ := startServer(t, plateFixture(), nil, false)
	for _, tc := range textCases {
		t.Run(tc.name, func(t *testing.T) {
			r := annotateOne(t, client, &visionpb.Image{Content: smallPNG(t)}, tc.feature, tc.withConfidence)
			if len(r.GetTextAnnotations()) == 0 {
				t.Fatalf("the fixture's default lines were not answered")
			}
			checkVisionShape(t, r, tc.feature)
		})
	}
}

func TestNoTextAnswerHasTheShapeOfRealVision(t *testing.T) {
	client, _ := startServer(t, NewFixtureEngine(&Manifest{}), nil, false)
	for _, tc := range textCases {
		t.Run(tc.name, func(t *testing.T) {
			r := annotateOne(t, client, &visionpb.Image{Content: smallPNG(t)}, tc.feature, tc.withConfidence)
			if len(r.GetTextAnnotations()) != 0 || r.GetFullTextAnnotation() != nil {
				t.Errorf("an image without text got %v; real Vision answers it with an empty response", r)
			}
			checkVisionShape(t, r, tc.feature)
		})
	}
}

func TestPlateObjectsHaveTheShapeOfRealVision(t *testing.T) {
	box := [4]float64{0.25, 0.5, 0.5, 0.25}
	engine := NewFixtureEngine(&Manifest{Default: FixtureEntry{Lines: []string{"7ABC123"}, Confidence: 0.9, PlateBox: &box}})
	client, _ := startServer(t, engine, nil, false)
	img := image.NewGray(image.Rect(0, 0, 400, 200))
	r := annotateOne(t, client, &visionpb.Image{Content: encodePNG(t, img)}, visionpb.Feature_OBJECT_LOCALIZATION, false)
	checkVisionShape(t, r, visionpb.Feature_OBJECT_LOCALIZATION)
	objs := r.GetLocalizedObjectAnnotations()
	if len(objs) != 1 || objs[0].GetMid() != licensePlateMID || objs[0].GetName() != licensePlateName {
		t.Fatalf("objects %v, want one licence plate", objs)
	}
	if len(r.GetTextAnnotations()) != 0 {
		t.Errorf("OBJECT_LOCALIZATION alone answered text: %v", r.GetTextAnnotations())
	}
	v := objs[0].GetBoundingPoly().GetNormalizedVertices()
	if v[0].GetX() != 0.25 || v[0].GetY() != 0.5 || v[2].GetX() != 0.75 || v[2].GetY() != 0.75 {
		t.Errorf("box %v, want (0.25,0.5)–(0.75,0.75)", v)
	}
}

func TestTextAndPlatesInOneRequest(t *testing.T) {
	client, _ := startServer(t, plateFixture(), nil, false)
	req := textRequest(&visionpb.Image{Content: encodePNG(t, image.NewGray(image.Rect(0, 0, 400, 300)))}, visionpb.Feature_TEXT_DETECTION, true)
	req.Requests[0].Features = append(req.Requests[0].Features, &visionpb.Feature{Type: visionpb.Feature_OBJECT_LOCALIZATION})
	resp, err := client.BatchAnnotateImages(testContext(t), req)
	if err != nil {
		t.Fatal(err)
	}
	r := resp.GetResponses()[0]
	checkVisionShape(t, r, visionpb.Feature_TEXT_DETECTION)
	checkVisionShape(t, r, visionpb.Feature_OBJECT_LOCALIZATION)
	if len(r.GetTextAnnotations()) == 0 || len(r.GetLocalizedObjectAnnotations()) != 1 {
		t.Fatalf("want text and one plate (the box around the fixture's lines), got %v", r)
	}
}
