package visionserver

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Manifest scripts the fixture engine: what text each image holds, how slow the service is and
// which faults it injects. Benchmarks and fault tests build one in Go and save it with
// WriteManifest; the server loads it with -engine fixture -fixtures PATH.
type Manifest struct {
	// LatencyMS and JitterMS: each image takes LatencyMS ± JitterMS (uniform) to annotate.
	LatencyMS int `json:"latency_ms"`
	JitterMS  int `json:"jitter_ms"`
	// UnavailableRate is the fraction (0..1) of RPCs that fail with gRPC UNAVAILABLE.
	UnavailableRate float64 `json:"unavailable_rate"`
	// FailFirst makes the first N requests for each image fail with gRPC UNAVAILABLE, so a
	// caller's retry policy is exercised deterministically.
	FailFirst int `json:"fail_first"`
	// Seed seeds the random jitter and UnavailableRate draws; 0 means seed 1, so runs repeat.
	Seed uint64 `json:"seed,omitempty"`
	// Default answers images that have no entry.
	Default FixtureEntry `json:"default"`
	// Entries maps ImageKey(image bytes), a lowercase SHA-256 hex, to the image's answer.
	Entries map[string]FixtureEntry `json:"entries"`
}

// FixtureEntry is the answer for one image.
type FixtureEntry struct {
	// Text is the whole text; when Lines is empty, Text split at "\n" gives the lines.
	Text string `json:"text"`
	// Confidence (0..1) is given to every word.
	Confidence float64 `json:"confidence"`
	// Lines, when set, are the text lines in reading order, e.g. ["CALIFORNIA", "7ABC123"].
	Lines []string `json:"lines,omitempty"`
	// Error, when set, is a gRPC code name (e.g. "INVALID_ARGUMENT") returned as this image's
	// per-image error instead of text.
	Error string `json:"error,omitempty"`
	// ErrorMessage overrides the per-image error message.
	ErrorMessage string `json:"error_message,omitempty"`
	// PlateBox is where OBJECT_LOCALIZATION finds the licence plate, normalized to 0..1 of the
	// image: [left, top, width, height]. Unset, the plate is the box around the laid-out lines
	// (a fixture's text stands for a plate's); NoPlate answers no plate at all.
	PlateBox *[4]float64 `json:"plate_box,omitempty"`
	NoPlate  bool        `json:"no_plate,omitempty"`
}

// ImageKey is the manifest key for an image: the lowercase hex SHA-256 of its bytes, the same
// digest tollbooth records for every photo.
func ImageKey(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// LoadManifest reads and validates a manifest file.
func LoadManifest(path string) (*Manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read fixture manifest (pass an existing JSON file with -fixtures): %w", err)
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("parse fixture manifest %s (see visionserver.Manifest for the fields): %w", path, err)
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("fixture manifest %s: %w", path, err)
	}
	return &m, nil
}

