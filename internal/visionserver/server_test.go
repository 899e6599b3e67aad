package visionserver

import (
	"context"
	"image"
	"image/color"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"cloud.google.com/go/vision/v2/apiv1/visionpb"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/tollbooth/tollbooth/internal/photolimit/bombs"
)

// plateFixture answers every image with a two-line plate.
func plateFixture() *FixtureEngine {
	return NewFixtureEngine(&Manifest{Default: FixtureEntry{Lines: []string{"CALIFORNIA", "7ABC123"}, Confidence: 0.9}})
}

func smallPNG(t *testing.T) []byte {
	img := image.NewGray(image.Rect(0, 0, 40, 20))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	img.Set(3, 3, color.Black)
	return encodePNG(t, img)
}

func wantImageError(t *testing.T, r *visionpb.AnnotateImageResponse, code codes.Code, msgPart string) {
	t.Helper()
	if r.GetError() == nil {
		t.Fatalf("got no per-image error, want %s; response %v", code, r)
	}
	if got := codes.Code(r.GetError().GetCode()); got != code {
		t.Errorf("per-image error code = %s, want %s (message %q)", got, code, r.GetError().GetMessage())
	}
	if !strings.Contains(r.GetError().GetMessage(), msgPart) {
		t.Errorf("per-image error message = %q, want it to contain %q", r.GetError().GetMessage(), msgPart)
	}
}

func TestInvalidBytesArePerImageInvalidArgument(t *testing.T) {
	client, srv := startServer(t, plateFixture(), nil, false)
	r := annotateOne(t, client, &visionpb.Image{Content: []byte("this is not an image")}, visionpb.Feature_TEXT_DETECTION, false)
	wantImageError(t, r, codes.InvalidArgument, "Bad image data.")
	if got := srv.Stats().ImageErrors["INVALID_ARGUMENT"]; got != 1 {
		t.Errorf("stats image_errors[INVALID_ARGUMENT] = %d, want 1", got)
	}
}

func TestTruncatedJPEGIsPerImageInvalidArgument(t *testing.T) {
	full := encodeJPEG(t, renderText(t, "7ABC123"))
	_, release, err := decodeImage(context.Background(), full)
	release()
	if err != nil {
		t.Fatalf("the untruncated JPEG must decode: %v", err)
	}
	client, _ := startServer(t, plateFixture(), nil, false)
	r := annotateOne(t, client, &visionpb.Image{Content: full[:len(full)/2]}, visionpb.Feature_DOCUMENT_TEXT_DETECTION, false)
	wantImageError(t, r, codes.InvalidArgument, "Bad image data.")
}

func TestBadImageDoesNotFailTheRestOfTheBatch(t *testing.T) {
	client, _ := startServer(t, plateFixture(), nil, false)
	good := &visionpb.AnnotateImageRequest{Image: &visionpb.Image{Content: smallPNG(t)}, Features: []*visionpb.Feature{{Type: visionpb.Feature_TEXT_DETECTION}}}
	bad := &visionpb.AnnotateImageRequest{Image: &visionpb.Image{Content: []byte{0xff, 0xd8, 0xff}}, Features: []*visionpb.Feature{{Type: visionpb.Feature_TEXT_DETECTION}}}
	resp, err := client.BatchAnnotateImages(testContext(t), &visionpb.BatchAnnotateImagesRequest{Requests: []*visionpb.AnnotateImageRequest{good, bad}})
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.GetResponses()[0].GetTextAnnotations()[0].GetDescription(); got != "CALIFORNIA\n7ABC123" {
		t.Errorf("good image text = %q", got)
	}
	wantImageError(t, resp.GetResponses()[1], codes.InvalidArgument, "Bad image data.")
}

func TestUnsupportedFeatureIsPerImageInvalidArgument(t *testing.T) {
	client, _ := startServer(t, plateFixture(), nil, false)
	r := annotateOne(t, client, &visionpb.Image{Content: smallPNG(t)}, visionpb.Feature_LABEL_DETECTION, false)
	wantImageError(t, r, codes.InvalidArgument, "LABEL_DETECTION")
}

