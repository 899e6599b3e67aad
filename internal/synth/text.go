package synth

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomedium"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/gofont/gosmallcaps"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// typeface is one of the Go fonts, parsed once per process.
type typeface struct {
	name string
	ttf  []byte
	once sync.Once
	font *opentype.Font
	err  error
	cap  float64 // height of a capital H per unit of font size
}

// Serial fonts are the heavy faces: plate serials are big and bold. Header and footer fonts are
// the lighter and slanted faces that state names and slogans use.
var (
	serialFaces = []*typeface{
		{name: "gobold", ttf: gobold.TTF},
		{name: "gomonobold", ttf: gomonobold.TTF},
		{name: "gomedium", ttf: gomedium.TTF},
	}
	headerFaces = []*typeface{
		{name: "goregular", ttf: goregular.TTF},
		{name: "gomedium", ttf: gomedium.TTF},
		{name: "gobold", ttf: gobold.TTF},
		{name: "gosmallcaps", ttf: gosmallcaps.TTF},
		{name: "gomono", ttf: gomono.TTF},
	}
	// scriptFaces stand in for the cursive state names (California, New York's older plates).
	scriptFaces = []*typeface{
		{name: "goitalic", ttf: goitalic.TTF},
		{name: "gobolditalic", ttf: gobolditalic.TTF},
	}
)

func (t *typeface) load() (*opentype.Font, error) {
	t.once.Do(func() {
		t.font, t.err = opentype.Parse(t.ttf)
		if t.err != nil {
			t.err = fmt.Errorf("synth: parse font %s: %w", t.name, t.err)
			return
		}
		// Measure the cap height at a large size, where rounding is negligible.
		const ref = 200
		face, err := opentype.NewFace(t.font, &opentype.FaceOptions{Size: ref, DPI: 72})
		if err != nil {
			t.err = fmt.Errorf("synth: face %s: %w", t.name, err)
			return
		}
		defer face.Close()
		b, _, _ := face.GlyphBounds('H')
		t.cap = -float64(b.Min.Y) / 64 / ref
	})
	return t.font, t.err
}

// textMask is a string rendered as coverage, with the baseline and cap height it was drawn at,
// so callers can place it by its capitals rather than by its (font-dependent) bounding box.
type textMask struct {
	a        *image.Alpha
	baseline float64 // y of the baseline in a
	capH     float64 // height of a capital in a
	width    float64 // advance width of the text, tracking included
	left     float64 // x where the first glyph's origin sits
}

// renderText draws s in face t so that capitals are capH pixels tall, with extra tracking
// (a fraction of capH) between glyphs. Plates space their characters wider than book type.
func renderText(t *typeface, s string, capH, tracking float64) (*textMask, error) {
	f, err := t.load()
	if err != nil {
		return nil, err
	}
	size := capH / t.cap
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, fmt.Errorf("synth: face %s at %.1f: %w", t.name, size, err)
	}
	defer face.Close()

	m := face.Metrics()
	ascent, descent := float64(m.Ascent)/64, float64(m.Descent)/64
	pad := math.Ceil(capH * 0.1)
	gap := tracking * capH
	xs := make([]float64, 0, len(s))
	x := pad
	for i, r := range []rune(s) {
		if i > 0 {
			x += gap
		}
		xs = append(xs, x)
		adv, ok := face.GlyphAdvance(r)
		if !ok {
			return nil, fmt.Errorf("synth: font %s has no glyph %q", t.name, r)
		}
		x += float64(adv) / 64
	}
	w := int(math.Ceil(x + pad))
	h := int(math.Ceil(ascent + descent + 2*pad))
	a := image.NewAlpha(image.Rect(0, 0, w, h))
	baseline := pad + ascent
	d := font.Drawer{Dst: a, Src: image.Opaque, Face: face}
	for i, r := range []rune(s) {
		d.Dot = fixed.Point26_6{X: fixed.Int26_6(math.Round(xs[i] * 64)), Y: fixed.Int26_6(math.Round(baseline * 64))}
		d.DrawString(string(r))
	}
	return &textMask{a: a, baseline: baseline, capH: capH, width: x - pad, left: pad}, nil
}

// drawMask paints colour col through mask m onto dst, scaled by sx, sy, with the mask's point
// (mx, my) landing on (dx, dy). Bilinear sampling lets text be condensed horizontally the way
// plate typefaces are, and placed at fractional positions.
func drawMask(dst *image.RGBA, m *image.Alpha, mx, my, dx, dy, sx, sy float64, col color.RGBA) {
	mb := m.Bounds()
	// Destination box of the scaled mask.
	x0 := int(math.Floor(dx + (float64(mb.Min.X)-mx)*sx))
	y0 := int(math.Floor(dy + (float64(mb.Min.Y)-my)*sy))
	x1 := int(math.Ceil(dx + (float64(mb.Max.X)-mx)*sx))
	y1 := int(math.Ceil(dy + (float64(mb.Max.Y)-my)*sy))
	r := image.Rect(x0, y0, x1, y1).Intersect(dst.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		v := (float64(y)+0.5-dy)/sy + my - 0.5
		for x := r.Min.X; x < r.Max.X; x++ {
			u := (float64(x)+0.5-dx)/sx + mx - 0.5
			if cov := sampleAlpha(m, u, v); cov > 0 {
				blendPixel(dst, x, y, col, cov)
			}
		}
	}
}

// sampleAlpha reads m bilinearly at (u, v) in pixel-centre coordinates; outside is 0.
func sampleAlpha(m *image.Alpha, u, v float64) uint32 {
	fu, fv := math.Floor(u), math.Floor(v)
	iu, iv := int(fu), int(fv)
	tu, tv := u-fu, v-fv
	at := func(x, y int) float64 {
		if !(image.Point{x, y}.In(m.Rect)) {
			return 0
		}
		return float64(m.Pix[m.PixOffset(x, y)])
	}
	top := at(iu, iv)*(1-tu) + at(iu+1, iv)*tu
	bot := at(iu, iv+1)*(1-tu) + at(iu+1, iv+1)*tu
	return uint32(top*(1-tv) + bot*tv + 0.5)
}
