package synth

import (
	"image/color"
	"math"
	"math/rand/v2"
)

// The scene is a booth camera's view: sky and a horizon, the road with lane markings, sometimes
// the booth's concrete island, and the front or back of a car whose plate sits where the photo
// puts it. Everything is simple shapes with gradients; after blur, noise and JPEG they read as a
// photo at a glance, and they give OCR the clutter of a real one (edges, lights, bars of a grille).

// plateSpot is where the plate goes in the photo, in pixels.
type plateSpot struct {
	cx, cy float64 // centre
	w, h   float64 // size of the plate itself
}

// Easy photos show light-coloured cars. tesseract (the local OCR) thresholds the whole photo
// once per colour channel and treats the minority side as ink: when a dark or saturated car
// fills most of the frame, the bright plate becomes "ink" and its serial is lost. Measured on
// 48 easy photos: 46 read exactly with light cars, 36 with half of them dark. Hard photos use
// every colour.
var lightCarColours = []color.RGBA{
	rgb(236, 237, 239), // white
	rgb(196, 200, 206), // silver
	rgb(212, 196, 160), // beige
	rgb(176, 196, 220), // pale blue
	rgb(222, 214, 186), // champagne
}

// darkCarColours appear on hard photos only (see lightCarColours).
var darkCarColours = []color.RGBA{
	rgb(30, 32, 36),  // black
	rgb(92, 96, 102), // grey
	rgb(150, 24, 30), // red
	rgb(32, 62, 132), // blue
	rgb(22, 34, 64),  // navy
	rgb(34, 74, 52),  // green
}

// drawScene paints the background and the car around plate spot p (the plate itself is drawn
// later, on top).
func drawScene(c *canvas, r *rand.Rand, p plateSpot, hard bool) {
	W, H := float64(c.dst.Bounds().Dx()), float64(c.dst.Bounds().Dy())
	horizon := H * uniform(r, 0.28, 0.42)
	drawSky(c, r, W, horizon)
	drawRoad(c, r, W, H, horizon)
	if r.IntN(2) == 0 {
		drawBooth(c, r, W, H)
	}
	drawCar(c, r, p, hard)
}

func drawSky(c *canvas, r *rand.Rand, W, horizon float64) {
	var top, low color.RGBA
	switch r.IntN(3) {
	case 0: // clear
		top, low = rgb(88, 136, 204), rgb(196, 216, 236)
	case 1: // overcast
		top, low = rgb(150, 156, 166), rgb(214, 216, 220)
	default: // dusk
		top, low = rgb(60, 72, 116), rgb(232, 170, 120)
	}
	c.rect(0, 0, W, horizon+1, vgrad(0, horizon, top, low))
	// A skyline of trees or buildings along the horizon.
	x := -W * 0.05
	for x < W {
		bw := W * uniform(r, 0.04, 0.12)
		bh := horizon * uniform(r, 0.06, 0.25)
		if r.IntN(2) == 0 {
			g := rgb(uint8(40+r.IntN(30)), uint8(70+r.IntN(30)), uint8(44+r.IntN(20)))
			c.ellipse(x+bw/2, horizon-bh/2, bw*0.7, bh, solid(g))
		} else {
			v := uint8(120 + r.IntN(60))
			c.rect(x, horizon-bh, x+bw, horizon+1, vgrad(horizon-bh, horizon, rgb(v, v, v+8), rgb(v-30, v-30, v-24)))
		}
		x += bw * uniform(r, 0.6, 1.1)
	}
}

func drawRoad(c *canvas, r *rand.Rand, W, H, horizon float64) {
	v := uint8(92 + r.IntN(40))
	c.rect(0, horizon, W, H, vgrad(horizon, H, rgb(v+30, v+30, v+32), rgb(v-20, v-20, v-18)))
	// Lane markings converge on a vanishing point on the horizon.
	vx := W * uniform(r, 0.35, 0.65)
	paint := solid(withAlpha(rgb(232, 232, 222), 0.85))
	if r.IntN(3) == 0 {
		paint = solid(withAlpha(rgb(226, 190, 60), 0.85))
	}
	for _, bottomX := range []float64{-W * 0.35, W * 1.35} {
		for t := 0.08; t < 1; t += 0.16 { // dashes, t from horizon (0) to bottom (1)
			t0, t1 := t, t+0.08
			y0, y1 := horizon+(H-horizon)*t0, horizon+(H-horizon)*t1
			x0, x1 := vx+(bottomX-vx)*t0, vx+(bottomX-vx)*t1
			w0, w1 := W*0.012*t0, W*0.012*t1
			c.polygon(paint, x0-w0, y0, x0+w0, y0, x1+w1, y1, x1-w1, y1)
		}
	}
}

