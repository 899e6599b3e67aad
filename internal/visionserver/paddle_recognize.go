package visionserver

import (
	"cmp"
	"image"
	"math"
	"slices"
	"strings"

	ort "github.com/yalue/onnxruntime_go"
	"google.golang.org/grpc/codes"
)

// textLine is one detected region as read: its box in photo pixels and its words.
type textLine struct {
	box   image.Rectangle
	words []Word
}

// recognize reads every region: each crop is scaled to the model's height, crops of similar shape
// go through the model together (padded to the widest), and each output is CTC-decoded.
func (e *PaddleEngine) recognize(photo *image.RGBA, regions []image.Rectangle) ([]textLine, error) {
	ratio := func(r image.Rectangle) float64 {
		return min(float64(r.Dx())/float64(r.Dy()), recMaxRatio)
	}
	// Similar ratios together waste the least padding, as PaddleOCR does.
	order := slices.Clone(regions)
	slices.SortFunc(order, func(a, b image.Rectangle) int { return cmp.Compare(ratio(a), ratio(b)) })

	var lines []textLine
	for start := 0; start < len(order); start += recBatch {
		batch := order[start:min(start+recBatch, len(order))]
		width := recMinWidth
		for _, r := range batch {
			width = max(width, int(math.Ceil(recHeight*ratio(r))))
		}
		plane := 3 * recHeight * width
		input := make([]float32, len(batch)*plane) // zero is the padding, as in PaddleOCR
		widths := make([]int, len(batch))
		for i, r := range batch {
			widths[i] = min(width, int(math.Ceil(recHeight*ratio(r))))
			writeCHW(input[i*plane:(i+1)*plane], resized(photo, r, widths[i], recHeight), width, recNorms)
		}
		out, err := runModel(e.rec, input, ort.NewShape(int64(len(batch)), 3, recHeight, int64(width)))
		if err != nil {
			return nil, err
		}
		shape := out.GetShape()
		if len(shape) != 3 || shape[0] != int64(len(batch)) || shape[2] != int64(e.dict.classes()) {
			out.Destroy()
			return nil, ImageError(codes.Internal, "recognition model answered shape %v for %d crops", shape, len(batch))
		}
		steps := int(shape[1])
		data := out.GetData()
		for i, r := range batch {
			chars := e.dict.decode(data[i*steps*e.dict.classes():(i+1)*steps*e.dict.classes()], steps)
			// A step covers width/steps input pixels; the crop filled widths[i] of them.
			pxPerStep := float64(width) / float64(steps) * float64(r.Dx()) / float64(widths[i])
			if l, ok := lineOf(chars, r, pxPerStep); ok {
				lines = append(lines, l)
			}
		}
		out.Destroy()
	}
	return lines, nil
}

// lineOf turns a region's decoded characters into words split at spaces, each with a box spanning
// the time steps its characters were read at and the mean probability of its characters. A line
// whose mean probability is below minLineScore is not text and is dropped (ok false).
func lineOf(chars []ctcChar, region image.Rectangle, pxPerStep float64) (textLine, bool) {
	if _, score := ctcText(chars); score < minLineScore {
		return textLine{}, false
	}
	l := textLine{box: region}
	flush := func(word []ctcChar) {
		text, conf := ctcText(word)
		text = strings.Trim(text, "-")
		if text == "" {
			return
		}
		x0 := region.Min.X + int(float64(word[0].step)*pxPerStep)
		x1 := region.Min.X + int(math.Ceil(float64(word[len(word)-1].step+1)*pxPerStep))
		box := image.Rect(x0, region.Min.Y, x1, region.Max.Y).Intersect(region)
		l.words = append(l.words, Word{Text: text, Box: box, Confidence: conf})
	}
	var word []ctcChar
	for _, c := range chars {
		if c.char == " " {
			flush(word)
			word = word[:0]
			continue
		}
		word = append(word, c)
	}
	flush(word)
	return l, len(l.words) > 0
}

// layoutRegions orders read regions into physical lines, top to bottom and left to right within a
// line: regions that overlap vertically by half the smaller one's height and have similar
// heights stand on one line. Each physical line becomes a block of its own, as in Vision's sparse
// text answers.
func layoutRegions(read []textLine) *Result {
	slices.SortStableFunc(read, func(a, b textLine) int {
		return cmp.Compare(a.box.Min.Y+a.box.Max.Y, b.box.Min.Y+b.box.Max.Y)
	})
	var rows [][]textLine
	for _, l := range read {
		if n := len(rows); n > 0 && slices.ContainsFunc(rows[n-1], func(o textLine) bool { return onOneLine(o.box, l.box) }) {
			rows[n-1] = append(rows[n-1], l)
			continue
		}
		rows = append(rows, []textLine{l})
	}
	res := &Result{}
	for _, row := range rows {
		slices.SortStableFunc(row, func(a, b textLine) int { return cmp.Compare(a.box.Min.X, b.box.Min.X) })
		var line Line
		for _, l := range row {
			line.Words = append(line.Words, l.words...)
		}
		res.Blocks = append(res.Blocks, Block{Paragraphs: []Paragraph{{Lines: []Line{line}}}})
	}
	return res
}

// onOneLine says whether two regions stand on one line of text.
func onOneLine(a, b image.Rectangle) bool {
	ha, hb := a.Dy(), b.Dy()
	if min(ha, hb)*5 < max(ha, hb)*2 {
		return false
	}
	overlap := min(a.Max.Y, b.Max.Y) - max(a.Min.Y, b.Min.Y)
	return 2*overlap >= min(ha, hb)
}
