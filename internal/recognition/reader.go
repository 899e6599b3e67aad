package recognition

import (
	"context"
	"errors"
	"fmt"

	"github.com/tollbooth/tollbooth/internal/autoaccept"
	"github.com/tollbooth/tollbooth/internal/photolimit"
	"github.com/tollbooth/tollbooth/internal/plate"
	"github.com/tollbooth/tollbooth/internal/platecrop"
)

// ErrImageRejected is wrapped by an Annotator when the service refuses the image itself (Vision's
// INVALID_ARGUMENT "Bad image data."): retrying cannot change its answer.
var ErrImageRejected = errors.New("image rejected by the recognizer")

// Request is one call to the recognizer.
type Request struct {
	// URI is a gs:// object the service reads itself; Content, when set, is sent instead.
	URI     string
	Content []byte
	// Document asks for DOCUMENT_TEXT_DETECTION (dense text, per-symbol confidences) instead of
	// TEXT_DETECTION.
	Document bool
	// Plates asks, in the same request, for OBJECT_LOCALIZATION's licence plates.
	Plates bool
}

// Annotator is the recognizer: Google Cloud Vision, or a server that speaks its API.
type Annotator interface {
	Annotate(ctx context.Context, req Request) (plate.Reading, error)
}

// Photo is the image of one capture: a gs:// URI the recognizer can read itself, or the bytes.
type Photo struct {
	URI     string
	Content []byte
	// Width and Height are its size in pixels, when known: the space of the recognizer's word
	// boxes, should the service not report it.
	Width, Height int
}

// Result is one read of a capture, as kept in the workflow's history and on the record.
type Result struct {
	RawText    string
	Candidates []plate.Candidate
	// PlateBox is the localized plate, normalized to 0..1 of the photo; nil when none was found.
	PlateBox *plate.Box `json:",omitempty"`
	// Own is the policy's judgement of this read alone; Verdict, of the capture's reads so far (for
	// the photo's read, the same; for the crop's, both reads together: see autoaccept.Agree).
	Own     autoaccept.Verdict
	Verdict autoaccept.Verdict
	// SecondOpinion, on the photo's read, says that the worker which made it has a second
	// recognizer (TOLLBOOTH_SECOND_OPINION_ENDPOINT): a plate the reads accept must be read alike by
	// it too. The capture workflow learns it here, from its history, never from configuration.
	SecondOpinion bool `json:",omitempty"`
}

// maxCandidates bounds what a result carries: a reviewer reads the list, and it travels in the
// workflow's history.
const maxCandidates = 5

// ReadPhoto reads the whole photo, its text and its plates in one request, and judges the read.
func ReadPhoto(ctx context.Context, v Annotator, photo Photo, policy autoaccept.Policy) (Result, error) {
	reading, err := v.Annotate(ctx, Request{URI: photo.URI, Content: photo.Content, Plates: true})
	if err != nil {
		return Result{}, err
	}
	if reading.Width <= 0 || reading.Height <= 0 {
		reading.Width, reading.Height = photo.Width, photo.Height
	}
	own := policy.Judge(autoaccept.Read{Reading: reading})
	res := result(reading, own, own)
	if best, ok := reading.BestPlate(); ok {
		res.PlateBox = &best.Box
	}
	return res, nil
}

// ReadCrop reads the plate's enlarged crop, a second read independent of the first one's
// resolution and clutter, judges it alone (all of a crop's text is on the plate), and returns the
// verdict of both reads together (autoaccept.Agree). name names this read in a reason sentence:
// CropReadName for the recognizer's own second read, SecondOpinionName for the second recognizer's.
// dec decodes the photo (platecrop.FromPhoto).
func ReadCrop(ctx context.Context, v Annotator, dec *photolimit.Decoder, photo []byte, box plate.Box, first autoaccept.Verdict, policy autoaccept.Policy, name string) (Result, error) {
	crop, err := platecrop.FromPhoto(ctx, dec, photo, box)
	if err != nil {
		return Result{}, err
	}
	content, err := platecrop.VisionPNG(crop)
	if err != nil {
		return Result{}, fmt.Errorf("encode the plate crop: %w", err)
	}
	reading, err := v.Annotate(ctx, Request{Content: content, Document: true})
	if err != nil {
		return Result{}, err
	}
	if reading.Width <= 0 || reading.Height <= 0 {
		reading.Width, reading.Height = crop.Bounds().Dx(), crop.Bounds().Dy()
	}
	second := policy.Judge(autoaccept.Read{Reading: reading, Crop: true})
	res := result(reading, second, autoaccept.Agree(first, second, name))
	res.PlateBox = &box
	return res, nil
}

// The names of the crop reads in reasons.
const (
	CropReadName      = "the plate's enlarged crop"
	SecondOpinionName = "the second recognizer"
)

func result(r plate.Reading, own, v autoaccept.Verdict) Result {
	res := Result{RawText: r.RawText, Own: own, Verdict: v}
	for _, c := range plate.Clean(r) {
		if len(res.Candidates) == maxCandidates {
			break
		}
		res.Candidates = append(res.Candidates, c)
	}
	return res
}

// NeedsCropRead says whether a capture's photo read calls for the second read, of the plate's
// crop: only a read the policy accepts on its own can become billable, and only a plate that was
// found can be cropped. Everything else goes to a person as it is, without a second Vision call.
func NeedsCropRead(first Result) bool {
	return first.Verdict.Acceptable() && first.PlateBox != nil
}
