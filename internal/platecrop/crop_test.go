package platecrop

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/tollbooth/tollbooth/internal/plate"
)

func TestCropEnlargesTheBoxWithAMargin(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	// A white 80×20 "plate" at (100, 200), on black.
	for y := 200; y < 220; y++ {
		for x := 100; x < 180; x++ {
			img.Set(x, y, color.White)
		}
	}
	box := plate.Box{Left: 100.0 / 400, Top: 200.0 / 300, Width: 80.0 / 400, Height: 20.0 / 300}
	crop, ok := Crop(img, box)
	if !ok {
		t.Fatal("no crop")
	}
	// 20 px tall plate + 2×5 px margin = 30 px, enlarged 4× (the cap) = 120 px.
	if got := crop.Bounds(); got.Dx() != (80+10)*4 || got.Dy() != 30*4 {
		t.Fatalf("crop is %v, want %dx%d", got, 90*4, 30*4)
	}
	// The centre is plate, the corner is the margin's background.
	if r, _, _, _ := crop.At(crop.Bounds().Dx()/2, crop.Bounds().Dy()/2).RGBA(); r < 0xf000 {
		t.Errorf("centre of the crop is not the plate: %v", crop.At(180, 60))
	}
	if r, _, _, _ := crop.At(1, 1).RGBA(); r > 0x1000 {
		t.Errorf("corner of the crop is not the margin: %v", crop.At(1, 1))
	}
}

func TestCropIsDeterministicAndClipped(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 64, 64))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	box := plate.Box{Left: 0.8, Top: 0.8, Width: 0.5, Height: 0.5} // runs off the image
	a, ok := Crop(img, box)
	if !ok {
		t.Fatal("no crop")
	}
	if a.Bounds().Dx() == 0 || a.Bounds().Dy() == 0 {
		t.Fatalf("empty crop %v", a.Bounds())
	}
	b, _ := Crop(img, box)
	pa, _ := PNG(a)
	pb, _ := PNG(b)
	if !bytes.Equal(pa, pb) {
		t.Error("the same photo and box gave different crop bytes")
	}
	if _, ok := Crop(img, plate.Box{Left: 2, Top: 2, Width: 0.1, Height: 0.1}); ok {
		t.Error("a box outside the image gave a crop")
	}
}

func TestWriteANSIDrawsTwoPixelsPerCell(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for x := 0; x < 4; x++ {
		img.Set(x, 0, color.RGBA{255, 0, 0, 255})
		img.Set(x, 1, color.RGBA{0, 0, 255, 255})
	}
	var buf bytes.Buffer
	if err := WriteANSI(&buf, img, 4); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if n := bytes.Count(buf.Bytes(), []byte("\n")); n != 2 {
		t.Errorf("%d rows, want 2 (4 pixels tall, two per cell)", n)
	}
	if !bytes.Contains([]byte(out), []byte("\x1b[38;2;255;0;0m\x1b[48;2;0;0;255m▀")) {
		t.Errorf("the first row is not red over blue: %q", out)
	}
}

// The crop sent to Vision has exactly the pixels of the compressed one: only the encoding differs.
func TestVisionPNGHoldsThePixelsOfPNG(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 64, 24))
	for y := range 24 {
		for x := range 64 {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 10), uint8(x ^ y), 255})
		}
	}
	small, err := PNG(img)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := VisionPNG(img)
	if err != nil {
		t.Fatal(err)
	}
	a, err := png.Decode(bytes.NewReader(small))
	if err != nil {
		t.Fatal(err)
	}
	b, err := png.Decode(bytes.NewReader(stored))
	if err != nil {
		t.Fatal(err)
	}
	for y := range 24 {
		for x := range 64 {
			if a.At(x, y) != b.At(x, y) {
				t.Fatalf("pixel %d,%d differs: %v vs %v", x, y, a.At(x, y), b.At(x, y))
			}
		}
	}
	if len(stored) <= len(small) {
		t.Errorf("the stored encoding (%d bytes) is not the uncompressed one (the compressed is %d)", len(stored), len(small))
	}
}
