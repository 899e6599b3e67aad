package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/tollbooth/tollbooth/internal/synth"
	"github.com/tollbooth/tollbooth/internal/visionserver"
)

// Fixture answers: every photo, and its plate's crop, reads as its truth plate, confidently, after
// a fixed latency that stands for Vision's round trip.
const (
	fixtureLatencyMS  = 150
	fixtureJitterMS   = 30
	fixtureConfidence = 0.97
)

// ManifestFile is the fixture manifest's name inside the prepared folder.
const ManifestFile = "fixtures.json"

func prepare(ctx context.Context, args []string) error {
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
	// Some scenes would go to a person (e.g. a Texas serial whose Z and 8 could be 2 and B): draw
	// more, keep the first ones the policy accepts (about two in three with exact reads).
	drawn := 2*scenes + 20
	fmt.Printf("bench: writing %d synthetic photos to %s\n", drawn, dir)
	samples, err := synth.WriteDir(dir, synth.Options{Count: drawn, Seed: 7})
	if err != nil {
		return err
	}
	all, err := loadPhotos(dir)
	if err != nil {
		return err
	}
	// Each photo reads as its plate does: the region's name above the serial (the policy checks that
	// the two agree, and the name settles which formats apply).
	lines := map[string][]string{}
	for _, s := range samples {
		lines[s.File] = []string{s.Header, s.Shown}
	}
	m := &visionserver.Manifest{LatencyMS: fixtureLatencyMS, JitterMS: fixtureJitterMS, Entries: map[string]visionserver.FixtureEntry{}}
	for _, p := range all {
		m.Entries[visionserver.ImageKey(p.data)] = visionserver.FixtureEntry{Lines: lines[p.name], Confidence: fixtureConfidence}
	}
	crops, refused, err := acceptedScenes(ctx, m, all, lines) // prepare_reads.go
	if err != nil {
		return err
	}
	var base []photo
	var keep []synth.Sample
	for i, p := range all {
		if _, ok := crops[p.name]; ok && len(base) < scenes {
			base = append(base, p)
			keep = append(keep, samples[i])
		} else if err := os.Remove(filepath.Join(dir, p.name)); err != nil {
			return err
		}
	}
	fmt.Printf("bench: %d of %d scenes are accepted without a person at %s (sent to a person: %v); keeping %d\n",
		len(crops), drawn, benchBooth, refused, len(base))
	if len(base) < scenes {
		return fmt.Errorf("only %d scenes of %d drawn are accepted; the benchmark needs %d", len(base), drawn, scenes)
	}
	if err := writeTruth(filepath.Join(dir, synth.TruthFile), keep); err != nil {
		return err
	}
	m.Entries = map[string]visionserver.FixtureEntry{}
	for i, p := range expand(base, *count) {
		scene := base[i%len(base)].name
		m.Entries[visionserver.ImageKey(p.data)] = visionserver.FixtureEntry{Lines: lines[scene], Confidence: fixtureConfidence}
		m.Entries[crops[scene]] = visionserver.FixtureEntry{Lines: lines[scene], Confidence: fixtureConfidence}
	}
	path := filepath.Join(*out, ManifestFile)
	if err := visionserver.WriteManifest(path, m); err != nil {
		return err
	}
	fmt.Printf("bench: fixture manifest %s (%d entries, %d±%d ms)\n", path, len(m.Entries), fixtureLatencyMS, fixtureJitterMS)
	return nil
}

// writeTruth replaces truth.csv with the scenes kept.
func writeTruth(path string, samples []synth.Sample) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := synth.WriteTruth(f, samples); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
