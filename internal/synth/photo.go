package synth

import (
	"image"
	"math"
	"math/rand/v2"
)

// photoRand is the random source of photo i: a PCG stream keyed by the seed and the index, so a
// photo does not depend on how many came before it and photos can be drawn in parallel.
func photoRand(seed int64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), uint64(i)*0x9e3779b97f4a7c15+0x73796e7468))
}

// renderPhoto draws photo i of opts (which has its defaults filled in).
func renderPhoto(opts Options, i int) (Sample, *image.RGBA, error) {
	r := photoRand(opts.Seed, i)
	hard := opts.isHard(i)
	W, H := float64(opts.Width), float64(opts.Height)
	scale := W / DefaultWidth // blur and noise are tuned for the default width

	g := pickRegion(r)
	plate, shown := plateText(r, g)

	// Plate size and place. Easy plates are 20-35% of the photo's width; hard ones 13-18%, a car
	// further away. The plate stays inside the photo with a margin for tilt and frame.
	frac := uniform(r, 0.20, 0.35)
	if hard {
		frac = uniform(r, 0.13, 0.18)
	}
	pw := math.Min(frac*W, 0.8*H*2) // very tall-narrow photos: keep the plate's height inside
	spot := plateSpot{w: pw, h: pw / 2}
	spot.cx = W/2 + uniform(r, -1, 1)*math.Max(0, W/2-pw*0.75)*0.6
	spot.cy = H * uniform(r, 0.55, 0.72)
	spot.cy = math.Min(spot.cy, H-spot.h*0.9)

	img := image.NewRGBA(image.Rect(0, 0, opts.Width, opts.Height))
	c := newCanvas(img)
	drawScene(c, r, spot, hard)

	look := choosePlateLook(r, g, shown, spot.w, hard)
	plateImg, err := renderPlate(look)
	if err != nil {
		return Sample{}, nil, err
	}
	// Tilt: a few degrees for easy photos; hard ones often lean strongly.
	tilt := uniform(r, -3, 3)
	shear := uniform(r, -0.06, 0.06)
	if hard && r.IntN(2) == 0 {
		tilt = uniform(r, 8, 15) * float64(1-2*r.IntN(2))
		shear = uniform(r, 0.1, 0.25) * float64(1-2*r.IntN(2))
	}
	// The frame's wide bottom bar moves the plate's centre up within the frame image.
	frameShift := 0.0
	if look.dealer != "" {
		frameShift = (frameBottom - frameTop) * spot.h / 2
	}
	box := compositeTilted(img, plateImg, spot.cx, spot.cy+frameShift, tilt*math.Pi/180, shear)

	if hard && r.IntN(2) == 0 {
		coverPlate(c, r, spot)
	}

	// Camera: focus, exposure, noise.
	blur := uniform(r, 0.4, 0.9) * scale
	contrast, brightness := uniform(r, 0.85, 1.1), uniform(r, -20, 20)
	noise := uniform(r, 2, 6)
	if hard {
		// Heavy blur, scaled with the plate so the serial is smeared alike at every plate size.
		blur = uniform(r, 2.4, 3.4) * scale * (pw / (0.155 * W))
		contrast, brightness = uniform(r, 0.28, 0.42), uniform(r, -45, 35)
		// Light noise: strong noise on a flat, blurred photo makes tesseract's --psm 6 take
		// seconds per photo and adds nothing to the difficulty.
		noise = uniform(r, 2, 4)
	}
	gain := [3]float64{uniform(r, 0.94, 1.06), uniform(r, 0.96, 1.04), uniform(r, 0.94, 1.06)}
	gaussianBlur(img, blur)
	tone(img, contrast, brightness, gain)
	addNoise(img, r, noise)

	return Sample{
		File:     FileName(i),
		Plate:    plate,
		Shown:    shown,
		Region:   g.code,
		Header:   look.header,
		Hard:     hard,
		Quality:  70 + r.IntN(23),
		PlateBox: box,
	}, img, nil
}

// coverPlate hides part of the plate the way real photos do: a tow-hitch ball, a bike-rack bar,
// or a smear of mud or snow.
func coverPlate(c *canvas, r *rand.Rand, p plateSpot) {
	switch r.IntN(3) {
	case 0: // tow hitch: a bar up from below with a chrome ball in front of the serial
		bx := p.cx + p.w*uniform(r, -0.15, 0.15)
		by := p.cy + p.h*uniform(r, 0.05, 0.25)
		c.rect(bx-p.w*0.05, by, bx+p.w*0.05, p.cy+p.h*1.6, solid(rgb(30, 30, 32)))
		rad := p.h * uniform(r, 0.3, 0.4)
		c.ellipse(bx, by, rad, rad, radial(bx-rad/3, by-rad/3, rad*1.5, rad*1.5, rgb(240, 240, 240), rgb(70, 72, 78)))
	case 1: // bike rack: a dark tube across the serial
		y := p.cy + p.h*uniform(r, -0.1, 0.15)
		t := p.h * uniform(r, 0.16, 0.24)
		slope := uniform(r, -0.08, 0.08) * p.w
		c.polygon(vgrad(y-t, y+t, rgb(70, 70, 74), rgb(14, 14, 16)),
			p.cx-p.w*0.8, y-t/2-slope, p.cx+p.w*0.8, y-t/2+slope,
			p.cx+p.w*0.8, y+t/2+slope, p.cx-p.w*0.8, y+t/2-slope)
	default: // mud or snow over one side
		col := rgb(96, 74, 50)
		if r.IntN(2) == 0 {
			col = rgb(236, 238, 242)
		}
		side := float64(1 - 2*r.IntN(2))
		for k := 0; k < 6; k++ {
			x := p.cx + side*p.w*uniform(r, 0.1, 0.45)
			y := p.cy + p.h*uniform(r, -0.3, 0.35)
			c.ellipse(x, y, p.w*uniform(r, 0.06, 0.14), p.h*uniform(r, 0.12, 0.25), solid(withAlpha(col, uniform(r, 0.6, 0.9))))
		}
	}
}
