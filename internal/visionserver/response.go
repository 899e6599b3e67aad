package visionserver

import (
	"image"
	"strings"

	"cloud.google.com/go/vision/v2/apiv1/visionpb"
)

// textLocale is what Vision reports for English text; the tesseract engine reads only eng.
const textLocale = "en"

// buildTextResponse turns an engine result into the response shape real Vision gives for
// TEXT_DETECTION and DOCUMENT_TEXT_DETECTION:
//   - text_annotations[0] holds the whole text (lines joined by "\n"), locale and the box around
//     all of it, followed by one entry per word;
//   - full_text_annotation holds pages → blocks → paragraphs → words → symbols, with the line
//     structure kept as word order plus detected breaks (SPACE between words, EOL_SURE_SPACE at a
//     wrapped line's end, LINE_BREAK at a paragraph's end), so consumers can rebuild lines.
//
// Confidences appear only when withConfidence is set, because real Vision fills them for
// DOCUMENT_TEXT_DETECTION always but for TEXT_DETECTION only on request; a consumer tested
// against this double must cope with their absence exactly as it would in production.
func buildTextResponse(res *Result, withConfidence bool) *visionpb.AnnotateImageResponse {
	if res == nil || res.empty() {
		// Real Vision answers an image without text with an empty response, not an error.
		return &visionpb.AnnotateImageResponse{}
	}
	conf := func(c float32) float32 {
		if withConfidence {
			return clampConfidence(c)
		}
		return 0
	}

	page := &visionpb.Page{
		Width:  int32(res.Width),
		Height: int32(res.Height),
		Property: &visionpb.TextAnnotation_TextProperty{
			DetectedLanguages: []*visionpb.TextAnnotation_DetectedLanguage{{LanguageCode: textLocale, Confidence: conf(1)}},
		},
	}
	var (
		words     []*visionpb.EntityAnnotation
		lines     []string
		fullText  strings.Builder
		all       image.Rectangle
		pageConfs confidenceMean
	)
	for _, b := range res.Blocks {
		block := &visionpb.Block{BlockType: visionpb.Block_TEXT}
		var blockBox image.Rectangle
		var blockConfs confidenceMean
		for _, p := range b.Paragraphs {
			para := &visionpb.Paragraph{}
			var paraBox image.Rectangle
			var paraConfs confidenceMean
			nonEmpty := 0
			for _, l := range p.Lines {
				if len(l.Words) > 0 {
					nonEmpty++
				}
			}
			lineNo := 0
			for _, l := range p.Lines {
				if len(l.Words) == 0 {
					continue
				}
				lineNo++
				lastLineOfParagraph := lineNo == nonEmpty
				for i, w := range l.Words {
					lastWordOfLine := i == len(l.Words)-1
					brk := visionpb.TextAnnotation_DetectedBreak_SPACE
					switch {
					case lastWordOfLine && lastLineOfParagraph:
						brk = visionpb.TextAnnotation_DetectedBreak_LINE_BREAK
					case lastWordOfLine:
						brk = visionpb.TextAnnotation_DetectedBreak_EOL_SURE_SPACE
					}
					para.Words = append(para.Words, buildWord(w, brk, conf(w.Confidence)))
					words = append(words, &visionpb.EntityAnnotation{Description: w.Text, BoundingPoly: boundingPoly(w.Box)})
					paraBox = paraBox.Union(w.Box)
					paraConfs.add(w.Confidence)

					fullText.WriteString(w.Text)
					if lastWordOfLine {
						fullText.WriteString("\n")
					} else {
						fullText.WriteString(" ")
					}
				}
				lines = append(lines, l.text())
			}
			if len(para.Words) == 0 {
				continue
			}
			para.BoundingBox = boundingPoly(paraBox)
			para.Confidence = conf(paraConfs.mean())
			block.Paragraphs = append(block.Paragraphs, para)
			blockBox = blockBox.Union(paraBox)
			blockConfs.merge(paraConfs)
		}
		if len(block.Paragraphs) == 0 {
			continue
		}
		block.BoundingBox = boundingPoly(blockBox)
		block.Confidence = conf(blockConfs.mean())
		page.Blocks = append(page.Blocks, block)
		all = all.Union(blockBox)
		pageConfs.merge(blockConfs)
	}
	page.Confidence = conf(pageConfs.mean())

	whole := &visionpb.EntityAnnotation{
		Locale:       textLocale,
		Description:  strings.Join(lines, "\n"),
		BoundingPoly: boundingPoly(all),
	}
	return &visionpb.AnnotateImageResponse{
		TextAnnotations: append([]*visionpb.EntityAnnotation{whole}, words...),
		// Real Vision ends the full text with the last line's break, hence the trailing "\n".
		FullTextAnnotation: &visionpb.TextAnnotation{Text: fullText.String(), Pages: []*visionpb.Page{page}},
	}
}

// buildWord splits a word into symbols. Engines report boxes per word only, so each symbol gets
// an equal slice of the word's width: good enough for consumers that measure text height or
// order characters, which is all tollbooth does with symbols.
func buildWord(w Word, brk visionpb.TextAnnotation_DetectedBreak_BreakType, confidence float32) *visionpb.Word {
	runes := []rune(w.Text)
	word := &visionpb.Word{BoundingBox: boundingPoly(w.Box), Confidence: confidence}
	n := len(runes)
	for i, r := range runes {
		x0 := w.Box.Min.X + w.Box.Dx()*i/n
		x1 := w.Box.Min.X + w.Box.Dx()*(i+1)/n
		sym := &visionpb.Symbol{
			Text:        string(r),
			BoundingBox: boundingPoly(image.Rect(x0, w.Box.Min.Y, x1, w.Box.Max.Y)),
			Confidence:  confidence,
		}
		if i == n-1 {
			sym.Property = &visionpb.TextAnnotation_TextProperty{DetectedBreak: &visionpb.TextAnnotation_DetectedBreak{Type: brk}}
		}
		word.Symbols = append(word.Symbols, sym)
	}
	return word
}

// boundingPoly lists a rectangle's corners clockwise from the top left, as Vision does.
func boundingPoly(r image.Rectangle) *visionpb.BoundingPoly {
	return &visionpb.BoundingPoly{Vertices: []*visionpb.Vertex{
		{X: int32(r.Min.X), Y: int32(r.Min.Y)},
		{X: int32(r.Max.X), Y: int32(r.Min.Y)},
		{X: int32(r.Max.X), Y: int32(r.Max.Y)},
		{X: int32(r.Min.X), Y: int32(r.Max.Y)},
	}}
}

func clampConfidence(c float32) float32 {
	switch {
	case c < 0:
		return 0
	case c > 1:
		return 1
	}
	return c
}

// confidenceMean averages word confidences up the hierarchy.
type confidenceMean struct {
	sum float64
	n   int
}

func (m *confidenceMean) add(c float32)          { m.sum += float64(c); m.n++ }
func (m *confidenceMean) merge(o confidenceMean) { m.sum += o.sum; m.n += o.n }
func (m confidenceMean) mean() float32 {
	if m.n == 0 {
		return 0
	}
	return float32(m.sum / float64(m.n))
}