// WriteManifest validates m and writes it to path atomically (temporary file, then rename), so a
// server started concurrently never reads half a manifest.
func WriteManifest(path string, m *Manifest) error {
	if err := m.Validate(); err != nil {
		return err
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".manifest-*.json")
	if err != nil {
		return fmt.Errorf("write fixture manifest: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("write fixture manifest: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write fixture manifest: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write fixture manifest: %w", err)
	}
	return nil
}

// Validate reports the first field out of range, saying how to fix it.
func (m *Manifest) Validate() error {
	switch {
	case m.LatencyMS < 0 || m.JitterMS < 0:
		return fmt.Errorf("latency_ms and jitter_ms must be >= 0, got %d and %d", m.LatencyMS, m.JitterMS)
	case m.JitterMS > m.LatencyMS:
		return fmt.Errorf("jitter_ms (%d) must not exceed latency_ms (%d), or latency could go negative", m.JitterMS, m.LatencyMS)
	case m.UnavailableRate < 0 || m.UnavailableRate > 1:
		return fmt.Errorf("unavailable_rate must be a fraction in 0..1, got %v", m.UnavailableRate)
	case m.FailFirst < 0:
		return fmt.Errorf("fail_first must be >= 0, got %d", m.FailFirst)
	}
	if err := m.Default.validate(); err != nil {
		return fmt.Errorf("default: %w", err)
	}
	for key, e := range m.Entries {
		if len(key) != sha256.Size*2 || strings.ToLower(key) != key {
			return fmt.Errorf("entry %q: keys must be the lowercase hex SHA-256 of the image bytes (visionserver.ImageKey)", key)
		}
		if _, err := hex.DecodeString(key); err != nil {
			return fmt.Errorf("entry %q: keys must be the lowercase hex SHA-256 of the image bytes (visionserver.ImageKey)", key)
		}
		if err := e.validate(); err != nil {
			return fmt.Errorf("entry %s: %w", key, err)
		}
	}
	return nil
}

func (e FixtureEntry) validate() error {
	if e.Confidence < 0 || e.Confidence > 1 {
		return fmt.Errorf("confidence must be in 0..1, got %v", e.Confidence)
	}
	if b := e.PlateBox; b != nil {
		if b[0] < 0 || b[1] < 0 || b[2] <= 0 || b[3] <= 0 || b[0]+b[2] > 1 || b[1]+b[3] > 1 {
			return fmt.Errorf("plate_box %v must be [left, top, width, height] within 0..1 of the image", *b)
		}
		if e.NoPlate {
			return fmt.Errorf("plate_box and no_plate contradict each other; set one")
		}
	}
	if e.Error != "" {
		if _, err := parseCode(e.Error); err != nil {
			return err
		}
	}
	return nil
}

// parseCode reads a gRPC code name such as "INVALID_ARGUMENT".
func parseCode(name string) (codes.Code, error) {
	var c codes.Code
	if err := c.UnmarshalJSON([]byte(`"` + strings.ToUpper(name) + `"`)); err != nil || c == codes.OK {
		return 0, fmt.Errorf("error %q is not a gRPC code name; use e.g. INVALID_ARGUMENT, NOT_FOUND or INTERNAL", name)
	}
	return c, nil
}

// lines returns the entry's text lines.
func (e FixtureEntry) lines() []string {
	src := e.Lines
	if len(src) == 0 && e.Text != "" {
		src = strings.Split(e.Text, "\n")
	}
	var out []string
	for _, l := range src {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// FixtureEngine answers from a Manifest. It is safe for concurrent use.
type FixtureEngine struct {
	m *Manifest

	mu       sync.Mutex
	rng      *rand.Rand
	attempts map[string]int // image key → requests seen, for fail_first
}

// NewFixtureEngine answers from m; validate m first (LoadManifest and WriteManifest do).
func NewFixtureEngine(m *Manifest) *FixtureEngine {
	seed := m.Seed
	if seed == 0 {
		seed = 1
	}
	return &FixtureEngine{m: m, rng: rand.New(rand.NewPCG(seed, seed)), attempts: map[string]int{}}
}

// Name is "fixture".
func (f *FixtureEngine) Name() string { return "fixture" }

// RPCFault fails an RPC with UNAVAILABLE at the manifest's unavailable_rate.
func (f *FixtureEngine) RPCFault() error {
	if f.m.UnavailableRate <= 0 {
		return nil
	}
	f.mu.Lock()
	hit := f.rng.Float64() < f.m.UnavailableRate
	f.mu.Unlock()
	if hit {
		return status.Error(codes.Unavailable, "fixture: injected outage (unavailable_rate); retry with backoff")
	}
	return nil
}

// Annotate looks the image up by SHA-256, applies fail_first and latency, then returns the
// entry's lines laid out over the image.
func (f *FixtureEngine) Annotate(ctx context.Context, img Image, _ Mode) (*Result, error) {
	key := ImageKey(img.Bytes)
	entry, ok := f.m.Entries[key]
	if !ok {
		entry = f.m.Default
	}

	f.mu.Lock()
	attempt := f.attempts[key]
	f.attempts[key]++
	delay := f.latency()
	f.mu.Unlock()

	if attempt < f.m.FailFirst {
		return nil, status.Errorf(codes.Unavailable, "fixture: injected failure %d of %d for this image (fail_first); retry", attempt+1, f.m.FailFirst)
	}
	if delay > 0 {
		t := time.NewTimer(delay)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-t.C:
		}
	}
	if entry.Error != "" {
		code, _ := parseCode(entry.Error)
		msg := entry.ErrorMessage
		if msg == "" {
			msg = "fixture: injected " + codeName(code) + " for this image"
			if code == codes.InvalidArgument {
				msg = badImageData
			}
		}
		return nil, ImageError(code, "%s", msg)
	}
	b := img.Decoded.Bounds()
	return layoutLines(entry.lines(), float32(entry.Confidence), b.Dx(), b.Dy()), nil
}

// LocatePlates answers OBJECT_LOCALIZATION from the image's entry (see FixtureEntry.PlateBox). The
// text request that comes with it has already applied the entry's latency and faults.
func (f *FixtureEngine) LocatePlates(_ context.Context, img Image) ([]FoundPlate, error) {
	entry, ok := f.m.Entries[ImageKey(img.Bytes)]
	if !ok {
		entry = f.m.Default
	}
	b := img.Decoded.Bounds()
	switch {
	case entry.NoPlate || entry.Error != "":
		return nil, nil
	case entry.PlateBox != nil:
		p := *entry.PlateBox
		w, h := float64(b.Dx()), float64(b.Dy())
		r := image.Rect(int(p[0]*w), int(p[1]*h), int((p[0]+p[2])*w), int((p[1]+p[3])*h)).Add(b.Min)
		return []FoundPlate{{Box: r, Score: 0.9}}, nil
	}
	var box image.Rectangle
	for _, bl := range layoutLines(entry.lines(), 0, b.Dx(), b.Dy()).Blocks {
		for _, p := range bl.Paragraphs {
			for _, l := range p.Lines {
				for _, w := range l.Words {
					box = box.Union(w.Box)
				}
			}
		}
	}
	if box.Empty() {
		return nil, nil
	}
	return []FoundPlate{{Box: box.Add(b.Min), Score: 0.9}}, nil
}

// latency draws one image's delay; the caller holds f.mu (the generator is not goroutine-safe).
func (f *FixtureEngine) latency() time.Duration {
	ms := f.m.LatencyMS
	if f.m.JitterMS > 0 {
		ms += f.rng.IntN(2*f.m.JitterMS+1) - f.m.JitterMS
	}
	return time.Duration(ms) * time.Millisecond
}

// layoutLines invents plausible boxes for fixture text: lines stacked down the middle of the
// image, each its own block (as Vision usually splits a plate's state name from its number),
// words as wide as their characters. Consumers that measure text height get the same answer for
// every line, which is all a fixture can promise.
func layoutLines(lines []string, confidence float32, width, height int) *Result {
	res := &Result{Width: width, Height: height}
	if len(lines) == 0 {
		return res
	}
	lineH := max(height/(2*len(lines)+1), 1)
	charW := max(lineH*6/10, 1)
	for i, text := range lines {
		words := strings.Fields(text)
		lineW := (len([]rune(text))) * charW
		x := max((width-lineW)/2, 0)
		y := lineH * (2*i + 1)
		var line Line
		for _, w := range words {
			ww := len([]rune(w)) * charW
			line.Words = append(line.Words, Word{Text: w, Box: image.Rect(x, y, x+ww, y+lineH), Confidence: confidence})
			x += ww + charW
		}
		res.Blocks = append(res.Blocks, Block{Paragraphs: []Paragraph{{Lines: []Line{line}}}})
	}
	return res
}
