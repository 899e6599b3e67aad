package plate

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// Clean turns one recognizer reading into plate candidates, best first. It returns nil when
// nothing plausible is left. The steps, in order:
//
//  1. Words. Reading.Words are used when present (grouped by Line, ordered by Left within a line
//     when boxes are known); otherwise RawText is split into lines at "\n" and into words at
//     spaces, with confidence 0 (unknown) and height 0. A word that holds spaces is split.
//  2. Frame text is dropped (see dropFrameText): lines with a web address; state/province names
//     and slogans matched as word sequences; lines made only of slogan/name vocabulary; dealer,
//     make, sticker and month words anywhere; region abbreviations and years when alone on a line.
//     Dropped words split a line: nothing joins across them.
//  3. Each remaining word is normalized (see Normalize). A word that normalizes to nothing ("|",
//     "—", "©") is noise: it is skipped, but does not split the line.
//  4. Split plates are joined: every run of adjacent words on a line whose joined length is at
//     most MaxPlateLen is a candidate ("BUG 2145" gives BUG2145, BUG and 2145). Across two
//     adjacent lines, a short line (at most 3 characters, e.g. stacked characters) is joined as a
//     prefix to a run of the other line, but only when the result fits a specific format.
//  5. Each candidate string is interpreted (see interpretations): fitted to specific formats with
//     position-forced corrections, or checked against the generic rule with neighbour-based O/0
//     and I/1 correction. Strings that are still frame words, years or stroke noise are dropped.
//  6. Candidates are ranked (see better), deduplicated by plate keeping the best, and cut to
//     MaxCandidates.
//
// Confidence of a candidate = the minimum confidence of its words, minus the correction
// penalties, floored at 0. The minimum, not a length-weighted mean, because one doubtful word
// makes the whole plate doubtful: a mean would let four sure characters hide three unsure ones and
// push a wrong plate over the auto-accept threshold. A word with confidence 0 (unknown) makes the
// candidate 0, so a read of unknown quality can never be accepted automatically.
func Clean(r Reading) []Candidate {
	lines := linesOf(r)
	for _, l := range lines {
		dropFrameText(l)
	}
	region := regionFormat(lines)
	var cands []scored
	for i, l := range lines {
		for _, run := range runsOf(l) {
			for _, c := range candidatesOf(run.parts(), false, region) {
				c.line = i
				cands = append(cands, c)
			}
		}
	}
	capPartials(cands)
	cands = append(cands, crossLine(lines, region)...)
	return rank(cands)
}

// capPartials lowers a candidate that is part of a longer candidate on the same line to the longer
// one's confidence. OCR often reads part of a plate confidently and the rest poorly ("ROCKY" at 0.97
// beside "58" at 0.74, "RFS" beside an unreadable "127:"): the confident part alone is a well-formed
// plate, and billing it would bill the wrong vehicle. A read is only as certain as its doubtful
// neighbour, so such a part goes to a person unless the whole line is confident.
func capPartials(cands []scored) {
	for i := range cands {
		for j := range cands {
			c, whole := &cands[i], cands[j]
			if i != j && c.line == whole.line && len(whole.Plate) > len(c.Plate) &&
				strings.Contains(whole.Plate, c.Plate) && whole.Confidence < c.Confidence {
				c.Confidence = whole.Confidence
			}
		}
	}
}

// token is one word of the reading.
type token struct {
	raw     string
	norm    string
	conf    float64
	chars   []float64 // confidence of each character of norm: its symbol's, else the word's
	height  float64
	lower   bool // the raw text has lower-case letters: plate characters are capitals
	dropped bool // frame text
}

type line struct {
	toks  []*token
	frame bool // some of its words were frame text: what is left is likely a dealer's name or such
}

// linesOf builds the lines of words from the reading.
func linesOf(r Reading) []*line {
	if len(r.Words) == 0 {
		var out []*line
		for _, text := range strings.FieldsFunc(r.RawText, func(c rune) bool { return c == '\n' || c == '\r' }) {
			l := &line{}
			for _, f := range strings.Fields(text) {
				l.toks = append(l.toks, newToken(f, 0, 0))
			}
			if len(l.toks) > 0 {
				out = append(out, l)
			}
		}
		return out
	}
	ws := append([]Word(nil), r.Words...)
	sort.SliceStable(ws, func(i, j int) bool {
		if ws[i].Line != ws[j].Line {
			return ws[i].Line < ws[j].Line
		}
		return ws[i].Left < ws[j].Left
	})
	var out []*line
	for i, w := range ws {
		if i == 0 || w.Line != ws[i-1].Line {
			out = append(out, &line{})
		}
		l := out[len(out)-1]
		for _, f := range splitWord(w) {
			t := newToken(f.text, w.Confidence, w.Height)
			t.chars = charConfidences(f.text, f.symbols, t.conf)
			l.toks = append(l.toks, t)
		}
	}
	return out
}