func TestGCSImageURIIsFetched(t *testing.T) {
	img := smallPNG(t)
	fetcher := MapFetcher{"gs://tollbooth-photos/north-01/0001.png": img}
	client, _ := startServer(t, plateFixture(), fetcher, false)

	r := annotateOne(t, client, &visionpb.Image{Source: &visionpb.ImageSource{GcsImageUri: "gs://tollbooth-photos/north-01/0001.png"}}, visionpb.Feature_TEXT_DETECTION, false)
	if r.GetError() != nil {
		t.Fatalf("per-image error: %v", r.GetError())
	}
	if got := r.GetTextAnnotations()[0].GetDescription(); got != "CALIFORNIA\n7ABC123" {
		t.Errorf("text = %q", got)
	}

	missing := annotateOne(t, client, &visionpb.Image{Source: &visionpb.ImageSource{GcsImageUri: "gs://tollbooth-photos/north-01/missing.png"}}, visionpb.Feature_TEXT_DETECTION, false)
	wantImageError(t, missing, codes.NotFound, "gs://tollbooth-photos/north-01/missing.png")

	malformed := annotateOne(t, client, &visionpb.Image{Source: &visionpb.ImageSource{GcsImageUri: "tollbooth-photos/x.png"}}, visionpb.Feature_TEXT_DETECTION, false)
	wantImageError(t, malformed, codes.InvalidArgument, "gs://bucket/object")
}

func TestFixtureEngineAnswersFromManifest(t *testing.T) {
	img := smallPNG(t)
	other := encodePNG(t, renderText(t, "X"))
	m := &Manifest{
		Default: FixtureEntry{},
		Entries: map[string]FixtureEntry{
			ImageKey(img):   {Text: "CALIFORNIA\n7ABC123", Confidence: 0.97},
			ImageKey(other): {Error: "INVALID_ARGUMENT"},
		},
	}
	path := t.TempDir() + "/manifest.json"
	if err := WriteManifest(path, m); err != nil {
		t.Fatal(err)
	}
	loaded, err := LoadManifest(path)
	if err != nil {
		t.Fatal(err)
	}
	client, _ := startServer(t, NewFixtureEngine(loaded), nil, false)

	doc := annotateOne(t, client, &visionpb.Image{Content: img}, visionpb.Feature_DOCUMENT_TEXT_DETECTION, false)
	if got := doc.GetTextAnnotations()[0].GetDescription(); got != "CALIFORNIA\n7ABC123" {
		t.Errorf("text_annotations[0] = %q", got)
	}
	if got := textLines(doc); !slices.Equal(got, []string{"CALIFORNIA", "7ABC123"}) {
		t.Errorf("lines rebuilt from full_text_annotation = %q", got)
	}
	for _, c := range allConfidences(doc) {
		if c < 0.969 || c > 0.971 {
			t.Errorf("DOCUMENT_TEXT_DETECTION confidence = %v, want 0.97 everywhere", c)
			break
		}
	}
	if got := doc.GetTextAnnotations()[0].GetLocale(); got != "en" {
		t.Errorf("locale = %q, want en", got)
	}

	// TEXT_DETECTION leaves confidences out unless asked, like real Vision.
	text := annotateOne(t, client, &visionpb.Image{Content: img}, visionpb.Feature_TEXT_DETECTION, false)
	for _, c := range allConfidences(text) {
		if c != 0 {
			t.Fatalf("TEXT_DETECTION without enable_text_detection_confidence_score has confidence %v", c)
		}
	}
	withConf := annotateOne(t, client, &visionpb.Image{Content: img}, visionpb.Feature_TEXT_DETECTION, true)
	if got := withConf.GetFullTextAnnotation().GetPages()[0].GetBlocks()[1].GetParagraphs()[0].GetWords()[0].GetConfidence(); got < 0.969 || got > 0.971 {
		t.Errorf("TEXT_DETECTION with confidence requested: word confidence = %v, want 0.97", got)
	}

	wantImageError(t, annotateOne(t, client, &visionpb.Image{Content: other}, visionpb.Feature_TEXT_DETECTION, false), codes.InvalidArgument, "Bad image data.")

	// An unknown image gets the default: no text, an empty response and no error.
	unknown := annotateOne(t, client, &visionpb.Image{Content: encodePNG(t, renderText(t, "Y"))}, visionpb.Feature_TEXT_DETECTION, false)
	if unknown.GetError() != nil || len(unknown.GetTextAnnotations()) != 0 || unknown.GetFullTextAnnotation() != nil {
		t.Errorf("unknown image: want an empty response, got %v", unknown)
	}
}

