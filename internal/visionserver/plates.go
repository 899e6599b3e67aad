package visionserver

import (
	"context"
	"image"

	"cloud.google.com/go/vision/v2/apiv1/visionpb"

	"github.com/tollbooth/tollbooth/internal/platefind"
)

// FoundPlate is a licence plate localized on an image, in its pixel space.
type FoundPlate struct {
	Box   image.Rectangle
	Score float64 // 0..1
}

// PlateLocator is implemented by engines that know where the plates are (the fixture engine,
// from its manifest). Other engines' images go to the server's PlateFinder.
type PlateLocator interface {
	LocatePlates(ctx context.Context, img Image) ([]FoundPlate, error)
}

// PlateFinder localizes plates from the pixels alone.
type PlateFinder func(img image.Image) []FoundPlate

// Real Vision names the object "License plate", with its Knowledge Graph id.
const (
	licensePlateName = "License plate"
	licensePlateMID  = "/m/01jfm_"
)

// locatePlates answers OBJECT_LOCALIZATION's licence plates for one image.
func (s *Server) locatePlates(ctx context.Context, img Image) ([]FoundPlate, error) {
	if l, ok := s.engine.(PlateLocator); ok {
		return l.LocatePlates(ctx, img)
	}
	if s.findPlates == nil {
		return nil, nil
	}
	return s.findPlates(img.Decoded), nil
}

// buildObjectResponse lays out plates as real Vision does: one LocalizedObjectAnnotation each,
// named "License plate" with its mid and score, its box in normalized vertices (0..1 of the
// image, clockwise from the top left) rather than the pixel vertices text boxes use.
func buildObjectResponse(plates []FoundPlate, bounds image.Rectangle) []*visionpb.LocalizedObjectAnnotation {
	w, h := float32(bounds.Dx()), float32(bounds.Dy())
	if w <= 0 || h <= 0 {
		return nil
	}
	var out []*visionpb.LocalizedObjectAnnotation
	for _, p := range plates {
		r := p.Box.Sub(bounds.Min).Intersect(image.Rect(0, 0, bounds.Dx(), bounds.Dy()))
		if r.Empty() {
			continue
		}
		x0, y0 := float32(r.Min.X)/w, float32(r.Min.Y)/h
		x1, y1 := float32(r.Max.X)/w, float32(r.Max.Y)/h
		out = append(out, &visionpb.LocalizedObjectAnnotation{
			Mid:   licensePlateMID,
			Name:  licensePlateName,
			Score: clampConfidence(float32(p.Score)),
			BoundingPoly: &visionpb.BoundingPoly{NormalizedVertices: []*visionpb.NormalizedVertex{
				{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1},
			}},
		})
	}
	return out
}

// FindPlates is the local server's plate finder (internal/platefind): classical image analysis,
// no model. It answers only the plates it scores at or above platefind's answer threshold, the
// way Vision answers only the objects it is confident of.
func FindPlates(img image.Image) []FoundPlate {
	var out []FoundPlate
	for _, p := range platefind.Find(img) {
		if p.Score >= platefind.AnswerThreshold {
			out = append(out, FoundPlate{Box: p.Box, Score: p.Score})
		}
	}
	return out
}
