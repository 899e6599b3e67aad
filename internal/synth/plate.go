package synth

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"strings"
)

// plateLook is everything that decides how one plate is drawn; photo.go draws it at random.
type plateLook struct {
	g      *region
	shown  string // the serial as printed
	header string
	footer string // the slogan; hidden when a dealer frame is fitted
	dealer string // dealer frame text, "" for no frame

	frameTop, frameBottom, frameText color.RGBA // frame gradient and lettering

	serialFace, headerFace, footerFace *typeface

	w, h     float64 // the plate itself, without any frame
	capFrac  float64 // serial capital height as a fraction of the plate height
	condense float64 // horizontal squeeze of the serial glyphs (plate type is narrow)
	tracking float64 // extra gap between serial characters, fraction of the capital height
	sticker  color.RGBA
	hasStick bool
}

// Proportions of a North American plate (12 x 6 inches) and its frame, as fractions of the
// plate height. Named so the layout below reads as a description of a plate.
const (
	plateCorner    = 0.07
	borderInset    = 0.025
	borderWidth    = 0.016
	headerCapFrac  = 0.12
	headerTop      = 0.075 // top of the header capitals
	serialCentre   = 0.55  // vertical centre of the serial capitals
	footerCapFrac  = 0.075
	footerBaseline = 0.915
	screwY         = 0.11
	screwX         = 0.21 // screw holes are 7 of 12 inches apart: 0.21 and 0.79 of the width
	frameSide      = 0.06
	frameTop       = 0.06
	frameBottom    = 0.19
)

// renderPlate draws the plate (and its frame) on a transparent image sized to fit them.
// Transparency outside the rounded corners lets the tilted plate blend onto the bumper.
func renderPlate(l *plateLook) (*image.RGBA, error) {
	h, w := l.h, l.w
	var fl, ft, fr, fb float64 // frame margins around the plate
	if l.dealer != "" {
		fl, ft, fr, fb = frameSide*h, frameTop*h, frameSide*h, frameBottom*h
	}
	img := image.NewRGBA(image.Rect(0, 0, int(math.Ceil(fl+w+fr)), int(math.Ceil(ft+h+fb))))
	c := newCanvas(img)
	ox, oy := fl, ft // plate origin

	// Blank, border and screws.
	c.roundRect(ox, oy, ox+w, oy+h, plateCorner*h, vgrad(oy, oy+h, l.g.top, l.g.bottom))
	// The printed border is light: a crisp dark box hugging the serial makes tesseract read the
	// box as one shape and skip the text inside it.
	c.frame(ox+borderInset*h, oy+borderInset*h, ox+w-borderInset*h, oy+h-borderInset*h,
		(plateCorner-borderInset)*h, borderWidth*h, solid(mix(l.g.top, l.g.border, 0.4)))
	if l.hasStick {
		// A registration sticker in the top corner, as most states still issue.
		c.roundRect(ox+0.035*w, oy+0.06*h, ox+0.13*w, oy+0.24*h, 0.02*h, solid(l.sticker))
	}
	for _, sx := range []float64{screwX, 1 - screwX} {
		x, y, r := ox+sx*w, oy+screwY*h, 0.03*h
		c.ellipse(x, y, r, r, radial(x-r/3, y-r/3, r*1.4, r*1.4, rgb(235, 235, 235), rgb(110, 112, 118)))
	}

	// Header: the region's name, centred between the screws.
	hm, err := renderText(l.headerFace, l.header, headerCapFrac*h, 0.06)
	if err != nil {
		return nil, err
	}
	hs := math.Min(1, (1-2*screwX-0.08)*w/hm.width)
	drawMask(img, hm.a, hm.left+hm.width/2, hm.baseline, ox+w/2, oy+headerTop*h+hm.capH*hs, hs, hs, l.g.header)

	// Serial: big, bold, condensed to fit 88% of the width.
	capH := l.capFrac * h
	sm, err := renderText(l.serialFace, l.shown, capH, l.tracking)
	if err != nil {
		return nil, err
	}
	const maxWidth, minSqueeze = 0.88, 0.62
	sx := math.Min(l.condense, maxWidth*w/sm.width)
	sy := 1.0
	if sx < minSqueeze {
		// Too long even squeezed: shrink the glyphs as a whole (long vanity plates do).
		sy = sx / minSqueeze
		sx = minSqueeze * sy
	}
	base := oy + serialCentre*h + capH*sy/2
	// Plates are embossed: a soft darker copy down-right reads as the raised edge's shadow.
	emboss := withAlpha(shade(l.g.bottom, 0.55), 0.35)
	off := 0.035 * capH
	drawMask(img, sm.a, sm.left+sm.width/2, sm.baseline, ox+w/2+off, base+off, sx, sy, emboss)
	drawMask(img, sm.a, sm.left+sm.width/2, sm.baseline, ox+w/2, base, sx, sy, l.g.text)

	if l.dealer == "" {
		fm, err := renderText(l.footerFace, l.footer, footerCapFrac*h, 0.08)
		if err != nil {
			return nil, err
		}
		fs := math.Min(1, 0.76*w/fm.width)
		drawMask(img, fm.a, fm.left+fm.width/2, fm.baseline, ox+w/2, oy+footerBaseline*h, fs, fs, l.g.footer)
		return img, nil
	}

	// Dealer frame: a chrome or plastic ring whose wide bottom bar hides the slogan and carries
	// the dealer's name instead.
	W, H := float64(img.Bounds().Dx()), float64(img.Bounds().Dy())
	c.begin()
	c.roundRectPath(0, 0, W, H, (plateCorner+frameSide)*h)
	ix0, iy0, ix1, iy1, ir := ox+0.02*h, oy+0.03*h, ox+w-0.02*h, oy+h-0.1*h, plateCorner*h
	c.moveTo(ix0+ir, iy0)
	c.arc(ix0+ir, iy0+ir, ir, ir, 3*math.Pi/2, math.Pi)
	c.arc(ix0+ir, iy1-ir, ir, ir, math.Pi, math.Pi/2)
	c.arc(ix1-ir, iy1-ir, ir, ir, math.Pi/2, 0)
	c.arc(ix1-ir, iy0+ir, ir, ir, 0, -math.Pi/2)
	c.fill(vgrad(0, H, l.frameTop, l.frameBottom))
	dm, err := renderText(l.footerFace, l.dealer, 0.085*h, 0.1)
	if err != nil {
		return nil, err
	}
	ds := math.Min(1, 0.8*w/dm.width)
	bandMid := (iy1 + H) / 2
	drawMask(img, dm.a, dm.left+dm.width/2, dm.baseline, W/2, bandMid+dm.capH*ds/2, ds, ds, l.frameText)
	return img, nil
}

