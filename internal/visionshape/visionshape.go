// Package visionshape states, as one checkable function, the structure of Cloud Vision's answers
// that tollbooth relies on. The facts come from Google's documentation and from recorded real
// responses (internal/gcp/testdata/vision, sources in its SOURCES.md), and only from them.
//
// Only tests import this package: the adapter's golden tests run Check on real responses, and the
// local Vision-compatible server's tests run it on the server's answers. Neither side can then
// drift into a shape that the other accepts but Google never sends.
package visionshape

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"cloud.google.com/go/vision/v2/apiv1/visionpb"
)

// maxProblems bounds the report: past a few, further problems are the same mistake repeated.
const maxProblems = 12

// Check returns every documented fact that r breaks for a response to feature, joined, or nil.
//
// Coordinates are read through the generated getters only: the REST API omits a coordinate that
// is 0 ("Zero coordinate values omitted", cloud.google.com/vision/docs/ocr), so a vertex may be {}
// in JSON, and a consumer that demands x and y would reject a box at the image's edge.
func Check(r *visionpb.AnnotateImageResponse, feature visionpb.Feature_Type) error {
	c := &checker{}
	if e := r.GetError(); e != nil && e.GetCode() != 0 {
		c.fail("response", "carries error %d %q; a shape is only checked on a successful answer", e.GetCode(), e.GetMessage())
		return c.err()
	}
	switch feature {
	case visionpb.Feature_TEXT_DETECTION, visionpb.Feature_DOCUMENT_TEXT_DETECTION:
		c.text(r, feature)
	case visionpb.Feature_OBJECT_LOCALIZATION:
		c.objects(r.GetLocalizedObjectAnnotations())
	default:
		c.fail("feature", "%s has no documented shape here", feature)
	}
	return c.err()
}

type checker struct {
	problems []error
	dropped  int
}

func (c *checker) fail(where, format string, args ...any) {
	if len(c.problems) == maxProblems {
		c.dropped++
		return
	}
	c.problems = append(c.problems, fmt.Errorf("%s: %s", where, fmt.Sprintf(format, args...)))
}

func (c *checker) err() error {
	if c.dropped > 0 {
		c.problems = append(c.problems, fmt.Errorf("and %d more problems", c.dropped))
	}
	return errors.Join(c.problems...)
}

// text checks TEXT_DETECTION and DOCUMENT_TEXT_DETECTION answers.
//
//   - An image without text gets an empty response, not an error.
//   - textAnnotations[0] is the whole text: a locale, a description, a pixel box. The entries after
//     it are single words, without whitespace, each found in the whole text, in the order of the
//     words of fullTextAnnotation.
//   - fullTextAnnotation.text is the same text as textAnnotations[0].description (the trailing
//     newline aside), and pages → blocks → paragraphs → words → symbols, each with a pixel box.
//   - A symbol is one character. Breaks sit on a word's last symbol only; the last symbol of a
//     paragraph ends its line (EOL_SURE_SPACE, LINE_BREAK or HYPHEN). Symbols and breaks
//     spell the full text: SPACE and SURE_SPACE a space, EOL_SURE_SPACE and LINE_BREAK a newline,
//     HYPHEN "-" and a newline. A word followed by no break is glued to the next word: Vision
//     splits "Sec." into "Sec" and ".", and "(SA" into "(" and "SA".
//   - Confidences lie in 0..1. DOCUMENT_TEXT_DETECTION fills them on symbols and words; a single
//     symbol may still have 0 (omitted in JSON). TEXT_DETECTION fills them only on request
//     (textDetectionParams.enableTextDetectionConfidenceScore), so none are required there.
func (c *checker) text(r *visionpb.AnnotateImageResponse, feature visionpb.Feature_Type) {
	ta, full := r.GetTextAnnotations(), r.GetFullTextAnnotation()
	if len(ta) == 0 && full == nil {
		return
	}
	if len(ta) == 0 {
		c.fail("textAnnotations", "empty while fullTextAnnotation holds %q", full.GetText())
		return
	}
	whole := ta[0]
	if whole.GetLocale() == "" {
		c.fail("textAnnotations[0]", "no locale; the whole-text entry carries the detected language")
	}
	if strings.TrimSpace(whole.GetDescription()) == "" {
		c.fail("textAnnotations[0]", "empty description; it holds the whole text")
	}
	c.pixelBox("textAnnotations[0].boundingPoly", whole.GetBoundingPoly())
	for i, w := range ta[1:] {
		where := fmt.Sprintf("textAnnotations[%d]", i+1)
		d := w.GetDescription()
		switch {
		case d == "":
			c.fail(where, "empty word")
		case strings.ContainsFunc(d, unicode.IsSpace):
			c.fail(where, "%q holds whitespace; entries after the first are single words", d)
		case !strings.Contains(whole.GetDescription(), d):
			c.fail(where, "%q is not in the whole text %q", d, whole.GetDescription())
		}
		c.pixelBox(where+".boundingPoly", w.GetBoundingPoly())
	}

	if full == nil {
		if feature == visionpb.Feature_DOCUMENT_TEXT_DETECTION {
			c.fail("fullTextAnnotation", "missing; DOCUMENT_TEXT_DETECTION answers with the page structure")
		}
		return
	}
	if strings.TrimSpace(full.GetText()) != strings.TrimSpace(whole.GetDescription()) {
		c.fail("fullTextAnnotation.text", "%q differs from textAnnotations[0].description %q", full.GetText(), whole.GetDescription())
	}
	if len(full.GetPages()) == 0 {
		if feature == visionpb.Feature_DOCUMENT_TEXT_DETECTION {
			c.fail("fullTextAnnotation.pages", "empty; DOCUMENT_TEXT_DETECTION answers with pages, blocks, paragraphs, words and symbols")
		}
		return
	}
	s := c.pages(full)
	if got, want := s.words, descriptions(ta[1:]); !slices.Equal(got, want) {
		c.fail("textAnnotations[1:]", "words %q are not the words of fullTextAnnotation %q, in order", want, got)
	}
	if feature == visionpb.Feature_DOCUMENT_TEXT_DETECTION && !s.symbolConfidence {
		c.fail("fullTextAnnotation", "no symbol has a confidence; DOCUMENT_TEXT_DETECTION gives one per symbol")
	}
}

