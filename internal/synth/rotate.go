package synth

import (
	"image"
	"math"
)

// compositeTilted draws src over dst centred at (cx, cy), rotated by angle (radians, clockwise
// on screen since y points down) and sheared horizontally by shear (x' = x + shear*y, the lean
// of a plate seen slightly from above or the side). It returns the box of dst it touched.
//
// Each destination pixel maps back through the inverse transform and samples src bilinearly in
// premultiplied RGBA, so edges come out anti-aliased and the text stays smooth.
func compositeTilted(dst, src *image.RGBA, cx, cy, angle, shear float64) image.Rectangle {
	sb := src.Bounds()
	scx, scy := float64(sb.Dx())/2, float64(sb.Dy())/2
	cos, sin := math.Cos(angle), math.Sin(angle)
	// Forward: p = c + R * S * q with S = [1 shear; 0 1], R = [cos -sin; sin cos].
	a, b := cos, cos*shear-sin
	cc, d := sin, sin*shear+cos
	det := a*d - b*cc // = 1: rotation and shear both keep area
	ia, ib, ic, id := d/det, -b/det, -cc/det, a/det

	// Destination box: the transformed corners of src.
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, q := range [][2]float64{{-scx, -scy}, {scx, -scy}, {scx, scy}, {-scx, scy}} {
		x, y := cx+a*q[0]+b*q[1], cy+cc*q[0]+d*q[1]
		minX, maxX = math.Min(minX, x), math.Max(maxX, x)
		minY, maxY = math.Min(minY, y), math.Max(maxY, y)
	}
	box := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY)))
	box = box.Intersect(dst.Bounds())

	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			px, py := float64(x)+0.5-cx, float64(y)+0.5-cy
			u := ia*px + ib*py + scx - 0.5
			v := ic*px + id*py + scy - 0.5
			s := sampleRGBA(src, u, v)
			if s[3] == 0 {
				continue
			}
			i := dst.PixOffset(x, y)
			px4 := dst.Pix[i : i+4 : i+4]
			inv := 255 - s[3]
			for k := 0; k < 4; k++ {
				px4[k] = uint8(min(255, s[k]+(uint32(px4[k])*inv+127)/255))
			}
		}
	}
	return box
}

// sampleRGBA reads premultiplied src bilinearly at (u, v) in pixel-centre coordinates; outside
// is transparent, which fades the plate's edges into the background.
func sampleRGBA(src *image.RGBA, u, v float64) [4]uint32 {
	fu, fv := math.Floor(u), math.Floor(v)
	iu, iv := int(fu), int(fv)
	tu, tv := u-fu, v-fv
	w := [4]float64{(1 - tu) * (1 - tv), tu * (1 - tv), (1 - tu) * tv, tu * tv}
	pts := [4]image.Point{{iu, iv}, {iu + 1, iv}, {iu, iv + 1}, {iu + 1, iv + 1}}
	var acc [4]float64
	for j, p := range pts {
		if !p.In(src.Rect) || w[j] == 0 {
			continue
		}
		i := src.PixOffset(p.X, p.Y)
		for k := 0; k < 4; k++ {
			acc[k] += w[j] * float64(src.Pix[i+k])
		}
	}
	var out [4]uint32
	for k := range out {
		out[k] = uint32(acc[k] + 0.5)
	}
	return out
}
