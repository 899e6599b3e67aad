package synth

import (
	"image"
	"math"
	"math/rand/v2"
)

// Camera effects applied to the whole photo after drawing: blur (focus and motion), a change of
// brightness and contrast (exposure, weather), and sensor noise. The photo is then JPEG-encoded,
// which adds its own blocking.

// gaussianBlur blurs img in place with a Gaussian of standard deviation sigma pixels, in
// integer arithmetic so the result is identical on every platform. Small blurs run an exact
// kernel; large ones three box blurs, whose cost does not grow with sigma.
func gaussianBlur(img *image.RGBA, sigma float64) {
	switch {
	case sigma < 0.2:
		return
	case sigma >= 2:
		for _, r := range boxRadii(sigma) {
			boxBlur(img, r)
		}
		return
	}
	radius := int(math.Ceil(3 * sigma))
	weights := make([]int32, 2*radius+1)
	fw := make([]float64, len(weights))
	var sum float64
	for i := range fw {
		d := float64(i - radius)
		fw[i] = math.Exp(-d * d / (2 * sigma * sigma))
		sum += fw[i]
	}
	const one = 1 << 16
	total := int32(0)
	for i := range weights {
		weights[i] = int32(math.Round(fw[i] / sum * one))
		total += weights[i]
	}
	weights[radius] += one - total // exact sum keeps flat areas flat

	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	// Horizontal pass into tmp (3 channels per pixel, alpha untouched). Each row is first copied
	// into a buffer padded with its edge pixels, so the inner loop needs no bounds checks.
	tmp := make([]uint8, 3*w*h)
	padded := make([]int32, 3*(w+2*radius))
	for y := 0; y < h; y++ {
		row := img.Pix[y*img.Stride:]
		for x := -radius; x < w+radius; x++ {
			sx := 4 * min(max(x, 0), w-1)
			i := 3 * (x + radius)
			padded[i], padded[i+1], padded[i+2] = int32(row[sx]), int32(row[sx+1]), int32(row[sx+2])
		}
		out := tmp[3*w*y : 3*w*(y+1)]
		for i := range out {
			var acc int32
			win := padded[i : i+3*(len(weights)-1)+1]
			for k, wt := range weights {
				acc += wt * win[3*k]
			}
			out[i] = uint8((acc + one/2) >> 16)
		}
	}
	// Vertical pass: accumulate whole weighted rows of tmp, which walks memory in order.
	acc := make([]int32, 3*w)
	for y := 0; y < h; y++ {
		clear(acc)
		for k, wt := range weights {
			sy := min(max(y+k-radius, 0), h-1)
			src := tmp[3*w*sy : 3*w*(sy+1)]
			for i, v := range src {
				acc[i] += wt * int32(v)
			}
		}
		row := img.Pix[y*img.Stride : y*img.Stride+4*w]
		for x := 0; x < w; x++ {
			row[4*x] = uint8((acc[3*x] + one/2) >> 16)
			row[4*x+1] = uint8((acc[3*x+1] + one/2) >> 16)
			row[4*x+2] = uint8((acc[3*x+2] + one/2) >> 16)
		}
	}
}

// boxRadii gives the radii of three box blurs that together approximate a Gaussian of
// standard deviation sigma (W. Jarosz, "Fast image convolutions", 2001): widths wl and wl+2, as
// many of each as brings the variance closest to sigma².
func boxRadii(sigma float64) [3]int {
	const n = 3
	wl := int(math.Sqrt(12*sigma*sigma/n + 1))
	if wl%2 == 0 {
		wl--
	}
	m := int(math.Round((12*sigma*sigma - n*float64(wl*wl) - 4*n*float64(wl) - 3*n) / (-4*float64(wl) - 4)))
	var radii [3]int
	for i := range radii {
		w := wl
		if i >= m {
			w = wl + 2
		}
		radii[i] = (w - 1) / 2
	}
	return radii
}

// boxBlur averages every pixel's colour over the (2r+1)² square around it, edges repeated, with
// running sums: a horizontal pass along each row, then a vertical one that keeps a sum per
// column and walks the rows in memory order.
func boxBlur(img *image.RGBA, r int) {
	if r <= 0 {
		return
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	n := int32(2*r + 1)
	tmp := make([]uint8, len(img.Pix))
	copy(tmp, img.Pix) // keeps alpha
	for y := 0; y < h; y++ {
		src := img.Pix[y*img.Stride : y*img.Stride+4*w]
		dst := tmp[y*img.Stride : y*img.Stride+4*w]
		for c := 0; c < 3; c++ {
			at := func(x int) int32 { return int32(src[4*min(max(x, 0), w-1)+c]) }
			var sum int32
			for x := -r; x <= r; x++ {
				sum += at(x)
			}
			for x := 0; x < w; x++ {
				dst[4*x+c] = uint8((sum + n/2) / n)
				sum += at(x+r+1) - at(x-r)
			}
		}
	}
	row := func(y int) []uint8 {
		y = min(max(y, 0), h-1)
		return tmp[y*img.Stride : y*img.Stride+4*w]
	}
	sums := make([]int32, 4*w)
	for y := -r; y <= r; y++ {
		for i, v := range row(y) {
			sums[i] += int32(v)
		}
	}
	for y := 0; y < h; y++ {
		dst := img.Pix[y*img.Stride : y*img.Stride+4*w]
		for x := 0; x < w; x++ {
			dst[4*x] = uint8((sums[4*x] + n/2) / n)
			dst[4*x+1] = uint8((sums[4*x+1] + n/2) / n)
			dst[4*x+2] = uint8((sums[4*x+2] + n/2) / n)
		}
		in, out := row(y+r+1), row(y-r)
		for i := range sums {
			sums[i] += int32(in[i]) - int32(out[i])
		}
	}
}

// tone maps every channel through v' = (v-128)*contrast + 128 + brightness, with a slight
// per-channel gain for the camera's white balance.
func tone(img *image.RGBA, contrast, brightness float64, gain [3]float64) {
	var lut [3][256]uint8
	for c := range lut {
		for v := range lut[c] {
			lut[c][v] = clampByte(((float64(v)-128)*contrast + 128 + brightness) * gain[c])
		}
	}
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i] = lut[0][img.Pix[i]]
		img.Pix[i+1] = lut[1][img.Pix[i+1]]
		img.Pix[i+2] = lut[2][img.Pix[i+2]]
	}
}

// normals is a fixed table of standard normal values; noise indexes it with random bits, which
// is much cheaper than drawing three normals per pixel and just as noisy to the eye and to OCR.
var normals = func() [1 << 12]float32 {
	var t [1 << 12]float32
	r := rand.New(rand.NewPCG(0x6e6f697365, 0x7461626c65))
	for i := range t {
		t[i] = float32(r.NormFloat64())
	}
	return t
}()

// addNoise adds sensor noise of standard deviation sigma: mostly luminance (shared by the
// three channels), with a little independent colour noise.
func addNoise(img *image.RGBA, r *rand.Rand, sigma float64) {
	if sigma <= 0 {
		return
	}
	luma, chroma := float32(sigma), float32(sigma*0.35)
	const mask = 1<<12 - 1
	for i := 0; i < len(img.Pix); i += 4 {
		bits := r.Uint64()
		l := normals[bits&mask] * luma
		for k := 0; k < 3; k++ {
			n := l + normals[(bits>>(12*(k+1)))&mask]*chroma
			img.Pix[i+k] = clampByte(float64(float32(img.Pix[i+k]) + n))
		}
	}
}
