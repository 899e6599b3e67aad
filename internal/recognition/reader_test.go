package recognition

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"testing"

	"github.com/tollbooth/tollbooth/internal/autoaccept"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/photolimit"
	"github.com/tollbooth/tollbooth/internal/plate"
)

// fake answers each request with the text its script gives for it, and records the requests. It
// stands for Vision in this unit test only.
type fake struct {
	photoText, cropText string
	plates              []plate.PlateObject
	requests            []Request
}

func (f *fake) Annotate(_ context.Context, req Request) (plate.Reading, error) {
	f.requests = append(f.requests, req)
	text, w, h := f.photoText, 0, 0 // the photo's size left out, as a service may
	if req.Content != nil {
		img, _, err := image.Decode(bytes.NewReader(req.Content))
		if err != nil {
			return plate.Reading{}, err
		}
		text, w, h = f.cropText, img.Bounds().Dx(), img.Bounds().Dy()
	}
	r := plate.Reading{RawText: text, Width: w, Height: h}
	// The words stand where the plate is: the middle of whichever image was read.
	ww, hh := float64(w), float64(h)
	if req.Content == nil {
		ww, hh = 400, 300
	}
	r.Words = []plate.Word{{Text: text, Confidence: 0.97, Left: ww * 0.3, Top: hh * 0.45, Right: ww * 0.7, Bottom: hh * 0.55, Height: hh * 0.1}}
	if req.Plates {
		r.Plates = f.plates
	}
	return r, nil
}

func photoPNG(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 400, 300))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var california = autoaccept.Policy{Jurisdictions: []string{"us-ca"}, MinConfidence: 0.8}

func TestReadPhotoAsksForTextAndPlatesAndKeepsTheBestPlate(t *testing.T) {
	f := &fake{photoText: "7ABC123", plates: []plate.PlateObject{
		{Box: plate.Box{Left: 0.1, Top: 0.1, Width: 0.1, Height: 0.1}, Score: 0.4},
		{Box: plate.Box{Left: 0.25, Top: 0.4, Width: 0.5, Height: 0.2}, Score: 0.9},
	}}
	res, err := ReadPhoto(context.Background(), f, Photo{URI: "gs://b/o.jpg", Width: 400, Height: 300}, california)
	if err != nil {
		t.Fatal(err)
	}
	if req := f.requests[0]; req.URI != "gs://b/o.jpg" || !req.Plates || req.Document {
		t.Errorf("request %+v, want the photo's URI with plates, TEXT_DETECTION", req)
	}
	if res.PlateBox == nil || res.PlateBox.Left != 0.25 {
		t.Errorf("plate box %+v, want the higher-scored plate", res.PlateBox)
	}
	if !res.Verdict.Acceptable() || res.Verdict.Plate != "7ABC123" || !NeedsCropRead(res) {
		t.Errorf("verdict %+v, want 7ABC123 acceptable and a crop read to follow", res.Verdict)
	}
}

func TestNoCropReadWithoutAPlateOrAnAcceptableRead(t *testing.T) {
	f := &fake{photoText: "7ABC123"}
	res, err := ReadPhoto(context.Background(), f, Photo{URI: "gs://b/o.jpg", Width: 400, Height: 300}, california)
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict.Code != capture.ReasonNoPlateFound || NeedsCropRead(res) {
		t.Errorf("verdict %+v: no plate box, so no crop read", res.Verdict)
	}
}

func TestReadCropSendsTheEnlargedCropAndRequiresAgreement(t *testing.T) {
	box := plate.Box{Left: 0.25, Top: 0.4, Width: 0.5, Height: 0.2}
	first := autoaccept.Verdict{Plate: "7ABC123", Confidence: 0.97, Jurisdiction: "us-ca", Format: "us-ca-1980"}
	f := &fake{cropText: "7ABC123"}
	res, err := ReadCrop(context.Background(), f, photolimit.New(0, 0), photoPNG(t), box, first, california, CropReadName)
	if err != nil {
		t.Fatal(err)
	}
	req := f.requests[0]
	if req.Content == nil || !req.Document || req.Plates {
		t.Errorf("request %+v, want the crop's bytes with DOCUMENT_TEXT_DETECTION", req)
	}
	crop, _, _ := image.Decode(bytes.NewReader(req.Content))
	if crop.Bounds().Dy() <= 60 { // the box is 60 px tall on the photo
		t.Errorf("crop %v is not enlarged", crop.Bounds())
	}
	if !res.Verdict.Acceptable() || res.PlateBox == nil || *res.PlateBox != box {
		t.Errorf("result %+v, want both reads agreeing on the box's plate", res)
	}

	f = &fake{cropText: "7ABC128"}
	res, _ = ReadCrop(context.Background(), f, photolimit.New(0, 0), photoPNG(t), box, first, california, CropReadName)
	if res.Verdict.Code != capture.ReasonReadsDisagree || res.Own.Plate != "7ABC128" {
		t.Errorf("verdict %+v (own %+v), want reads-disagree with the crop's own read kept", res.Verdict, res.Own)
	}

	if _, err := ReadCrop(context.Background(), f, photolimit.New(0, 0), photoPNG(t), plate.Box{Left: 2, Top: 2, Width: 0.1, Height: 0.1}, first, california, CropReadName); err == nil {
		t.Error("a box outside the photo gave a crop")
	}
}