func newToken(raw string, conf, height float64) *token {
	t := &token{raw: raw, norm: Normalize(raw), conf: clamp01(conf), height: math.Max(height, 0)}
	t.chars = charConfidences(raw, nil, t.conf)
	for _, c := range raw {
		if unicode.IsLower(c) {
			t.lower = true
			break
		}
	}
	return t
}

// urlPattern finds web addresses, which only ever appear on dealer frames and DMV slogans
// ("WWW.SMITHTOYOTA.COM", "DMV.CA.GOV", "visitPA.com").
var urlPattern = regexp.MustCompile(`(?i)(www\.|https?:|[a-z0-9]\.(com|net|org|gov|edu|ca|us|info|biz)\b)`)

// dropFrameText marks the line's frame-text tokens as dropped.
func dropFrameText(l *line) {
	var live []*token // tokens with characters
	var text []string
	for _, t := range l.toks {
		text = append(text, t.raw)
		if t.norm != "" {
			live = append(live, t)
		}
	}
	if len(live) == 0 {
		return
	}
	drop := func(ts ...*token) {
		for _, t := range ts {
			t.dropped = true
		}
	}
	// A web address means the whole line is frame text: a URL never shares a line with the
	// registration, and OCR may split it into pieces ("DMV . CA . GOV").
	joined := strings.Join(text, " ")
	if urlPattern.MatchString(joined) || urlPattern.MatchString(strings.Join(text, "")) {
		drop(live...)
		return
	}
	// Region names and slogans, as word sequences, longest phrase first.
	for _, p := range phrases {
		for i := 0; i+len(p) <= len(live); i++ {
			match := true
			for k, w := range p {
				if live[i+k].dropped || !sameWord(live[i+k].norm, w) {
					match = false
					break
				}
			}
			if match {
				drop(live[i : i+len(p)]...)
			}
		}
	}
	// A line of two or more words that are all slogan/name vocabulary (or already dropped) is a
	// clipped or split slogan: "THE LONE" over "STAR STATE", "LAKES 10,000".
	if len(live) >= 2 {
		all := true
		for _, t := range live {
			all = all && (t.dropped || inVocabulary(t.norm))
		}
		if all {
			drop(live...)
			return
		}
	}
	// Single words that are frame text wherever they are.
	for _, t := range live {
		if isRegionName(t.norm) || isFrameWord(t.norm) {
			t.dropped = true
		}
	}
	// Abbreviations and years are frame text only when nothing else is on their line: "CA" over
	// the plate, "2025" on a sticker. Within a line they may be plate characters.
	var left []*token
	for _, t := range live {
		if !t.dropped {
			left = append(left, t)
		}
	}
	if len(left) == 1 && (regionAbbreviations[left[0].norm] || isYear(left[0].norm)) {
		left[0].dropped = true
	}
	for _, t := range live {
		l.frame = l.frame || t.dropped
	}
}

// run is a sequence of adjacent kept tokens on one line. Its tokens with characters are joined;
// noise tokens between them are kept for the Source text only.
type run struct {
	toks  []*token
	frame bool // from a line that held frame text
}

// parts describes the run as a candidate piece.
func (r run) parts() piece {
	p := piece{conf: 1, height: math.Inf(1), frameLine: r.frame}
	var src []string
	for _, t := range r.toks {
		src = append(src, t.raw)
		if t.norm == "" {
			continue
		}
		p.norm += t.norm
		p.words++
		p.conf = math.Min(p.conf, t.conf)
		p.height = math.Min(p.height, t.height)
		p.lower = p.lower || t.lower
	}
	p.source = strings.Join(src, " ")
	return p
}

// piece is a candidate string before interpretation.
type piece struct {
	norm      string
	source    string
	conf      float64 // minimum over its words
	height    float64 // see runsOf and crossLine
	lower     bool
	frameLine bool
	words     int // how many words were joined
}

