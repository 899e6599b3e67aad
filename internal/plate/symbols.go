package plate

import (
	"strings"
	"unicode"
)

// wordPart is one space-separated piece of a recognizer's word, with the confidences of its
// characters.
type wordPart struct {
	text    string
	symbols []float64
}

// splitWord splits a word at spaces, as Clean's tokens are, keeping each piece's symbol
// confidences. Symbols that do not line up with the text's characters are ignored: a confidence
// given to the wrong character would be worse than none.
func splitWord(w Word) []wordPart {
	runes := []rune(w.Text)
	syms := w.Symbols
	if len(syms) != len(runes) {
		syms = nil
	}
	var parts []wordPart
	start := -1
	for i := 0; i <= len(runes); i++ {
		if i < len(runes) && !unicode.IsSpace(runes[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			p := wordPart{text: string(runes[start:i])}
			if syms != nil {
				p.symbols = syms[start:i]
			}
			parts = append(parts, p)
			start = -1
		}
	}
	return parts
}

// charConfidences gives each character that Normalize keeps of raw its confidence: the symbol's
// when symbols line up with raw's characters, else the word's. Normalize maps each character to at
// most one, so the kept characters and the confidences stay in step.
func charConfidences(raw string, symbols []float64, word float64) []float64 {
	var out []float64
	i := 0
	for _, r := range raw {
		if Normalize(string(r)) != "" {
			c := word
			if i < len(symbols) {
				c = clamp01(symbols[i])
			}
			out = append(out, c)
		}
		i++
	}
	return out
}

// joinChars concatenates the character confidences of tokens, in order.
func joinChars(toks []*token) []float64 {
	var out []float64
	for _, t := range toks {
		out = append(out, t.chars...)
	}
	return out
}

// rawText joins the raw text of tokens with spaces.
func rawText(toks []*token) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.raw
	}
	return strings.Join(parts, " ")
}
