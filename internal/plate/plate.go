// Package plate turns the raw text that an OCR service (Google Cloud Vision, or the local
// tesseract double) read from a toll-booth photo into licence-plate candidates.
//
// A photo of a car's back holds much more text than the registration: the state or province name,
// its slogan, a dealer's frame and web address, registration stickers, badges, and OCR noise from
// grilles and bumpers. Clean removes what is known to be frame text, joins the pieces of split
// plates, resolves O/0 and I/1 confusions, checks plate formats and ranks what is left.
//
// The package is built around one rule of the product: never bill on a doubtful read. Therefore:
//   - a candidate's Confidence is the lowest confidence of the words it is made of, lowered for
//     every character Clean had to correct, and stays 0 when the recognizer gave no confidence;
//   - frame text is dropped generously (a wrongly dropped plate costs a human review, a wrongly
//     kept slogan could bill a stranger), but only from explicit word lists: a token that happens
//     to be a dictionary word is a perfectly good vanity plate ("SORRY", "DROPOUT", "THECAR");
//   - Clean never decides; it ranks. The caller compares the top candidate's Confidence and Format
//     with its own threshold.
//
// The package is pure: no I/O, standard library only.
package plate

// Word is one word the recognizer found, with its confidence (0..1) and box.
type Word struct {
	Text       string
	Confidence float64 // 0..1; 0 means unknown
	Line       int     // index of the text line it belongs to (reading order)
	// Height is the text's height in pixels (0 if unknown), measured along the slant of tilted text:
	// plate characters are the biggest text on a plate.
	Height float64
	// Left, Top, Right and Bottom bound the word's box on the image's axes (0 if unknown); Left
	// orders words within a line.
	Left, Top, Right, Bottom float64
	// Symbols holds the recognizer's confidence of each character of Text, in order (Vision's
	// per-symbol confidence); nil when it gave none. One doubtful character makes a plate doubtful
	// even when the word as a whole scored well.
	Symbols []float64 `json:",omitempty"`
}

// Center is the middle of the word's box.
func (w Word) Center() (x, y float64) { return (w.Left + w.Right) / 2, (w.Top + w.Bottom) / 2 }

// Reading is what the recognizer returned for one photo.
type Reading struct {
	RawText string // the full text as returned (lines separated by "\n")
	Words   []Word // may be empty: then words are derived from RawText with confidence 0 (unknown)
	// Width and Height are the image's size in pixels, the space of the word boxes (0 if unknown).
	Width, Height int `json:",omitempty"`
	// Plates are the licence plates the recognizer localized on the image (Vision's
	// OBJECT_LOCALIZATION "License plate" objects), best first.
	Plates []PlateObject `json:",omitempty"`
}

// BestPlate is the localized plate with the highest score.
func (r Reading) BestPlate() (PlateObject, bool) {
	if len(r.Plates) == 0 {
		return PlateObject{}, false
	}
	best := r.Plates[0]
	for _, p := range r.Plates[1:] {
		if p.Score > best.Score {
			best = p
		}
	}
	return best, true
}

// PlateObject is a licence plate localized on an image.
type PlateObject struct {
	Box   Box     // normalized: 0..1 of the image's width and height
	Score float64 // the recognizer's confidence that it is a plate, 0..1
}

// Box is an axis-aligned rectangle: in pixels, or normalized to 0..1 of the image's size.
type Box struct {
	Left, Top, Width, Height float64
}

// Scale turns a normalized box into pixels of a w×h image.
func (b Box) Scale(w, h int) Box {
	return Box{Left: b.Left * float64(w), Top: b.Top * float64(h), Width: b.Width * float64(w), Height: b.Height * float64(h)}
}

// Contains reports whether the point lies in the box widened by margin on every side.
func (b Box) Contains(x, y, margin float64) bool {
	return x >= b.Left-margin && x <= b.Left+b.Width+margin && y >= b.Top-margin && y <= b.Top+b.Height+margin
}

// Candidate is a plausible plate read.
type Candidate struct {
	Plate      string  // normalized: upper-case A-Z and 0-9 only, no spaces or dashes
	Confidence float64 // 0..1: recognizer confidence of its words, lowered by every correction made
	Format     string  // name of the format it matched, e.g. "us-ca-standard" or "generic-alnum"
	Source     string  // the raw text it came from, e.g. "BUG 2145" or "127-RFS"
	Corrected  bool    // true when O/0, I/1 or similar substitutions were applied
}

// MaxCandidates bounds what Clean returns: past the first few, candidates of a noisy photo are
// only more noise, and a reviewer reads the list.
const MaxCandidates = 10