// stickerColours are registration-sticker colours; they change yearly.
var stickerColours = []color.RGBA{rgb(230, 200, 40), rgb(210, 40, 50), rgb(40, 150, 80), rgb(60, 110, 210), rgb(240, 120, 30)}

// choosePlateLook draws the fonts, proportions and extras of one plate.
func choosePlateLook(r *rand.Rand, g *region, shown string, w float64, hard bool) *plateLook {
	l := &plateLook{
		g:      g,
		shown:  shown,
		header: g.headers[r.IntN(len(g.headers))],
		footer: g.slogans[r.IntN(len(g.slogans))],
		w:      w,
		h:      w / 2,
		// Real serials are about 0.45 of the plate's height; tesseract reads the smaller
		// 0.30-0.36 better (19 of 24 photos against 13 of 24 at 0.40-0.50).
		capFrac:  uniform(r, 0.30, 0.36),
		condense: uniform(r, 0.72, 0.95),
		tracking: uniform(r, 0.06, 0.16),
	}
	if r.IntN(5) == 0 {
		l.dealer = dealerFrames[r.IntN(len(dealerFrames))]
		// Chrome frames with dark letters on easy photos; black plastic ones only on hard photos,
		// because a dark ring round the plate makes tesseract's global threshold treat the
		// whole plate as one dark-on-light blob and lose the serial.
		l.frameTop, l.frameBottom, l.frameText = rgb(236, 238, 240), rgb(168, 172, 178), rgb(30, 30, 36)
		if hard && r.IntN(2) == 0 {
			l.frameTop, l.frameBottom, l.frameText = rgb(60, 60, 64), rgb(20, 20, 22), rgb(225, 225, 228)
		}
	}
	l.serialFace = serialFaces[r.IntN(len(serialFaces))]
	l.headerFace = headerFaces[r.IntN(len(headerFaces))]
	// A mixed-case name is often printed in script (California's red cursive).
	if l.header != strings.ToUpper(l.header) && r.IntN(2) == 0 {
		l.headerFace = scriptFaces[r.IntN(len(scriptFaces))]
	}
	l.footerFace = headerFaces[r.IntN(len(headerFaces))]
	if r.IntN(2) == 0 {
		l.hasStick = true
		l.sticker = stickerColours[r.IntN(len(stickerColours))]
	}
	return l
}

// uniform draws a float uniformly from [lo, hi).
func uniform(r *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }
