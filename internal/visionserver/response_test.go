package visionserver

import (
	"image"
	"slices"
	"testing"

	"cloud.google.com/go/vision/v2/apiv1/visionpb"
)

func TestResponseKeepsLinesAndBreaks(t *testing.T) {
	res := &Result{Width: 100, Height: 100, Blocks: []Block{{Paragraphs: []Paragraph{{Lines: []Line{
		{Words: []Word{{Text: "BUG", Box: image.Rect(10, 10, 40, 30), Confidence: 0.8}, {Text: "2145", Box: image.Rect(45, 10, 90, 30), Confidence: 0.6}}},
		{Words: []Word{{Text: "MICHIGAN", Box: image.Rect(10, 40, 90, 50), Confidence: 0.9}}},
	}}}}}}
	r := buildTextResponse(res, true)
	if got := r.GetTextAnnotations()[0].GetDescription(); got != "BUG 2145\nMICHIGAN" {
		t.Errorf("description = %q", got)
	}
	if got := r.GetFullTextAnnotation().GetText(); got != "BUG 2145\nMICHIGAN\n" {
		t.Errorf("full text = %q", got)
	}
	if got := textLines(r); !slices.Equal(got, []string{"BUG 2145", "MICHIGAN"}) {
		t.Errorf("lines = %q", got)
	}
	words := r.GetFullTextAnnotation().GetPages()[0].GetBlocks()[0].GetParagraphs()[0].GetWords()
	lastBreak := func(w *visionpb.Word) visionpb.TextAnnotation_DetectedBreak_BreakType {
		return w.GetSymbols()[len(w.GetSymbols())-1].GetProperty().GetDetectedBreak().GetType()
	}
	if lastBreak(words[0]) != visionpb.TextAnnotation_DetectedBreak_SPACE ||
		lastBreak(words[1]) != visionpb.TextAnnotation_DetectedBreak_EOL_SURE_SPACE ||
		lastBreak(words[2]) != visionpb.TextAnnotation_DetectedBreak_LINE_BREAK {
		t.Errorf("breaks: %v %v %v", lastBreak(words[0]), lastBreak(words[1]), lastBreak(words[2]))
	}
	if got := len(words[1].GetSymbols()); got != 4 {
		t.Errorf("2145 has %d symbols", got)
	}
	if got := r.GetFullTextAnnotation().GetPages()[0].GetConfidence(); got < 0.76 || got > 0.77 {
		t.Errorf("page confidence = %v, want the mean 0.7667", got)
	}
	v := r.GetTextAnnotations()[0].GetBoundingPoly().GetVertices()
	if v[0].GetX() != 10 || v[0].GetY() != 10 || v[2].GetX() != 90 || v[2].GetY() != 50 {
		t.Errorf("whole-text box = %v", v)
	}

	if got := allConfidences(buildTextResponse(res, false)); slices.ContainsFunc(got, func(c float32) bool { return c != 0 }) {
		t.Errorf("confidences without request: %v", got)
	}
	if empty := buildTextResponse(&Result{}, true); empty.GetFullTextAnnotation() != nil || len(empty.GetTextAnnotations()) != 0 {
		t.Errorf("no text must give an empty response, got %v", empty)
	}
}
