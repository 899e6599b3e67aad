package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/photolimit/bombs"
	"github.com/tollbooth/tollbooth/internal/synth"
)

// booth is the booth every photo of the suite comes from (one of the local stack's booths).
const booth = "north-01"

// photo is one photo of the suite: where it is stored, what it shows, and which fault it met.
type photo struct {
	Fault  string // the fault's short name
	N      int    // its number within the fault
	Object string // object name in the photo bucket
	ID     string // capture id
	Plate  string // the synthetic truth, which the suite's reviewer enters
	Poison bool   // a decompression bomb or not an image: must end failed_input
	Body   []byte
	Ext    string
}

func (p photo) label() string { return fmt.Sprintf("%s#%d (capture %s)", p.Fault, p.N, p.ID) }

// pool hands out distinct photos: synthetic ones drawn once at start, poison ones made on demand,
// each with its own capture time, so every photo of the run is its own object and capture.
type pool struct {
	bucket  string
	samples []synth.Sample
	jpegs   [][]byte
	next    int
	clock   time.Time
}

// newPool draws n synthetic photos (easy ones: the reviewer's load is not what is tested).
func newPool(bucket string, n int, seed int64) (*pool, error) {
	samples, imgs, err := synth.Generate(synth.Options{Count: n, Seed: seed})
	if err != nil {
		return nil, err
	}
	jpegs := make([][]byte, len(imgs))
	for i, img := range imgs {
		var buf bytes.Buffer
		if err := synth.EncodeJPEG(&buf, img, samples[i].Quality); err != nil {
			return nil, err
		}
		jpegs[i] = buf.Bytes()
	}
	return &pool{bucket: bucket, samples: samples, jpegs: jpegs, clock: time.Now().UTC().Truncate(time.Second)}, nil
}

// take returns n real photos for a fault.
func (p *pool) take(fault string, n int) ([]photo, error) {
	if p.next+n > len(p.jpegs) {
		return nil, fmt.Errorf("the pool holds %d photos; %d more were asked for", len(p.jpegs), p.next+n-len(p.jpegs))
	}
	out := make([]photo, n)
	for i := range n {
		s := p.samples[p.next]
		out[i] = p.make(fault, i, p.jpegs[p.next], "jpg")
		out[i].Plate = s.Plate
		p.next++
	}
	return out, nil
}

// poison returns n photos that must be refused: valid PNG and JPEG files whose headers declare
// 30,000 × 30,000 pixels (900 MB decoded), and files that are not images at all.
func (p *pool) poison(fault string, first, n int) []photo {
	out := make([]photo, n)
	for i := range n {
		var body []byte
		ext := "jpg"
		switch i % 3 {
		case 0:
			body, ext = bombs.PNG(30000, 30000), "png"
		case 1:
			body = bombs.JPEG(30000, 30000, i%2 == 0)
		default:
			body = []byte(fmt.Sprintf("not a photo: a camera's error page %d\n", i))
		}
		// Bombs of one kind are byte-identical; the capture time keeps their objects apart.
		out[i] = p.make(fault, first+i, body, ext)
		out[i].Poison = true
	}
	return out
}

func (p *pool) make(fault string, n int, body []byte, ext string) photo {
	p.clock = p.clock.Add(time.Second)
	sum := sha256.Sum256(body)
	object := capture.ObjectName(booth, p.clock, hex.EncodeToString(sum[:]), ext)
	return photo{Fault: fault, N: n, Object: object, ID: capture.ID(p.bucket, object), Body: body, Ext: ext}
}
