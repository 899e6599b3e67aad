package gateway

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/signals"
)

// photoBytes serves one real JPEG for every object.
type photoBytes []byte

func (p photoBytes) Open(context.Context, string, string) (io.ReadCloser, error) {
	return io.NopCloser(bytes.NewReader(p)), nil
}

func TestTheReviewPageShowsThePlateCropAndBothReads(t *testing.T) {
	// A 400×300 photo, black, with a white 80×30 "plate" at (160, 200).
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	for y := 200; y < 230; y++ {
		for x := 160; x < 240; x++ {
			img.Set(x, y, color.White)
		}
	}
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}))
	rec := capture.Record{
		CaptureID: "plated", BoothID: "north-01", CaptureTime: time.Date(2026, 11, 25, 17, 0, 0, 0, time.UTC),
		PhotoURI: "gs://photos/photos/north-01/p.jpg", Status: capture.StatusAwaitingReview,
		ReasonCode: capture.ReasonReadsDisagree, Reason: "the photo reads 7ABC123 but the plate's enlarged crop reads 7ABC128",
		PlateBox: &capture.PlateBox{Left: 0.4, Top: 200.0 / 300, Width: 0.2, Height: 0.1},
		Reads: []capture.Read{
			{Source: capture.ReadPhoto, Plate: "7ABC123", Confidence: 0.93},
			{Source: capture.ReadPlateCrop, Plate: "7ABC128", Confidence: 0.96},
		},
	}
	secondOpinionRec := rec
	secondOpinionRec.CaptureID = "second"
	secondOpinionRec.Reason = "the photo reads 7ABC123 but the second recognizer reads 7WXY347"
	secondOpinionRec.Reads = []capture.Read{
		{Source: capture.ReadPhoto, Plate: "7ABC123", Confidence: 0.93},
		{Source: capture.ReadPlateCrop, Plate: "7ABC123", Confidence: 0.96},
		{Source: capture.ReadSecondOpinion, Plate: "7WXY347", Confidence: 0.97},
	}
	captures := &fakeCaptures{states: map[string]*signals.CaptureState{
		"plated": {Record: rec},
		"bare":   {Record: capture.Record{CaptureID: "bare", PhotoURI: "gs://photos/photos/north-01/b.jpg", Status: capture.StatusAwaitingReview}},
		"second": {Record: secondOpinionRec},
	}}
	g := &Gateway{Captures: captures, Photos: photoBytes(buf.Bytes()), Reviewers: fakeCreds{"alice": "alice-password"},
		PhotoBucket: "photos", Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	srv := httptest.NewServer(g.Handler())
	t.Cleanup(srv.Close)
	alice := signIn(t, srv, "alice", "alice-password")

	page := get(t, alice, srv.URL+"/review/plated", http.StatusOK)
	require.Contains(t, page, `id="plate-crop" src="/photo/plated/plate"`)
	require.Contains(t, page, "the plate&#39;s enlarged crop reads 7ABC128", "the reason's sentence")
	require.Contains(t, page, `data-code="reads-disagree"`)
	require.Regexp(t, `photo: <strong>7ABC123</strong>.*acceptable alone`, page)
	require.Regexp(t, `plate-crop: <strong>7ABC128</strong>`, page)

	resp, err := alice.Get(srv.URL + "/photo/plated/plate")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "image/png", resp.Header.Get("Content-Type"))
	crop, err := png.Decode(resp.Body)
	require.NoError(t, err)
	require.Greater(t, crop.Bounds().Dx(), 80*2, "enlarged: wider than the plate in the photo")
	r, _, _, _ := crop.At(crop.Bounds().Dx()/2, crop.Bounds().Dy()/2).RGBA()
	require.Greater(t, r, uint32(0xe000), "the crop's centre is the white plate")

	// The second recognizer's read is listed with the others (TOLLBOOTH_SECOND_OPINION_ENDPOINT).
	page = get(t, alice, srv.URL+"/review/second", http.StatusOK)
	require.Contains(t, page, "but the second recognizer reads 7WXY347")
	require.Regexp(t, `plate-crop: <strong>7ABC123</strong>.*acceptable alone`, page)
	require.Regexp(t, `second-opinion: <strong>7WXY347</strong>.*acceptable alone`, page)

	require.NotContains(t, get(t, alice, srv.URL+"/review/bare", http.StatusOK), "plate-crop", "no plate found: no crop")
	get(t, alice, srv.URL+"/photo/bare/plate", http.StatusNotFound)
}
