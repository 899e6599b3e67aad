package gcp

import (
	"context"
	"fmt"
	"net"
	"strings"

	vision "cloud.google.com/go/vision/v2/apiv1"
	"cloud.google.com/go/vision/v2/apiv1/visionpb"
	"google.golang.org/api/option"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/plate"
)

// Vision reads text through the Cloud Vision API.
type Vision struct {
	client *vision.ImageAnnotatorClient
}

// NewVision connects to Vision. An endpoint on loopback is the local stack's Vision-compatible server,
// spoken to without TLS or credentials; any other endpoint (or none: Google's) uses the worker's
// Google credentials.
func NewVision(ctx context.Context, endpoint string) (*Vision, error) {
	var opts []option.ClientOption
	if endpoint != "" {
		opts = append(opts, option.WithEndpoint(endpoint))
		if isLoopback(endpoint) {
			opts = append(opts, option.WithoutAuthentication(),
				option.WithGRPCDialOption(grpc.WithTransportCredentials(insecure.NewCredentials())))
		}
	}
	c, err := vision.NewImageAnnotatorClient(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("connect to Vision at %q: %w", endpoint, err)
	}
	// Temporal's retry policy is the one retry loop, visible in the workflow's history; the client's
	// own retries would hide transient failures inside one long attempt.
	c.CallOptions.BatchAnnotateImages = nil
	return &Vision{client: c}, nil
}

// Close releases the connection.
func (v *Vision) Close() error { return v.client.Close() }

// DetectText asks for the text of the photo at photoURI (gs://...): Vision reads it from the bucket,
// so the photo never travels through the worker.
func (v *Vision) DetectText(ctx context.Context, photoURI string, mode activities.DetectionMode) (plate.Reading, error) {
	feature := visionpb.Feature_TEXT_DETECTION
	if mode == activities.ModeDocument {
		feature = visionpb.Feature_DOCUMENT_TEXT_DETECTION
	}
	resp, err := v.client.BatchAnnotateImages(ctx, &visionpb.BatchAnnotateImagesRequest{
		Requests: []*visionpb.AnnotateImageRequest{{
			Image:    &visionpb.Image{Source: &visionpb.ImageSource{GcsImageUri: photoURI}},
			Features: []*visionpb.Feature{{Type: feature}},
			ImageContext: &visionpb.ImageContext{
				LanguageHints:       []string{"en"},
				TextDetectionParams: &visionpb.TextDetectionParams{EnableTextDetectionConfidenceScore: true},
			},
		}},
	})
	if err != nil {
		return plate.Reading{}, err
	}
	if len(resp.GetResponses()) != 1 {
		return plate.Reading{}, fmt.Errorf("vision answered %d responses for 1 image", len(resp.GetResponses()))
	}
	r := resp.GetResponses()[0]
	if e := r.GetError(); e != nil && e.GetCode() != int32(codes.OK) {
		if codes.Code(e.GetCode()) == codes.InvalidArgument {
			return plate.Reading{}, fmt.Errorf("%w: %s", activities.ErrImageRejected, e.GetMessage())
		}
		return plate.Reading{}, fmt.Errorf("vision: %s: %s", codes.Code(e.GetCode()), e.GetMessage())
	}
	return readingFromResponse(r), nil
}

// readingFromResponse turns Vision's annotation into words with confidence, line and height.
func readingFromResponse(r *visionpb.AnnotateImageResponse) plate.Reading {
	var reading plate.Reading
	if t := r.GetTextAnnotations(); len(t) > 0 {
		reading.RawText = strings.TrimSpace(t[0].GetDescription())
	}
	line := 0
	var prev *box
	for _, page := range r.GetFullTextAnnotation().GetPages() {
		for _, block := range page.GetBlocks() {
			for _, para := range block.GetParagraphs() {
				newPara := true
				for _, w := range para.GetWords() {
					b := boxOf(w.GetBoundingBox())
					// A new paragraph, or a word that does not overlap the previous one vertically,
					// starts a new line; Vision's detected breaks say the same when they are present.
					if prev != nil && (newPara || !prev.overlapsVertically(b)) {
						line++
					}
					newPara = false
					reading.Words = append(reading.Words, plate.Word{
						Text: wordText(w), Confidence: float64(w.GetConfidence()),
						Line: line, Height: b.height(), Left: b.minX,
					})
					prev = &b
					if endsLine(w) {
						prev = nil
						line++
					}
				}
			}
		}
	}
	return reading
}

func wordText(w *visionpb.Word) string {
	var sb strings.Builder
	for _, s := range w.GetSymbols() {
		sb.WriteString(s.GetText())
	}
	return sb.String()
}

func endsLine(w *visionpb.Word) bool {
	syms := w.GetSymbols()
	if len(syms) == 0 {
		return false
	}
	switch syms[len(syms)-1].GetProperty().GetDetectedBreak().GetType() {
	case visionpb.TextAnnotation_DetectedBreak_LINE_BREAK, visionpb.TextAnnotation_DetectedBreak_EOL_SURE_SPACE:
		return true
	}
	return false
}

type box struct{ minX, minY, maxY float64 }

func boxOf(p *visionpb.BoundingPoly) box {
	vs := p.GetVertices()
	if len(vs) == 0 {
		return box{}
	}
	b := box{minX: float64(vs[0].GetX()), minY: float64(vs[0].GetY()), maxY: float64(vs[0].GetY())}
	for _, v := range vs[1:] {
		b.minX = min(b.minX, float64(v.GetX()))
		b.minY = min(b.minY, float64(v.GetY()))
		b.maxY = max(b.maxY, float64(v.GetY()))
	}
	return b
}

func (b box) height() float64 { return b.maxY - b.minY }

// overlapsVertically says whether the centre of o lies within b's vertical extent.
func (b box) overlapsVertically(o box) bool {
	c := (o.minY + o.maxY) / 2
	return c >= b.minY && c <= b.maxY
}

func isLoopback(endpoint string) bool {
	host, _, err := net.SplitHostPort(endpoint)
	if err != nil {
		host = endpoint
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
