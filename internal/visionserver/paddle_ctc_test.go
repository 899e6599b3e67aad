package visionserver

import (
	"image"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// A small dictionary in PaddleOCR's layout: the blank, then the character list (with characters
// the plate alphabet excludes), then the space.
var testChars = []string{"", "A", "B", "1", "-", "口", "o", " "}

const testAlphabet = "AB1- "

// steps builds a steps×classes probability table from one map per step (class index → p).
func steps(rows ...map[int]float32) []float32 {
	out := make([]float32, len(rows)*len(testChars))
	for t, row := range rows {
		for c, p := range row {
			out[t*len(testChars)+c] = p
		}
	}
	return out
}

func TestCTCDecodeCollapsesRepeatsAndBlanksAndKeepsToTheAlphabet(t *testing.T) {
	d, err := newCTCDictionary(testChars, testAlphabet)
	require.NoError(t, err)
	probs := steps(
		map[int]float32{1: 0.9, 0: 0.1},           // A
		map[int]float32{1: 0.8, 0: 0.2},           // A again: the same character
		map[int]float32{0: 0.7, 1: 0.3},           // blank: separates a real repeat
		map[int]float32{1: 0.6, 0: 0.4},           // A: a second A
		map[int]float32{5: 0.8, 2: 0.15, 0: 0.05}, // 口 is not a plate character: B at its own 0.15
		map[int]float32{6: 0.9, 0: 0.1},           // o excluded: the blank is the best allowed class
		map[int]float32{3: 0.95, 0: 0.05},         // 1
		map[int]float32{3: 0.5, 0: 0.5},           // a tie stays with the blank: no second 1
	)
	chars := d.decode(probs, 8)
	text, conf := ctcText(chars)
	require.Equal(t, "AAB1", text)
	require.InDelta(t, (0.9+0.6+0.15+0.95)/4, conf, 1e-6, "the mean probability of the characters read")
	require.Equal(t, []int{0, 3, 4, 6}, []int{chars[0].step, chars[1].step, chars[2].step, chars[3].step})
}

func TestCTCDecodeOfOnlyBlanksIsEmpty(t *testing.T) {
	d, err := newCTCDictionary(testChars, testAlphabet)
	require.NoError(t, err)
	chars := d.decode(steps(map[int]float32{0: 1}, map[int]float32{5: 0.99, 0: 0.01}), 2)
	text, conf := ctcText(chars)
	require.Empty(t, text)
	require.Zero(t, conf)
}

func TestCTCDictionaryNeedsEveryPlateCharacter(t *testing.T) {
	_, err := newCTCDictionary([]string{"", "A", "B", " "}, testAlphabet)
	require.ErrorContains(t, err, `no '1'`)
}

func TestLoadCTCDictionaryAddsBlankAndSpace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.txt")
	var list string
	for _, c := range "口" + plateAlphabet[:len(plateAlphabet)-1] + "o" { // every plate character but the space
		list += string(c) + "\n"
	}
	require.NoError(t, os.WriteFile(path, []byte(list), 0o644))
	d, err := loadCTCDictionary(path)
	require.NoError(t, err)
	require.Equal(t, len(plateAlphabet)+3, d.classes(), "blank + list + space")
	require.Equal(t, " ", d.chars[d.classes()-1])
	require.Len(t, d.allowed, len(plateAlphabet)+1, "the plate characters and the blank")
}

func TestLineOfSplitsWordsAtSpacesWithBoxesFromTheirSteps(t *testing.T) {
	region := image.Rect(100, 50, 260, 90)
	chars := []ctcChar{
		{"A", 0.9, 2}, {"B", 0.8, 3}, {"-", 0.9, 4}, {" ", 0.9, 6}, {"1", 0.7, 8}, {"1", 0.9, 10},
	}
	l, ok := lineOf(chars, region, 4) // 4 photo pixels per step
	require.True(t, ok)
	require.Len(t, l.words, 2)
	require.Equal(t, "AB", l.words[0].Text, "a dash at a word's end is a separator, not a character")
	require.Equal(t, image.Rect(108, 50, 120, 90), l.words[0].Box)
	require.InDelta(t, (0.9+0.8+0.9)/3, l.words[0].Confidence, 1e-6)
	require.Equal(t, "11", l.words[1].Text)
	require.Equal(t, image.Rect(132, 50, 144, 90), l.words[1].Box)

	_, ok = lineOf([]ctcChar{{"A", 0.3, 0}, {"B", 0.4, 1}}, region, 4)
	require.False(t, ok, "a line below minLineScore is texture, not text")
}

func TestLayoutRegionsOrdersLinesTopToBottomAndWordsLeftToRight(t *testing.T) {
	word := func(text string, r image.Rectangle) textLine {
		return textLine{box: r, words: []Word{{Text: text, Box: r, Confidence: 0.9}}}
	}
	res := layoutRegions([]textLine{
		word("2145", image.Rect(200, 100, 300, 140)),
		word("MICHIGAN", image.Rect(100, 40, 300, 60)),
		word("BUG", image.Rect(100, 102, 180, 142)),
		word("PURE", image.Rect(120, 150, 180, 160)), // small text under the plate: its own line
	})
	require.Equal(t, []string{"MICHIGAN", "BUG 2145", "PURE"}, res.Lines())
}
