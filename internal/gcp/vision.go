package gcp

import (
	"cmp"
	"context"
	"fmt"
	"math"
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
	"github.com/tollbooth/tollbooth/internal/recognition"
)

// Vision reads text through the Cloud Vision API.
type Vision struct {
	client *vision.ImageAnnotatorClient
}

// NewVision connects to Vision. An endpoint on loopback is the local stack's Vision-compatible server,
// spoken to without TLS or credentials; any other endpoint (or none: Google's) uses the worker's
// Google credentials.
func NewVision(ctx context.Context, endpoint string) (*Vision, error) {
	return newVision(ctx, endpoint, isLoopback(endpoint))
}

// NewPlaintextVision connects to a Vision-compatible server at endpoint without TLS and without
// credentials, whatever its address: a server inside the cluster's own network, such as the local
// plate reader's Kubernetes Service (TOLLBOOTH_SECOND_OPINION_INSECURE). Google's credentials are
// never sent over a plaintext connection.
func NewPlaintextVision(ctx context.Context, endpoint string) (*Vision, error) {
	if endpoint == "" {
		return nil, fmt.Errorf("connect to Vision without TLS: no endpoint given (Google's endpoint needs TLS)")
	}
	return newVision(ctx, endpoint, true)
}

func newVision(ctx context.Context, endpoint string, plaintext bool) (*Vision, error) {
	var opts []option.ClientOption
	if endpoint != "" {
		opts = append(opts, option.WithEndpoint(endpoint))
		if plaintext {
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
	return v.Annotate(ctx, recognition.Request{URI: photoURI, Document: mode == activities.ModeDocument})
}

// Annotate reads an image's text, and its licence plates when asked, in one Vision request.
func (v *Vision) Annotate(ctx context.Context, req recognition.Request) (plate.Reading, error) {
	feature := visionpb.Feature_TEXT_DETECTION
	if req.Document {
		feature = visionpb.Feature_DOCUMENT_TEXT_DETECTION
	}
	features := []*visionpb.Feature{{Type: feature}}
	if req.Plates {
		features = append(features, &visionpb.Feature{Type: visionpb.Feature_OBJECT_LOCALIZATION})
	}
	image := &visionpb.Image{Source: &visionpb.ImageSource{GcsImageUri: req.URI}}
	if len(req.Content) > 0 {
		image = &visionpb.Image{Content: req.Content}
	}
	resp, err := v.client.BatchAnnotateImages(ctx, &visionpb.BatchAnnotateImagesRequest{
		Requests: []*visionpb.AnnotateImageRequest{{
			Image:    image,
			Features: features,
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
			return plate.Reading{}, fmt.Errorf("%w: %s", recognition.ErrImageRejected, e.GetMessage())
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
	for i, page := range r.GetFullTextAnnotation().GetPages() {
		if i == 0 {
			reading.Width, reading.Height = int(page.GetWidth()), int(page.GetHeight())
		}
		for _, block := range page.GetBlocks() {
			for _, para := range block.GetParagraphs() {
				for _, w := range para.GetWords() {
					words = append(words, placedWord{
						Word: plate.Word{Text: wordText(w), Confidence: float64(w.GetConfidence()), Symbols: symbolConfidences(w)},
						box:  boxOf(w.GetBoundingBox()),
					})
				}
			}
		}
	}
	if len(words) == 0 && len(r.GetTextAnnotations()) > 1 {
		// No page structure (a trimmed or older answer): the word entries after the whole text
		// carry each word and its box, without confidences.
		for _, t := range r.GetTextAnnotations()[1:] {
			words = append(words, placedWord{Word: plate.Word{Text: t.GetDescription()}, box: boxOf(t.GetBoundingPoly())})
		}
	}
	reading.Words = groupLines(words)
	reading.Plates = platesOf(r.GetLocalizedObjectAnnotations())
	return reading
}

// licensePlateMID is the Knowledge Graph id of Vision's "License plate" object.
const licensePlateMID = "/m/01jfm_"

// platesOf keeps the licence plates among the localized objects, best first. Vision gives their
// boxes in normalized vertices (0..1 of the image), unlike text, whose boxes are in pixels.
func platesOf(objects []*visionpb.LocalizedObjectAnnotation) []plate.PlateObject {
	var out []plate.PlateObject
	for _, o := range objects {
		if o.GetMid() != licensePlateMID && !strings.EqualFold(o.GetName(), "License plate") {
			continue
		}
		vs := o.GetBoundingPoly().GetNormalizedVertices()
		if len(vs) == 0 {
			continue
		}
		minX, minY, maxX, maxY := 1.0, 1.0, 0.0, 0.0
		for _, v := range vs {
			minX, maxX = min(minX, float64(v.GetX())), max(maxX, float64(v.GetX()))
			minY, maxY = min(minY, float64(v.GetY())), max(maxY, float64(v.GetY()))
		}
		if maxX <= minX || maxY <= minY {
			continue
		}
		out = append(out, plate.PlateObject{Box: plate.Box{Left: minX, Top: minY, Width: maxX - minX, Height: maxY - minY}, Score: float64(o.GetScore())})
	}
	slices.SortStableFunc(out, func(a, b plate.PlateObject) int { return cmp.Compare(b.Score, a.Score) })
	return out
}

// symbolConfidences returns the confidence of each symbol of the word, or nil when Vision gave
// none (TEXT_DETECTION gives symbol confidences only on request, and not always then).
func symbolConfidences(w *visionpb.Word) []float64 {
	var out []float64
	given := false
	for _, s := range w.GetSymbols() {
		for range []rune(s.GetText()) {
			out = append(out, float64(s.GetConfidence()))
		}
		given = given || s.GetConfidence() > 0
	}
	if !given {
		return nil
	}
	return out
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
			w.Line, w.Height = i, w.box.height()
			w.Left, w.Top, w.Right, w.Bottom = w.box.minX, w.box.minY, w.box.maxX, w.box.maxY
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

// box is a word's bounding polygon: its bounds on the image's axes, and its text height measured
// along its slant. Vision's boxes follow tilted text (a word on a tilted sign spans a third more in
// y than its letters are tall), and heights are compared to tell plate characters from smaller
// text, so the slant must not inflate them.
type box struct {
	minX, minY, maxX, maxY float64
	slantHeight            float64
}

func boxOf(p *visionpb.BoundingPoly) box {
	vs := p.GetVertices()
	if len(vs) == 0 {
		return box{}
	}
	b := box{minX: float64(vs[0].GetX()), minY: float64(vs[0].GetY()), maxX: float64(vs[0].GetX()), maxY: float64(vs[0].GetY())}
	for _, v := range vs[1:] {
		b.minX = min(b.minX, float64(v.GetX()))
		b.minY = min(b.minY, float64(v.GetY()))
		b.maxX = max(b.maxX, float64(v.GetX()))
		b.maxY = max(b.maxY, float64(v.GetY()))
	}
	b.slantHeight = b.maxY - b.minY
	if len(vs) == 4 {
		// Vertices go clockwise from the text's top left: the left and right edges are 0–3 and 1–2.
		b.slantHeight = (dist(vs[0], vs[3]) + dist(vs[1], vs[2])) / 2
	}
	return b
}

func dist(a, b *visionpb.Vertex) float64 {
	return math.Hypot(float64(a.GetX()-b.GetX()), float64(a.GetY()-b.GetY()))
}

func (b box) height() float64 { return b.slantHeight }

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
