package visionserver

import (
	"bytes"
	"fmt"
	"os"
	"strings"
)

// plateAlphabet is every character the paddle engine may answer. The recognition model decodes
// into 6,600 characters (Chinese, Latin, punctuation); a plate holds only capitals and digits,
// and the space and dash separate its groups, which helps the caller split lines into words.
// Restricting the decoding here means the engine can never answer another script, and a glyph the
// model took for "口" or "o" is read as the closest plate character with that character's own,
// lower probability rather than smuggled in.
const plateAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789- "

// ctcBlank is the index of CTC's blank class: PaddleOCR puts it before the dictionary's entries.
const ctcBlank = 0

// ctcDictionary maps the recognition model's output classes to characters and knows which of
// them the engine may answer.
type ctcDictionary struct {
	chars   []string // class index → character; chars[ctcBlank] is ""
	allowed []int    // class indexes the decoder picks from, the blank first
}

// loadCTCDictionary reads PaddleOCR's character list (one character a line) and builds the class
// table the way PaddleOCR's CTCLabelDecode does: the blank first, then the list, then a space
// (the models are trained with use_space_char).
func loadCTCDictionary(path string) (*ctcDictionary, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimSuffix(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\n"))
	if len(data) == 0 {
		return nil, fmt.Errorf("%s is empty; it should list one character a line", path)
	}
	chars := []string{""}
	chars = append(chars, strings.Split(string(data), "\n")...)
	chars = append(chars, " ")
	return newCTCDictionary(chars, plateAlphabet)
}

// newCTCDictionary restricts chars (class index → character, blank at 0) to the characters of
// alphabet. Each alphabet character must be in the list: a dictionary without digits is the
// wrong file.
func newCTCDictionary(chars []string, alphabet string) (*ctcDictionary, error) {
	d := &ctcDictionary{chars: chars, allowed: []int{ctcBlank}}
	found := map[rune]bool{}
	for i, c := range chars {
		if i == ctcBlank || len([]rune(c)) != 1 {
			continue
		}
		r := []rune(c)[0]
		if strings.ContainsRune(alphabet, r) && !found[r] {
			found[r] = true
			d.allowed = append(d.allowed, i)
		}
	}
	for _, r := range alphabet {
		if !found[r] {
			return nil, fmt.Errorf("the character list has no %q; it is not a PaddleOCR dictionary for Latin text", r)
		}
	}
	return d, nil
}

// classes is how many output classes the recognition model must have for this dictionary.
func (d *ctcDictionary) classes() int { return len(d.chars) }

// ctcChar is one decoded character: what it is, how sure the model was, and the time step it was
// read at (a step covers a fixed slice of the input's width, which places the character).
type ctcChar struct {
	char string
	prob float32
	step int
}

// decode is CTC greedy decoding over the allowed classes: per time step the most likely allowed
// class; a class repeated on consecutive steps is one character, and the blank separates real
// repeats ("AA" needs a blank between). probs holds steps×classes probabilities (the model's
// softmax output).
func (d *ctcDictionary) decode(probs []float32, steps int) []ctcChar {
	classes := len(d.chars)
	var out []ctcChar
	prev := ctcBlank
	for t := range steps {
		row := probs[t*classes : (t+1)*classes]
		best, bestP := ctcBlank, row[ctcBlank]
		for _, c := range d.allowed[1:] {
			if row[c] > bestP {
				best, bestP = c, row[c]
			}
		}
		if best != ctcBlank && best != prev {
			out = append(out, ctcChar{char: d.chars[best], prob: bestP, step: t})
		}
		prev = best
	}
	return out
}

// ctcText joins decoded characters and gives their mean probability, PaddleOCR's score for a
// text line; no characters give "" and 0.
func ctcText(chars []ctcChar) (string, float32) {
	if len(chars) == 0 {
		return "", 0
	}
	var sb strings.Builder
	var sum float32
	for _, c := range chars {
		sb.WriteString(c.char)
		sum += c.prob
	}
	return sb.String(), sum / float32(len(chars))
}
