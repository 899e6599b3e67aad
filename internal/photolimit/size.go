package photolimit

import (
	"encoding/binary"
	"image"
	"image/color"
)

// DecodedBytes estimates, from the header alone, the memory Go's decoder allocates for the image:
// its pixels in the decoder's colour model, doubled for an interlaced PNG (each pass is decoded
// into its own image, then copied), and for a progressive JPEG the coefficients it keeps for
// every block (an int32 per coefficient, 64 per 8 × 8 block and component: four bytes a pixel and component) beside the pixels.
func DecodedBytes(data []byte, cfg image.Config, format string) int64 {
	px := int64(cfg.Width) * int64(cfg.Height)
	n := px * bytesPerPixel(cfg.ColorModel)
	switch format {
	case "png":
		if pngInterlaced(data) {
			n *= 2
		}
	case "jpeg":
		if comps, progressive := jpegFrame(data); progressive {
			n += px * int64(comps) * 4
		}
	}
	return n
}

func bytesPerPixel(m color.Model) int64 {
	switch m {
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.YCbCrModel:
		return 3 // 4:4:4, the worst case; 4:2:0 takes 1.5
	case color.RGBAModel, color.NRGBAModel, color.CMYKModel:
		return 4
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 8
}

// pngInterlaced reads the interlace method of the IHDR chunk, which follows the signature.
func pngInterlaced(b []byte) bool {
	return len(b) > 28 && string(b[12:16]) == "IHDR" && b[28] != 0
}

// jpegFrame walks the JPEG's marker segments to its frame header (SOFn) and returns its number of
// components and whether it is progressive (SOF2, SOF6, SOF10, SOF14).
func jpegFrame(b []byte) (components int, progressive bool) {
	i := 2 // after SOI
	for i+4 <= len(b) {
		if b[i] != 0xFF {
			return 0, false
		}
		m := b[i+1]
		if m == 0xFF { // fill byte
			i++
			continue
		}
		if m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01 { // markers without a length
			i += 2
			continue
		}
		size := int(binary.BigEndian.Uint16(b[i+2:]))
		if m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC {
			if i+9 < len(b) {
				components = int(b[i+9])
			}
			return components, m == 0xC2 || m == 0xC6 || m == 0xCA || m == 0xCE
		}
		i += 2 + size
	}
	return 0, false
}
