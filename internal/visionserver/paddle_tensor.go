package visionserver

import (
	"image"
	"image/draw"

	xdraw "golang.org/x/image/draw"
)

// toRGBA copies a decoded photo into RGBA pixels with its origin at 0,0, the one layout the
// resizing and tensor code below reads; JPEG's YCbCr converts on a fast path.
func toRGBA(src image.Image) *image.RGBA {
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Bounds(), src, b.Min, draw.Src)
	return dst
}

// stretchedGray is the photo in grey with its brightness stretched (see stretchContrast), as
// RGBA.
func stretchedGray(src image.Image) *image.RGBA {
	g := toGray(src)
	stretchContrast(g)
	return toRGBA(g)
}

// resized scales the part r of src to w×h pixels (bilinear).
func resized(src *image.RGBA, r image.Rectangle, w, h int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if r.Dx() == w && r.Dy() == h {
		draw.Draw(dst, dst.Bounds(), src, r.Min, draw.Src)
		return dst
	}
	xdraw.BiLinear.Scale(dst, dst.Bounds(), src, r, xdraw.Src, nil)
	return dst
}

// channelNorm maps an 8-bit channel value v to the model's input: (v/255 − mean) / std.
type channelNorm struct{ mean, std float32 }

// PaddleOCR feeds its models BGR images (OpenCV's order), so the norms are given blue first.
var (
	detNorms = [3]channelNorm{{0.485, 0.229}, {0.456, 0.224}, {0.406, 0.225}}
	recNorms = [3]channelNorm{{0.5, 0.5}, {0.5, 0.5}, {0.5, 0.5}}
)

// writeCHW writes img into dst as planar B, G, R float channels of width stride (dst holds
// 3×height×stride values; columns past img's width are left as they are, the caller's padding).
func writeCHW(dst []float32, img *image.RGBA, stride int, norms [3]channelNorm) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	plane := h * stride
	var lut [3][256]float32
	for c, n := range norms {
		for v := range 256 {
			lut[c][v] = (float32(v)/255 - n.mean) / n.std
		}
	}
	for y := range h {
		row := img.Pix[y*img.Stride:]
		for x := range w {
			r, g, b := row[4*x], row[4*x+1], row[4*x+2]
			i := y*stride + x
			dst[i] = lut[0][b]
			dst[plane+i] = lut[1][g]
			dst[2*plane+i] = lut[2][r]
		}
	}
}