// drawBooth draws the toll booth's concrete island, with its window and striped kerb, at one side.
func drawBooth(c *canvas, r *rand.Rand, W, H float64) {
	bw := W * uniform(r, 0.1, 0.16)
	x0 := -W * 0.02
	if r.IntN(2) == 0 {
		x0 = W - bw + W*0.02
	}
	top := H * uniform(r, 0.02, 0.12)
	c.rect(x0, top, x0+bw, H*0.8, hgrad(x0, x0+bw, rgb(196, 194, 188), rgb(150, 148, 144)))
	c.rect(x0+bw*0.15, top+H*0.06, x0+bw*0.85, top+H*0.22, vgrad(top, top+H*0.22, rgb(60, 80, 96), rgb(30, 40, 50)))
	// Yellow and black stripes on the island's kerb.
	y0, y1 := H*0.8-H*0.06, H*0.8
	for i := 0; i < 8; i++ {
		sx := x0 + bw*float64(i)/8
		col := rgb(226, 186, 30)
		if i%2 == 1 {
			col = rgb(24, 24, 24)
		}
		c.rect(sx, y0, sx+bw/8+0.5, y1, solid(col))
	}
}

// drawCar draws a car's front or back around the plate spot. Sizes are in plate heights (a
// plate is 15 cm tall). A real car is about 12 plate heights wide; it is drawn 6 to 7.6 wide so
// the photo shows its outline and some of the scene, not just a bumper.
func drawCar(c *canvas, r *rand.Rand, p plateSpot, hard bool) {
	ph := p.h
	body := lightCarColours[r.IntN(len(lightCarColours))]
	if hard && r.IntN(2) == 0 {
		body = darkCarColours[r.IntN(len(darkCarColours))]
	}
	front := r.IntN(2) == 0
	carW := p.w * uniform(r, 2.9, 3.8)
	cx := p.cx + carW*uniform(r, -0.03, 0.03)
	left, right := cx-carW/2, cx+carW/2

	ground := p.cy + ph*uniform(r, 2.6, 3.4)
	bumperTop := p.cy - ph*uniform(r, 0.85, 1.15)
	bumperBot := p.cy + ph*uniform(r, 1.15, 1.6)
	panelTop := p.cy - ph*uniform(r, 2.6, 3.4)
	glassTop := panelTop - ph*uniform(r, 1.9, 2.7)

	// Shadow and wheels first: the body hides their upper part.
	c.ellipse(cx, ground, carW*0.62, ph*0.45, solid(withAlpha(rgb(10, 10, 12), 0.55)))
	for _, wx := range []float64{left + carW*0.08, right - carW*0.25} {
		c.roundRect(wx, bumperBot-ph*0.6, wx+carW*0.17, ground, ph*0.25, vgrad(bumperBot, ground, rgb(40, 40, 42), rgb(12, 12, 14)))
	}

	// Roof, pillars and glass: a trapezoid of body colour with a glass trapezoid inside.
	c.polygon(vgrad(glassTop, panelTop, shade(body, 1.1), shade(body, 0.9)),
		cx-carW*0.33, glassTop-ph*0.35, cx+carW*0.33, glassTop-ph*0.35,
		right-carW*0.04, panelTop+ph*0.2, left+carW*0.04, panelTop+ph*0.2)
	glassLow, glassHigh := rgb(36, 42, 52), rgb(84, 96, 112)
	if front { // a windshield shows the sky and the cabin
		glassLow, glassHigh = rgb(60, 70, 84), rgb(140, 156, 176)
	}
	c.polygon(vgrad(glassTop, panelTop, glassHigh, glassLow),
		cx-carW*0.29, glassTop, cx+carW*0.29, glassTop,
		right-carW*0.1, panelTop, left+carW*0.1, panelTop)
	// A reflection streak across the glass.
	s := uniform(r, -0.2, 0.1) * carW
	c.polygon(solid(withAlpha(rgb(255, 255, 255), 0.1)),
		cx+s, glassTop, cx+s+carW*0.12, glassTop, cx+s-carW*0.02, panelTop, cx+s-carW*0.16, panelTop)

	// Body panel (tailgate or bonnet front) with a crease highlight.
	c.roundRect(left, panelTop, right, bumperTop+ph*0.3, ph*0.7, vgrad(panelTop, bumperTop, shade(body, 1.12), shade(body, 0.86)))
	creaseY := panelTop + (bumperTop-panelTop)*0.35
	c.rect(left+carW*0.02, creaseY, right-carW*0.02, creaseY+ph*0.06, solid(withAlpha(rgb(255, 255, 255), 0.18)))

	// Lights at the panel's sides.
	lightTop, lightBot := panelTop+ph*0.35, panelTop+ph*uniform(r, 1.0, 1.4)
	for _, side := range []float64{-1, 1} {
		outer := cx + side*carW*0.48
		inner := cx + side*carW*uniform(r, 0.3, 0.34)
		x0, x1 := math.Min(outer, inner), math.Max(outer, inner)
		lx, ly := (x0+x1)/2, (lightTop+lightBot)/2
		if front {
			c.roundRect(x0, lightTop, x1, lightBot, ph*0.3, radial(lx, ly, (x1-x0)*0.6, (lightBot-lightTop)*0.7, rgb(250, 250, 244), rgb(120, 126, 134)))
			c.ellipse(lx, ly, (lightBot-lightTop)*0.28, (lightBot-lightTop)*0.28, solid(rgb(255, 252, 236)))
		} else {
			c.roundRect(x0, lightTop, x1, lightBot, ph*0.25, radial(lx, ly, (x1-x0)*0.6, (lightBot-lightTop)*0.7, rgb(236, 60, 52), rgb(110, 8, 14)))
		}
	}
	if front {
		// Grille between the headlights, above the plate.
		gTop, gBot := lightTop, bumperTop-ph*0.05
		gx0, gx1 := cx-carW*0.24, cx+carW*0.24
		c.roundRect(gx0, gTop, gx1, gBot, ph*0.2, solid(rgb(24, 24, 28)))
		for y := gTop + ph*0.14; y < gBot-ph*0.08; y += ph * 0.22 {
			c.rect(gx0+ph*0.1, y, gx1-ph*0.1, y+ph*0.05, solid(rgb(150, 154, 160)))
		}
	} else {
		// Maker's badge above the plate.
		bx, by := cx, (lightBot+bumperTop)/2
		c.ellipse(bx, by, ph*0.35, ph*0.2, radial(bx-ph*0.1, by-ph*0.08, ph*0.4, ph*0.25, rgb(240, 240, 240), rgb(120, 122, 128)))
	}

	// Bumper, its dark lower valance, and the recess the plate sits in.
	bumper := shade(body, 0.95)
	if hard && r.IntN(3) == 0 {
		bumper = rgb(38, 38, 40) // unpainted plastic
	}
	c.roundRect(left-carW*0.005, bumperTop, right+carW*0.005, bumperBot, ph*0.5, vgrad(bumperTop, bumperBot, shade(bumper, 1.1), shade(bumper, 0.8)))
	c.rect(left+carW*0.06, bumperBot-ph*0.32, right-carW*0.06, bumperBot-ph*0.05, solid(rgb(26, 26, 28)))
	if front {
		for _, fx := range []float64{left + carW*0.12, right - carW*0.12} {
			c.ellipse(fx, bumperBot-ph*0.55, ph*0.18, ph*0.18, radial(fx, bumperBot-ph*0.55, ph*0.18, ph*0.18, rgb(240, 240, 230), rgb(90, 90, 96)))
		}
	}
	// The recess is a faint shadow: a dark ring round the plate, like a black frame, makes
	// tesseract take plate and ring for one blob and skip the serial.
	c.roundRect(p.cx-p.w*0.56, p.cy-p.h*0.62, p.cx+p.w*0.56, p.cy+p.h*0.62, p.h*0.12, solid(withAlpha(rgb(8, 8, 10), 0.15)))
}
