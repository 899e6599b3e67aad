package visionserver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestManifestValidation(t *testing.T) {
	key := ImageKey([]byte("x"))
	for _, tc := range []struct {
		name string
		m    Manifest
		want string
	}{
		{"rate above one", Manifest{UnavailableRate: 1.5}, "unavailable_rate"},
		{"jitter above latency", Manifest{LatencyMS: 10, JitterMS: 20}, "jitter_ms"},
		{"bad key", Manifest{Entries: map[string]FixtureEntry{"abc": {}}}, "SHA-256"},
		{"bad code", Manifest{Entries: map[string]FixtureEntry{key: {Error: "BROKEN"}}}, "gRPC code"},
		{"bad confidence", Manifest{Default: FixtureEntry{Confidence: 2}}, "confidence"},
	} {
		if err := tc.m.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want mention of %q", tc.name, err, tc.want)
		}
	}
	ok := Manifest{LatencyMS: 200, JitterMS: 20, Entries: map[string]FixtureEntry{key: {Text: "7ABC123", Confidence: 0.97, Error: "invalid_argument"}}}
	if err := ok.Validate(); err != nil {
		t.Errorf("valid manifest: %v", err)
	}
}

func TestLoadManifestRejectsUnknownFields(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.json")
	if err := os.WriteFile(path, []byte(`{"latency": 5}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadManifest(path); err == nil || !strings.Contains(err.Error(), "latency") {
		t.Errorf("err = %v, want it to name the unknown field", err)
	}
}

func TestFixtureLatencyStaysWithinJitter(t *testing.T) {
	f := NewFixtureEngine(&Manifest{LatencyMS: 200, JitterMS: 20, Seed: 7})
	for range 1000 {
		if d := f.latency().Milliseconds(); d < 180 || d > 220 {
			t.Fatalf("latency %d ms outside 200±20", d)
		}
	}
}
