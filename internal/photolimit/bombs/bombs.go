// Package bombs makes decompression bombs for tests: small, valid image files whose headers
// declare a huge canvas.
package bombs

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"runtime"
)

// PNG is a valid 8-bit greyscale PNG of width × height black pixels: every row is there,
// deflated (30,000 × 30,000 is about 0.9 MB of file for 900 MB of pixels). Every row of a black
// greyscale image is zeros (filter byte 0, then the pixels), so the compressed data is made
// without deflating 900 MB: one chunk of zeros compressed against a window of zeros is a block
// that only refers back to zeros, and repeats verbatim (see zeros).
func PNG(width, height int) []byte {
	var out bytes.Buffer
	out.Write(PNGHeader(width, height))
	chunk(&out, "IDAT", zeros(int64(height)*int64(width+1)))
	chunk(&out, "IEND", nil)
	return out.Bytes()
}

// zeros is the zlib stream of n zero bytes: a first block compressed from nothing, then the same
// block of zeroChunk zeros as often as needed, each ended by a sync flush (so byte-aligned and
// position-independent), then an empty final block and the Adler-32 of n zeros.
func zeros(n int64) []byte {
	const zeroChunk = 1 << 20
	first := n % zeroChunk
	if first == 0 && n > 0 {
		first = zeroChunk
	}
	var out bytes.Buffer
	out.Write([]byte{0x78, 0xDA}) // zlib header: deflate, 32 KiB window, best compression
	w, _ := flate.NewWriter(&out, flate.BestCompression)
	_, _ = w.Write(make([]byte, first))
	_ = w.Flush()
	var block bytes.Buffer
	wd, _ := flate.NewWriterDict(&block, flate.BestCompression, make([]byte, 32<<10))
	_, _ = wd.Write(make([]byte, zeroChunk))
	_ = wd.Flush()
	for range (n - first) / zeroChunk {
		out.Write(block.Bytes())
	}
	out.Write([]byte{0x01, 0x00, 0x00, 0xFF, 0xFF}) // final stored block, empty
	// Adler-32 of n zeros: A stays 1, B adds A once per byte.
	_ = binary.Write(&out, binary.BigEndian, uint32(n%65521)<<16|1)
	return out.Bytes()
}

// PNGHeader is only the signature and the header chunk of such a PNG: what DecodeConfig reads.
func PNGHeader(width, height int) []byte {
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, 0
	chunk(&out, "IHDR", ihdr)
	return out.Bytes()
}

func chunk(w *bytes.Buffer, kind string, data []byte) {
	_ = binary.Write(w, binary.BigEndian, uint32(len(data)))
	w.WriteString(kind)
	w.Write(data)
	crc := crc32.NewIEEE()
	crc.Write([]byte(kind))
	crc.Write(data)
	_ = binary.Write(w, binary.BigEndian, crc.Sum32())
}

// JPEG is a small real JPEG whose frame header is rewritten to claim width × height pixels (at
// most 65,535 each): its header is valid, its scan holds the pixels of a 16 × 16 image. Go's
// decoder allocates the whole claimed canvas before it finds the data short.
func JPEG(width, height int, progressive bool) []byte {
	var buf bytes.Buffer
	_ = jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 16, 16)), &jpeg.Options{Quality: 90})
	b := buf.Bytes()
	for i := 2; i+9 < len(b); {
		m := b[i+1]
		size := int(binary.BigEndian.Uint16(b[i+2:]))
		if m == 0xC0 { // SOF0: length, precision, height, width
			binary.BigEndian.PutUint16(b[i+5:], uint16(height))
			binary.BigEndian.PutUint16(b[i+7:], uint16(width))
			if progressive {
				b[i+1] = 0xC2
			}
			return b
		}
		i += 2 + size
	}
	panic("bombs: no SOF0 in Go's JPEG")
}

// Allocated runs f and returns the bytes the program allocated meanwhile: a refused bomb must
// cost almost nothing.
func Allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