// pageSummary is what pages learns for the checks that span the whole response.
type pageSummary struct {
	words            []string
	symbolConfidence bool
}

func (c *checker) pages(full *visionpb.TextAnnotation) pageSummary {
	var s pageSummary
	for pi, page := range full.GetPages() {
		pw := fmt.Sprintf("pages[%d]", pi)
		if page.GetWidth() <= 0 || page.GetHeight() <= 0 {
			c.fail(pw, "size %dx%d; a page of an image has the image's pixel size", page.GetWidth(), page.GetHeight())
		}
		c.confidence(pw, page.GetConfidence())
		if len(page.GetBlocks()) == 0 {
			c.fail(pw, "no blocks")
		}
		for bi, block := range page.GetBlocks() {
			bw := fmt.Sprintf("%s.blocks[%d]", pw, bi)
			c.element(bw, block.GetBoundingBox(), block.GetConfidence(), len(block.GetParagraphs()), "paragraphs")
			var spelled strings.Builder
			for pai, para := range block.GetParagraphs() {
				paw := fmt.Sprintf("%s.paragraphs[%d]", bw, pai)
				c.element(paw, para.GetBoundingBox(), para.GetConfidence(), len(para.GetWords()), "words")
				for wi, word := range para.GetWords() {
					ww := fmt.Sprintf("%s.words[%d]", paw, wi)
					text, conf := c.word(ww, word, &spelled)
					s.words = append(s.words, text)
					s.symbolConfidence = s.symbolConfidence || conf
				}
				if last := lastSymbol(para); last != nil && !endsLine(last) {
					c.fail(paw, "last symbol %q has break %s; a paragraph ends its line", last.GetText(), breakOf(last))
				}
			}
			if !strings.Contains(full.GetText(), spelled.String()) {
				c.fail(bw, "symbols and breaks spell %q, which is not in fullTextAnnotation.text %q", spelled.String(), full.GetText())
			}
		}
	}
	return s
}

// word checks one word and its symbols, spells them (with their breaks) into spelled, and
// returns the word's text and whether any of its symbols has a confidence.
func (c *checker) word(where string, word *visionpb.Word, spelled *strings.Builder) (string, bool) {
	c.element(where, word.GetBoundingBox(), word.GetConfidence(), len(word.GetSymbols()), "symbols")
	if word.GetProperty().GetDetectedBreak() != nil {
		c.fail(where, "break on the word; Vision puts breaks on symbols")
	}
	var text strings.Builder
	anyConf := false
	for si, sym := range word.GetSymbols() {
		sw := fmt.Sprintf("%s.symbols[%d]", where, si)
		if utf8.RuneCountInString(sym.GetText()) != 1 {
			c.fail(sw, "text %q; a symbol is one character", sym.GetText())
		}
		c.pixelBox(sw+".boundingBox", sym.GetBoundingBox())
		c.confidence(sw, sym.GetConfidence())
		anyConf = anyConf || sym.GetConfidence() > 0
		brk := sym.GetProperty().GetDetectedBreak()
		if brk != nil && brk.GetType() == visionpb.TextAnnotation_DetectedBreak_UNKNOWN {
			c.fail(sw, "break of type UNKNOWN")
		}
		if brk != nil && si != len(word.GetSymbols())-1 {
			c.fail(sw, "break %s inside the word; breaks follow a word's last symbol", brk.GetType())
		}
		text.WriteString(sym.GetText())
		spelled.WriteString(sym.GetText())
		spelled.WriteString(breakText[brk.GetType()])
	}
	return text.String(), anyConf
}

