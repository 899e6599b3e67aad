package visionserver

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"testing"
	"time"

	vision "cloud.google.com/go/vision/v2/apiv1"
	"cloud.google.com/go/vision/v2/apiv1/visionpb"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// startServer serves engine on a free loopback port and returns the real Vision client pointed
// at it, exactly as the worker builds it. The client's built-in retry on UNAVAILABLE is left on
// unless noRetry is set, so tests can observe single failures.
func startServer(t *testing.T, engine Engine, fetcher Fetcher, noRetry bool) (*vision.ImageAnnotatorClient, *Server) {
	t.Helper()
	srv := NewServer(engine, fetcher, nil)
	running, err := srv.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		running.Stop(ctx)
	})
	client, err := vision.NewImageAnnotatorClient(context.Background(), ClientOptions(running.Addr)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	if noRetry {
		client.CallOptions.BatchAnnotateImages = nil
	}
	return client, srv
}

// annotateOne sends one image with one feature and returns its per-image response.
func annotateOne(t *testing.T, client *vision.ImageAnnotatorClient, img *visionpb.Image, feature visionpb.Feature_Type, withConfidence bool) *visionpb.AnnotateImageResponse {
	t.Helper()
	resp, err := client.BatchAnnotateImages(testContext(t), textRequest(img, feature, withConfidence))
	if err != nil {
		t.Fatalf("BatchAnnotateImages: %v", err)
	}
	if len(resp.GetResponses()) != 1 {
		t.Fatalf("got %d responses, want 1", len(resp.GetResponses()))
	}
	return resp.GetResponses()[0]
}

func textRequest(img *visionpb.Image, feature visionpb.Feature_Type, withConfidence bool) *visionpb.BatchAnnotateImagesRequest {
	req := &visionpb.AnnotateImageRequest{Image: img, Features: []*visionpb.Feature{{Type: feature}}}
	if withConfidence {
		req.ImageContext = &visionpb.ImageContext{TextDetectionParams: &visionpb.TextDetectionParams{EnableTextDetectionConfidenceScore: true}}
	}
	return &visionpb.BatchAnnotateImagesRequest{Requests: []*visionpb.AnnotateImageRequest{req}}
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// renderText draws lines of big black Go Bold text on white, like a clean plate.
func renderText(t *testing.T, lines ...string) image.Image {
	t.Helper()
	f, err := opentype.Parse(gobold.TTF)
	if err != nil {
		t.Fatal(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 80, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		t.Fatal(err)
	}
	defer face.Close()
	const lineHeight = 110
	img := image.NewRGBA(image.Rect(0, 0, 640, 60+lineHeight*len(lines)))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	d := &font.Drawer{Dst: img, Src: image.NewUniform(color.Black), Face: face}
	for i, l := range lines {
		d.Dot = fixed.P(40, 100+lineHeight*i)
		d.DrawString(l)
	}
	return img
}

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// allConfidences lists the confidence of every page, block, paragraph, word and symbol.
func allConfidences(r *visionpb.AnnotateImageResponse) []float32 {
	var out []float32
	for _, p := range r.GetFullTextAnnotation().GetPages() {
		out = append(out, p.GetConfidence())
		for _, b := range p.GetBlocks() {
			out = append(out, b.GetConfidence())
			for _, para := range b.GetParagraphs() {
				out = append(out, para.GetConfidence())
				for _, w := range para.GetWords() {
					out = append(out, w.GetConfidence())
					for _, s := range w.GetSymbols() {
						out = append(out, s.GetConfidence())
					}
				}
			}
		}
	}
	return out
}

// textLines rebuilds the lines of a full_text_annotation from words and detected breaks, the
// way a consumer would.
func textLines(r *visionpb.AnnotateImageResponse) []string {
	var lines []string
	cur := ""
	for _, p := range r.GetFullTextAnnotation().GetPages() {
		for _, b := range p.GetBlocks() {
			for _, para := range b.GetParagraphs() {
				for _, w := range para.GetWords() {
					for _, s := range w.GetSymbols() {
						cur += s.GetText()
						switch s.GetProperty().GetDetectedBreak().GetType() {
						case visionpb.TextAnnotation_DetectedBreak_SPACE, visionpb.TextAnnotation_DetectedBreak_SURE_SPACE:
							cur += " "
						case visionpb.TextAnnotation_DetectedBreak_EOL_SURE_SPACE, visionpb.TextAnnotation_DetectedBreak_LINE_BREAK:
							lines = append(lines, cur)
							cur = ""
						}
					}
				}
			}
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
