package platefind

import (
	"image"
	"testing"
)

func TestHit(t *testing.T) {
	truth := image.Rect(100, 100, 300, 200) // 200×100, centre (200,150)
	for _, c := range []struct {
		name  string
		found image.Rectangle
		want  bool
	}{
		{"the same box", truth, true},
		{"shifted by a fifth", truth.Add(image.Pt(40, 20)), true},
		{"the plate inside a frame-and-tilt truth", image.Rect(130, 110, 270, 180), true},
		{"a small box on the centre", image.Rect(190, 140, 210, 160), true},
		{"a box on the centre reaching past the enlarged truth", image.Rect(190, 140, 360, 160), false},
		{"a small box off the centre", image.Rect(110, 110, 150, 130), false},
		{"elsewhere in the photo", image.Rect(500, 500, 700, 600), false},
		{"twice the size around the plate", image.Rect(0, 50, 400, 250), false},
		{"an empty box", image.Rectangle{}, false},
	} {
		if got := Hit(c.found, truth); got != c.want {
			t.Errorf("%s: Hit(%v, %v) = %v, want %v (IoU %.2f)", c.name, c.found, truth, got, c.want, IoU(c.found, truth))
		}
	}
}