func TestFailFirstFailsEachImageThenSucceeds(t *testing.T) {
	m := &Manifest{FailFirst: 1, Default: FixtureEntry{Text: "7ABC123", Confidence: 0.9}}
	client, srv := startServer(t, NewFixtureEngine(m), nil, true)
	for _, img := range [][]byte{smallPNG(t), encodePNG(t, renderText(t, "Z"))} {
		req := textRequest(&visionpb.Image{Content: img}, visionpb.Feature_TEXT_DETECTION, false)
		_, err := client.BatchAnnotateImages(testContext(t), req)
		if status.Code(err) != codes.Unavailable {
			t.Fatalf("first call: err = %v, want code Unavailable", err)
		}
		resp, err := client.BatchAnnotateImages(testContext(t), req)
		if err != nil {
			t.Fatalf("second call: %v", err)
		}
		if got := resp.GetResponses()[0].GetTextAnnotations()[0].GetDescription(); got != "7ABC123" {
			t.Errorf("second call text = %q", got)
		}
	}
	if s := srv.Stats(); s.Requests != 4 || s.Images != 4 || s.RPCFailures != 2 {
		t.Errorf("stats = %+v, want 4 requests, 4 images, 2 RPC failures", s)
	}
}

func TestClientDefaultRetryRidesOverFailFirst(t *testing.T) {
	// The real client retries UNAVAILABLE on its own (100 ms backoff): with fail_first a single
	// call from the worker still succeeds, and the server sees the extra attempt.
	m := &Manifest{FailFirst: 2, Default: FixtureEntry{Text: "7ABC123", Confidence: 0.9}}
	client, srv := startServer(t, NewFixtureEngine(m), nil, false)
	resp, err := client.BatchAnnotateImages(testContext(t), textRequest(&visionpb.Image{Content: smallPNG(t)}, visionpb.Feature_TEXT_DETECTION, false))
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.GetResponses()[0].GetTextAnnotations()[0].GetDescription(); got != "7ABC123" {
		t.Errorf("text = %q", got)
	}
	if got := srv.Stats().Requests; got != 3 {
		t.Errorf("server saw %d requests, want 3 (two injected failures, one success)", got)
	}
}

func TestUnavailableRateFailsWholeRPCs(t *testing.T) {
	client, _ := startServer(t, NewFixtureEngine(&Manifest{UnavailableRate: 1}), nil, true)
	_, err := client.BatchAnnotateImages(testContext(t), textRequest(&visionpb.Image{Content: smallPNG(t)}, visionpb.Feature_TEXT_DETECTION, false))
	if status.Code(err) != codes.Unavailable {
		t.Fatalf("err = %v, want Unavailable", err)
	}
}

func TestLatencyHonoursDeadline(t *testing.T) {
	client, _ := startServer(t, NewFixtureEngine(&Manifest{LatencyMS: 10_000}), nil, true)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := client.BatchAnnotateImages(ctx, textRequest(&visionpb.Image{Content: smallPNG(t)}, visionpb.Feature_TEXT_DETECTION, false))
	if status.Code(err) != codes.DeadlineExceeded {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
}

func TestBatchLimits(t *testing.T) {
	client, _ := startServer(t, plateFixture(), nil, true)
	_, err := client.BatchAnnotateImages(testContext(t), &visionpb.BatchAnnotateImagesRequest{})
	if status.Code(err) != codes.InvalidArgument {
		t.Errorf("empty batch: err = %v, want InvalidArgument", err)
	}
	req := &visionpb.BatchAnnotateImagesRequest{}
	for range MaxImagesPerRequest + 1 {
		req.Requests = append(req.Requests, textRequest(&visionpb.Image{Content: smallPNG(t)}, visionpb.Feature_TEXT_DETECTION, false).Requests[0])
	}
	_, err = client.BatchAnnotateImages(testContext(t), req)
	if status.Code(err) != codes.InvalidArgument {
		t.Errorf("17 images: err = %v, want InvalidArgument", err)
	}
}

// TestDecompressionBombsAreRefusedFromTheHeader: a valid PNG and JPEG headers declaring 30,000 ×
// 30,000 pixels are refused as Vision refuses them (over its 75 megapixels), per image, before
// their pixels (0.9 to 1.35 GB each) are allocated.
func TestDecompressionBombsAreRefusedFromTheHeader(t *testing.T) {
	client, _ := startServer(t, plateFixture(), nil, false)
	for name, data := range map[string][]byte{
		"png":  bombs.PNG(30000, 30000),
		"jpeg": bombs.JPEG(30000, 30000, false),
	} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		r := annotateOne(t, client, &visionpb.Image{Content: data}, visionpb.Feature_TEXT_DETECTION, false)
		runtime.ReadMemStats(&after)
		wantImageError(t, r, codes.InvalidArgument, "Image is 30000x30000 pixels, above the 75000000-pixel limit")
		if n := after.TotalAlloc - before.TotalAlloc; n > 64<<20 {
			t.Errorf("%s: %d MiB allocated for a refused image", name, n>>20)
		}
	}
}
