package platecrop

import (
	"fmt"
	"image"
	"io"
	"math"

	"golang.org/x/image/draw"
)

// WriteANSI draws img in a terminal at most cols characters wide, with 24-bit colour half blocks
// (each character cell shows two pixels, one above the other), so `starter review show` puts the
// plate in front of a reviewer who works in a shell.
func WriteANSI(w io.Writer, img image.Image, cols int) error {
	b := img.Bounds()
	if b.Empty() || cols <= 0 {
		return nil
	}
	width := min(cols, b.Dx())
	height := max(2, int(math.Round(float64(b.Dy())*float64(width)/float64(b.Dx()))))
	height += height % 2
	small := image.NewRGBA(image.Rect(0, 0, width, height))
	draw.ApproxBiLinear.Scale(small, small.Bounds(), img, b, draw.Src, nil)
	for y := 0; y < height; y += 2 {
		for x := 0; x < width; x++ {
			top, bottom := small.RGBAAt(x, y), small.RGBAAt(x, y+1)
			if _, err := fmt.Fprintf(w, "\x1b[38;2;%d;%d;%dm\x1b[48;2;%d;%d;%dm▀", top.R, top.G, top.B, bottom.R, bottom.G, bottom.B); err != nil {
				return err
			}
		}
		if _, err := io.WriteString(w, "\x1b[0m\n"); err != nil {
			return err
		}
	}
	return nil
}
