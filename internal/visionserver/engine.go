package visionserver

import (
	"context"
	"image"
)

// Mode is the OCR flavour a request asks for; it mirrors the two Vision text features.
type Mode int

const (
	// ModeText answers TEXT_DETECTION: sparse text in a photo, read as is.
	ModeText Mode = iota + 1
	// ModeDocument answers DOCUMENT_TEXT_DETECTION, which tollbooth uses as the stronger second
	// attempt on a doubtful read.
	ModeDocument
)

func (m Mode) String() string {
	switch m {
	case ModeText:
		return "TEXT_DETECTION"
	case ModeDocument:
		return "DOCUMENT_TEXT_DETECTION"
	}
	return "UNKNOWN_MODE"
}

// Image is one photo to read: the bytes exactly as the caller sent or stored them (the fixture
// engine keys on their SHA-256) and the decoded pixels (the server has already checked they decode).
type Image struct {
	Bytes   []byte
	Decoded image.Image
	Format  string // "jpeg", "png" or "gif"
}

// Engine reads the text in one image.
//
// Errors: return ImageError for a failure that belongs to this image only (it becomes the
// per-image AnnotateImageResponse.Error); return a gRPC status error (status.Error) to fail the
// whole RPC, e.g. codes.Unavailable for injected outages; a context error fails the RPC with
// DeadlineExceeded or Canceled. Any other error becomes a per-image INTERNAL error.
type Engine interface {
	Name() string
	Annotate(ctx context.Context, img Image, mode Mode) (*Result, error)
}

// rpcFaulter is implemented by engines that inject whole-RPC failures (the fixture engine's
// unavailable_rate); the server asks once per RPC, before touching any image.
type rpcFaulter interface {
	RPCFault() error
}

// Result is the text an engine found, in reading order, with coordinates in the pixel space of
// the original image. Its nesting follows tesseract's and Vision's: blocks, paragraphs, lines,
// words. Vision has no line level, so lines survive as the order of words plus the line-break
// markers on each line's last symbol.
type Result struct {
	Width, Height int
	Blocks        []Block
}

// Block is a run of paragraphs that belong together on the page.
type Block struct {
	Paragraphs []Paragraph
}

// Paragraph holds lines that read one after another.
type Paragraph struct {
	Lines []Line
}

// Line holds the words of one text line, left to right.
type Line struct {
	Words []Word
}

// Word is one recognised word with its box and a confidence in 0..1.
type Word struct {
	Text       string
	Box        image.Rectangle
	Confidence float32
}

// Lines returns every line's text (words joined by one space) in reading order.
func (r *Result) Lines() []string {
	var lines []string
	for _, b := range r.Blocks {
		for _, p := range b.Paragraphs {
			for _, l := range p.Lines {
				lines = append(lines, l.text())
			}
		}
	}
	return lines
}

func (l Line) text() string {
	s := ""
	for i, w := range l.Words {
		if i > 0 {
			s += " "
		}
		s += w.Text
	}
	return s
}

// empty reports whether the result holds no word at all.
func (r *Result) empty() bool {
	for _, b := range r.Blocks {
		for _, p := range b.Paragraphs {
			for _, l := range p.Lines {
				if len(l.Words) > 0 {
					return false
				}
			}
		}
	}
	return true
}
