package activities

import (
	"context"
	"io"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/plate"
)

// PhotoReader reads photos from the bucket.
type PhotoReader interface {
	// Size returns the object's size in bytes, or an error wrapping ErrObjectNotFound.
	Size(ctx context.Context, bucket, object string) (int64, error)
	Open(ctx context.Context, bucket, object string) (io.ReadCloser, error)
}

// TextDetector asks the OCR service (Google Cloud Vision) for the text in a photo.
type TextDetector interface {
	DetectText(ctx context.Context, photoURI string, mode DetectionMode) (plate.Reading, error)
}

// RecordReader reads capture records.
type RecordReader interface {
	// Get returns the record, or nil and no error when there is none.
	Get(ctx context.Context, captureID string) (*capture.Record, error)
}

// RecordStore keeps capture records.
type RecordStore interface {
	RecordReader
	// Save writes the record idempotently and returns what is stored: a final record written by
	// another run is never overwritten, and is returned instead.
	Save(ctx context.Context, rec capture.Record) (capture.Record, error)
}

// DetectionMode chooses how hard the recognizer tries.
type DetectionMode string

const (
	// ModeText is Vision's TEXT_DETECTION: fast, for photos of scenes.
	ModeText DetectionMode = "TEXT_DETECTION"
	// ModeDocument is DOCUMENT_TEXT_DETECTION, the stronger second attempt for dense or small text.
	ModeDocument DetectionMode = "DOCUMENT_TEXT_DETECTION"
)