// runsOf returns every run of adjacent kept tokens whose joined length is at most MaxPlateLen,
// single tokens included. Dropped tokens end a run; noise tokens are skipped without ending it.
//
// A run's height is the smallest height of its words: the characters of one plate line are all
// the same size, so a run that includes a smaller word (a sticker, a frame word the lists missed)
// is only as plate-like as that word.
func runsOf(l *line) []run {
	var out []run
	toks := l.toks
	for i, t := range toks {
		if t.dropped || t.norm == "" {
			continue
		}
		n := 0
		for j := i; j < len(toks) && !toks[j].dropped; j++ {
			if toks[j].norm == "" {
				continue
			}
			n += len(toks[j].norm)
			if n > MaxPlateLen {
				break
			}
			out = append(out, run{toks: toks[i : j+1], frame: l.frame})
		}
	}
	return out
}

// crossLine joins stacked characters and two-line plates: when one of two adjacent lines (both
// with kept words, no dropped line between) holds at most 3 characters, that short line is a
// prefix for each run of the other ("ABC" over "1234", or a small stacked "7" beside
// "ABC123"); when both are short, the upper one comes first. Only results that fit a specific
// format are kept, because the generic rule would accept almost any join of noise. Such a
// candidate's height is the larger of its two parts' heights: stacked characters are printed
// smaller than the main line on purpose.
func crossLine(lines []*line, region *format) []scored {
	var out []scored
	var prev *line
	for _, l := range lines {
		kept, hasDropped := lineKept(l)
		if kept == "" {
			if hasDropped {
				prev = nil // frame text between two lines keeps them apart
			}
			continue
		}
		if prev != nil {
			out = append(out, joinLines(prev, l, region)...)
		}
		prev = l
	}
	return out
}

// lineKept returns the line's kept characters and whether it has dropped words.
func lineKept(l *line) (string, bool) {
	var sb strings.Builder
	dropped := false
	for _, t := range l.toks {
		if t.dropped {
			dropped = true
		} else {
			sb.WriteString(t.norm)
		}
	}
	return sb.String(), dropped
}

func joinLines(upper, lower *line, region *format) []scored {
	const short = 3
	u, _ := lineKept(upper)
	d, _ := lineKept(lower)
	var prefix *line
	var mains []run
	switch {
	case len(u) <= short && len(d) <= short:
		prefix, mains = upper, []run{{toks: keptToks(lower), frame: lower.frame}}
	case len(u) <= short:
		prefix, mains = upper, runsOf(lower)
	case len(d) <= short:
		prefix, mains = lower, runsOf(upper)
	default:
		return nil
	}
	pre := run{toks: keptToks(prefix), frame: prefix.frame}.parts()
	var out []scored
	for _, m := range mains {
		mp := m.parts()
		joined := piece{
			norm:      pre.norm + mp.norm,
			source:    pre.source + "\n" + mp.source,
			conf:      math.Min(pre.conf, mp.conf),
			height:    math.Max(pre.height, mp.height),
			lower:     pre.lower || mp.lower,
			frameLine: pre.frameLine || mp.frameLine,
			words:     pre.words + mp.words,
		}
		if len(joined.norm) > MaxPlateLen {
			continue
		}
		for _, c := range candidatesOf(joined, true, region) {
			if c.specific {
				out = append(out, c)
			}
		}
	}
	return out
}

func keptToks(l *line) []*token {
	var out []*token
	for _, t := range l.toks {
		if !t.dropped {
			out = append(out, t)
		}
	}
	return out
}

// scored is a candidate with what the ranking needs.
type scored struct {
	Candidate
	specific  bool
	height    float64
	crossLine bool
	frameLine bool
	lower     bool
	words     int
	subs      int
	line      int // index of the line it came from (same-line candidates only)
}

// candidatesOf interprets one piece into zero or more candidates.
func candidatesOf(p piece, cross bool, region *format) []scored {
	if len(p.norm) < MinPlateLen || len(p.norm) > MaxPlateLen {
		return nil
	}
	var out []scored
	for _, r := range interpretations(p.norm, region) {
		if isBlocked(r.plate) || isBlocked(p.norm) || isYear(r.plate) || isStrokes(r.plate) {
			continue
		}
		conf := 0.0
		if p.conf > 0 {
			conf = roundDown4(math.Max(0, p.conf-r.penalty))
		}
		out = append(out, scored{
			Candidate: Candidate{
				Plate:      r.plate,
				Confidence: conf,
				Format:     r.format,
				Source:     p.source,
				Corrected:  r.subs > 0,
			},
			specific:  r.format != GenericFormat,
			height:    p.height,
			crossLine: cross,
			frameLine: p.frameLine,
			lower:     p.lower,
			words:     p.words,
			subs:      r.subs,
		})
	}
	return out
}

