package main

import (
	"context"
	"fmt"
	"maps"

	"github.com/tollbooth/tollbooth/internal/autoaccept"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/internal/photolimit"
	"github.com/tollbooth/tollbooth/internal/platecrop"
	"github.com/tollbooth/tollbooth/internal/recognition"
	"github.com/tollbooth/tollbooth/internal/visionserver"
)

// benchBooth is the booth of the burst's uploads (make bench); the spike spreads its uploads over
// the booths that serve the same jurisdictions (servingBooths).
const benchBooth = "north-01"

// acceptedScenes finds the scenes the worker accepts on its own, as the benchmarks need (a capture
// sent to a person never finishes by itself), and the answers for their plates' crops. A capture
// is accepted after two reads that agree: the photo's, then the plate's enlarged crop
// (internal/recognition). The crop's bytes depend on the plate box the server finds, as Vision
// reports it and the adapter parses it, so rather than recompute that chain here, each scene is
// read through it: the recognizer the worker uses (gcp.Vision, recognition.ReadPhoto and ReadCrop)
// against an in-process fixture server answering from m. It returns the image keys of the
// accepted scenes' crops, by file, and how many scenes each reason code refused. Copies of a scene
// (variants.go) differ only in a JPEG comment, so they share the crop.
// cropPhotos decodes the scenes within the worker's default limits.
var cropPhotos = photolimit.New(photolimit.DefaultMaxPixels, photolimit.DefaultMemoryBytes)

func acceptedScenes(ctx context.Context, m *visionserver.Manifest, scenes []photo, lines map[string][]string) (map[string]string, map[capture.ReasonCode]int, error) {
	cfg, err := config.Load()
	if err != nil {
		return nil, nil, err
	}
	policy := autoaccept.Policy{Jurisdictions: cfg.Jurisdictions.For(benchBooth), MinConfidence: cfg.AutoAcceptConfidence}
	// The same answers without the latency that stands for Vision's round trip.
	quick := *m
	quick.LatencyMS, quick.JitterMS = 0, 0
	quick.Entries = maps.Clone(m.Entries)
	srv, err := visionserver.NewServer(visionserver.NewFixtureEngine(&quick), visionserver.MapFetcher{}, nil).Start("127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	defer srv.Stop(ctx)
	vision, err := gcp.NewVision(ctx, srv.Addr)
	if err != nil {
		return nil, nil, err
	}
	defer vision.Close()

	crops, refused := map[string]string{}, map[capture.ReasonCode]int{}
	for _, s := range scenes {
		size, _, err := cropPhotos.Check(s.data)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", s.name, err)
		}
		first, err := recognition.ReadPhoto(ctx, vision, recognition.Photo{Content: s.data, Width: size.Width, Height: size.Height}, policy)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: read the photo: %w", s.name, err)
		}
		if !recognition.NeedsCropRead(first) {
			refused[first.Verdict.Code]++
			continue
		}
		crop, err := platecrop.FromPhoto(ctx, cropPhotos, s.data, *first.PlateBox) // as recognition.ReadCrop makes it
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", s.name, err)
		}
		content, err := platecrop.VisionPNG(crop)
		if err != nil {
			return nil, nil, err
		}
		key := visionserver.ImageKey(content)
		quick.Entries[key] = visionserver.FixtureEntry{Lines: lines[s.name], Confidence: fixtureConfidence}
		second, err := recognition.ReadCrop(ctx, vision, cropPhotos, s.data, *first.PlateBox, first.Verdict, policy, recognition.CropReadName)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: read the plate's crop: %w", s.name, err)
		}
		if !second.Verdict.Acceptable() {
			refused[second.Verdict.Code]++
			continue
		}
		crops[s.name] = key
	}
	return crops, refused, nil
}
