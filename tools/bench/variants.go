package main

import (
	"encoding/binary"
	"fmt"
)

// expand makes n distinct photos from the prepared ones: photo i is prepared photo i mod len(base);
// from the second round on, a JPEG comment naming i makes its bytes, hence its SHA-256, object
// name and capture id, its own. A 10,000-photo spike then needs a few hundred generated scenes, not
// 10,000 (generating one takes about a second here), and every capture is still a distinct photo.
func expand(base []photo, n int) []photo {
	out := make([]photo, n)
	for i := range n {
		b := base[i%len(base)]
		if i >= len(base) {
			b.name = fmt.Sprintf("%s#%d", b.name, i)
			b.data = withComment(b.data, fmt.Sprintf("tollbooth bench photo %d", i))
		}
		out[i] = b
	}
	return out
}

// withComment inserts a COM segment right after the JPEG's start-of-image marker; decoders skip it.
func withComment(jpeg []byte, text string) []byte {
	seg := make([]byte, 4, 4+len(text))
	seg[0], seg[1] = 0xFF, 0xFE
	binary.BigEndian.PutUint16(seg[2:], uint16(2+len(text))) // the length counts itself
	seg = append(seg, text...)
	out := make([]byte, 0, len(jpeg)+len(seg))
	out = append(out, jpeg[:2]...) // FF D8
	out = append(out, seg...)
	return append(out, jpeg[2:]...)
}
