package platecrop

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"github.com/tollbooth/tollbooth/internal/plate"
	"github.com/tollbooth/tollbooth/internal/synth"
)

// BenchmarkCropRead measures the worker's share of a crop read (ReadPlateCrop): decoding the photo,
// cropping and enlarging the plate, and encoding the crop's PNG at each compression level
// (`go test -run x -bench CropRead ./internal/platecrop/`; BENCHMARKS.md).
func BenchmarkCropRead(b *testing.B) {
	samples, imgs, err := synth.Generate(synth.Options{Count: 1, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var jpg bytes.Buffer
	if err := synth.EncodeJPEG(&jpg, imgs[0], 85); err != nil {
		b.Fatal(err)
	}
	bounds := imgs[0].Bounds()
	pb := samples[0].PlateBox
	box := plate.Box{
		Left: float64(pb.Min.X) / float64(bounds.Dx()), Top: float64(pb.Min.Y) / float64(bounds.Dy()),
		Width: float64(pb.Dx()) / float64(bounds.Dx()), Height: float64(pb.Dy()) / float64(bounds.Dy()),
	}
	b.Run("decode-photo", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := image.Decode(bytes.NewReader(jpg.Bytes())); err != nil {
				b.Fatal(err)
			}
		}
	})
	photo, _, _ := image.Decode(bytes.NewReader(jpg.Bytes()))
	b.Run("crop-and-enlarge", func(b *testing.B) {
		for b.Loop() {
			Crop(photo, box)
		}
	})
	crop, _ := Crop(photo, box)
	for _, l := range []struct {
		name  string
		level png.CompressionLevel
	}{{"png-default", png.DefaultCompression}, {"png-best-speed", png.BestSpeed}, {"png-none", png.NoCompression}} {
		b.Run(l.name, func(b *testing.B) {
			var size int
			for b.Loop() {
				var buf bytes.Buffer
				if err := (&png.Encoder{CompressionLevel: l.level}).Encode(&buf, crop); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size), "bytes")
		})
	}
}
