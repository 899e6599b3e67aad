package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/tollbooth/tollbooth/internal/synth"
	"github.com/tollbooth/tollbooth/internal/visionserver"
)

// Fixture answers: every photo reads as its truth plate, confidently, after
// a fixed latency that stands for Vision's round trip.
const (
	fixtureLatencyMS  = 150
	fixtureJitterMS   = 30
	fixtureConfidence = 0.97
)

// ManifestFile is the fixture manifest's name inside the prepared folder.
const ManifestFile = "fixtures.json"

func prepare(args []string) error {
	fs := flag.NewFlagSet("prepare", flag.ContinueOnError)
	count := fs.Int("count", 300, "captures in the burst")
	unique := fs.Int("unique", 0, "distinct scenes to generate (0: one per capture); the rest are copies made distinct (variants.go)")
	out := fs.String("out", ".devstack/bench", "folder for photos, truth.csv and "+ManifestFile)
	if err := fs.Parse(args); err != nil {
		return err
	}
	scenes := *count
	if *unique > 0 {
		scenes = min(*unique, *count)
	}
	dir := filepath.Join(*out, "photos")
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	fmt.Printf("bench: writing %d synthetic photos to %s\n", scenes, dir)
	samples, err := synth.WriteDir(dir, synth.Options{Count: scenes, Seed: 7})
	if err != nil {
		return err
	}
	base, err := loadPhotos(dir)
	if err != nil {
		return err
	}
	shown := map[string]string{}
	for _, s := range samples {
		shown[s.File] = s.Shown
	}
	m := &visionserver.Manifest{LatencyMS: fixtureLatencyMS, JitterMS: fixtureJitterMS, Entries: map[string]visionserver.FixtureEntry{}}
	for i, p := range expand(base, *count) {
		m.Entries[visionserver.ImageKey(p.data)] = visionserver.FixtureEntry{Lines: []string{shown[base[i%len(base)].name]}, Confidence: fixtureConfidence}
	}
	path := filepath.Join(*out, ManifestFile)
	if err := visionserver.WriteManifest(path, m); err != nil {
		return err
	}
	fmt.Printf("bench: fixture manifest %s (%d entries, %d±%d ms)\n", path, len(m.Entries), fixtureLatencyMS, fixtureJitterMS)
	return nil
}
