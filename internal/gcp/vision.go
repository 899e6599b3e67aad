package gcp

import (
	"cmp"
	"context"
	"fmt"
	"net"
	"slices"
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
	var words []placedWord
	for _, page := range r.GetFullTextAnnotation().GetPages() {
		for _, block := range page.GetBlocks() {
			for _, para := range block.GetParagraphs() {
				for _, w := range para.GetWords() {
					words = append(words, placedWord{
						Word: plate.Word{Text: wordText(w), Confidence: float64(w.GetConfidence())},
						box:  boxOf(w.GetBoundingBox()),
					})
				}
			}
		}
	}
	reading.Words = groupLines(words)
	return reading
}

type placedWord struct {
	plate.Word
	box box
}

// groupLines numbers words by the physical line they stand on. Blocks and paragraphs do not say it:
// sparse-text OCR makes each word its own block, and a plate's "WWF 3867" would become two lines,
// free to be joined with a slogan's fragment instead. Lines go top to bottom, words left to right.
func groupLines(words []placedWord) []plate.Word {
	slices.SortStableFunc(words, func(a, b placedWord) int { return cmp.Compare(a.box.centerY(), b.box.centerY()) })
	var lines [][]placedWord
	for _, w := range words {
		if n := len(lines); n > 0 && slices.ContainsFunc(lines[n-1], func(o placedWord) bool { return sameLine(o.box, w.box) }) {
			lines[n-1] = append(lines[n-1], w)
			continue
		}
		lines = append(lines, []placedWord{w})
	}
	var out []plate.Word
	for i, line := range lines {
		slices.SortStableFunc(line, func(a, b placedWord) int { return cmp.Compare(a.box.minX, b.box.minX) })
		for _, w := range line {
			w.Line, w.Height, w.Left = i, w.box.height(), w.box.minX
			out = append(out, w.Word)
		}
	}
	return out
}

// sameLine says whether two words stand on one line of text: boxes of similar height (a plate's
// serial and the small slogan printed under it are not one line) that overlap vertically for at
// least half the smaller one's height.
func sameLine(a, b box) bool {
	ha, hb := a.height(), b.height()
	if ha <= 0 || hb <= 0 || min(ha, hb) < 0.4*max(ha, hb) {
		return false
	}
	overlap := min(a.maxY, b.maxY) - max(a.minY, b.minY)
	return overlap >= 0.5*min(ha, hb)
}

func wordText(w *visionpb.Word) string {
	var sb strings.Builder
	for _, s := range w.GetSymbols() {
		sb.WriteString(s.GetText())
	}
	return sb.String()
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

func (b box) centerY() float64 { return (b.minY + b.maxY) / 2 }

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