// rank orders candidates best first, keeps the best of each plate and cuts to MaxCandidates.
func rank(cands []scored) []Candidate {
	if len(cands) == 0 {
		return nil
	}
	// The tallest text sets the height tiers, but only text that looks like plate characters may set
	// it: capitals, at least 3 of them, or a specific format. A tall box around lower-case noise
	// ("at a" read from a grille) must not push a confident plate below it ("AT" over "3RXC724").
	maxH, anyH := 0.0, 0.0
	for _, c := range cands {
		if math.IsInf(c.height, 0) {
			continue
		}
		anyH = math.Max(anyH, c.height)
		if !c.lower && (c.specific || len(c.Plate) >= 3) {
			maxH = math.Max(maxH, c.height)
		}
	}
	if maxH == 0 {
		maxH = anyH
	}
	tiers := make([]int, len(cands))
	for i, c := range cands {
		tiers[i] = heightTier(c.height, maxH)
	}
	idx := make([]int, len(cands))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		return better(cands[idx[a]], tiers[idx[a]], cands[idx[b]], tiers[idx[b]])
	})
	var out []Candidate
	seen := map[string]bool{}
	for _, i := range idx {
		c := cands[i]
		if seen[c.Plate] {
			continue
		}
		seen[c.Plate] = true
		out = append(out, c.Candidate)
		if len(out) == MaxCandidates {
			break
		}
	}
	return out
}

// heightTier says how close a candidate's text height is to the tallest candidate's: 2 at 75% or
// more, 1 at 50% or more (or unknown), 0 below. When no height is known, every candidate is 2.
// Tiers rather than raw heights, because boxes of one plate line vary by a few pixels and that
// must not outweigh format or length.
func heightTier(h, maxH float64) int {
	switch {
	case maxH <= 0:
		return 2
	case h <= 0 || math.IsInf(h, 0):
		return 1
	case h >= 0.75*maxH:
		return 2
	case h >= 0.5*maxH:
		return 1
	}
	return 0
}

// better reports whether a ranks before b. The keys, in order:
//  1. text at least half as tall as the tallest candidate beats smaller text (height tier 1-2
//     over 0): plate characters are the biggest text on a plate, and a small dealer line that
//     happens to fit a format ("CALL 555") must never outrank the plate;
//  2. a specific format beats the generic rule (a read that fits "7ABC123" is far less likely
//     to be noise);
//  3. taller text (height tier 2 over 1);
//  4. a run within one line beats a join across lines;
//  5. a line without frame text beats one that had some ("SMITH" left over from "SMITH TOYOTA");
//  6. 4 characters or more beat 2–3 (short reads are usually fragments or noise);
//  7. no lower-case letters beats some: plates are printed in capitals, and OCR of textures and
//     script slogans comes out in lower or mixed case;
//  8. more characters (a joined "ROCKY 58" over "ROCKY" alone);
//  9. higher confidence;
//  10. fewer words joined: the recognizer's own word is firmer ground than a join Clean inferred;
//  11. fewer corrections;
//  12. the plate text, for a deterministic order.
//
// Length ranks before confidence on purpose: a joined candidate's confidence is the minimum of
// its words', so confidence alone would always prefer a fragment ("ROCKY") to the whole plate.
func better(a scored, ta int, b scored, tb int) bool {
	if (ta > 0) != (tb > 0) {
		return ta > 0
	}
	if a.specific != b.specific {
		return a.specific
	}
	if ta != tb {
		return ta > tb
	}
	if a.crossLine != b.crossLine {
		return !a.crossLine
	}
	if a.frameLine != b.frameLine {
		return !a.frameLine
	}
	if la, lb := len(a.Plate) >= 4, len(b.Plate) >= 4; la != lb {
		return la
	}
	if a.lower != b.lower {
		return !a.lower
	}
	if len(a.Plate) != len(b.Plate) {
		return len(a.Plate) > len(b.Plate)
	}
	if a.Confidence != b.Confidence {
		return a.Confidence > b.Confidence
	}
	if a.words != b.words {
		return a.words < b.words
	}
	if a.subs != b.subs {
		return a.subs < b.subs
	}
	return a.Plate < b.Plate
}

// roundDown4 keeps four decimals of a confidence, never rounding up: rounded to the nearest, a
// word read at 0.79996 became a candidate at 0.8, over the auto-accept threshold its own read was
// under (FuzzClean found it). A value already on the grid is kept as it is.
func roundDown4(x float64) float64 {
	n := math.Round(x * 1e4)
	if n/1e4 > x {
		n--
	}
	return n / 1e4
}

func clamp01(x float64) float64 {
	if math.IsNaN(x) || x < 0 {
		return 0
	}
	return math.Min(x, 1)
}