// breakText is what each break adds to fullTextAnnotation.text after its symbol.
var breakText = map[visionpb.TextAnnotation_DetectedBreak_BreakType]string{
	visionpb.TextAnnotation_DetectedBreak_SPACE:          " ",
	visionpb.TextAnnotation_DetectedBreak_SURE_SPACE:     " ",
	visionpb.TextAnnotation_DetectedBreak_EOL_SURE_SPACE: "\n",
	visionpb.TextAnnotation_DetectedBreak_LINE_BREAK:     "\n",
	visionpb.TextAnnotation_DetectedBreak_HYPHEN:         "-\n",
}

func endsLine(s *visionpb.Symbol) bool {
	switch s.GetProperty().GetDetectedBreak().GetType() {
	case visionpb.TextAnnotation_DetectedBreak_EOL_SURE_SPACE, visionpb.TextAnnotation_DetectedBreak_LINE_BREAK, visionpb.TextAnnotation_DetectedBreak_HYPHEN:
		return true
	}
	return false
}

func breakOf(s *visionpb.Symbol) string {
	if b := s.GetProperty().GetDetectedBreak(); b != nil {
		return b.GetType().String()
	}
	return "none"
}

func lastSymbol(p *visionpb.Paragraph) *visionpb.Symbol {
	ws := p.GetWords()
	if len(ws) == 0 {
		return nil
	}
	ss := ws[len(ws)-1].GetSymbols()
	if len(ss) == 0 {
		return nil
	}
	return ss[len(ss)-1]
}

// objects checks OBJECT_LOCALIZATION answers: every object has a Knowledge Graph mid, an English
// name and a score in 0..1, and its box is four normalizedVertices in 0..1 (fractions of the
// image's width and height), never pixel vertices. No objects is a valid answer.
func (c *checker) objects(objs []*visionpb.LocalizedObjectAnnotation) {
	for i, o := range objs {
		where := fmt.Sprintf("localizedObjectAnnotations[%d]", i)
		if o.GetMid() == "" {
			c.fail(where, "no mid")
		}
		if o.GetName() == "" {
			c.fail(where, "no name")
		}
		if s := o.GetScore(); !(s > 0 && s <= 1) {
			c.fail(where, "score %v outside (0, 1]", s)
		}
		p := o.GetBoundingPoly()
		if len(p.GetVertices()) != 0 {
			c.fail(where+".boundingPoly", "has pixel vertices %v; objects are located with normalizedVertices", p.GetVertices())
		}
		vs := p.GetNormalizedVertices()
		if len(vs) != 4 {
			c.fail(where+".boundingPoly", "%d normalizedVertices, want the 4 corners of a rectangle", len(vs))
			continue
		}
		minX, minY, maxX, maxY := vs[0].GetX(), vs[0].GetY(), vs[0].GetX(), vs[0].GetY()
		for vi, v := range vs {
			if v.GetX() < 0 || v.GetX() > 1 || v.GetY() < 0 || v.GetY() > 1 {
				c.fail(fmt.Sprintf("%s.boundingPoly.normalizedVertices[%d]", where, vi), "(%v, %v) outside 0..1", v.GetX(), v.GetY())
			}
			minX, maxX = min(minX, v.GetX()), max(maxX, v.GetX())
			minY, maxY = min(minY, v.GetY()), max(maxY, v.GetY())
		}
		if minX >= maxX || minY >= maxY {
			c.fail(where+".boundingPoly", "empty box (%v, %v)-(%v, %v)", minX, minY, maxX, maxY)
		}
	}
}

// element checks what blocks, paragraphs and words share: a pixel box, a confidence in 0..1 and
// at least one child.
func (c *checker) element(where string, box *visionpb.BoundingPoly, confidence float32, children int, childName string) {
	c.pixelBox(where+".boundingBox", box)
	c.confidence(where, confidence)
	if children == 0 {
		c.fail(where, "no %s", childName)
	}
}

// pixelBox checks a text element's box: four pixel vertices, not normalized ones (those are for
// files: PDF and TIFF pages, cloud.google.com/vision/docs/pdf).
func (c *checker) pixelBox(where string, p *visionpb.BoundingPoly) {
	if len(p.GetNormalizedVertices()) != 0 {
		c.fail(where, "has normalizedVertices; text in an image is located in pixels")
	}
	if n := len(p.GetVertices()); n != 4 {
		c.fail(where, "%d vertices, want 4", n)
	}
}

func (c *checker) confidence(where string, v float32) {
	if v < 0 || v > 1 {
		c.fail(where, "confidence %v outside 0..1", v)
	}
}

func descriptions(es []*visionpb.EntityAnnotation) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.GetDescription()
	}
	return out
}
