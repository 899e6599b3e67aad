package activities

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/photolimit"
	"github.com/tollbooth/tollbooth/internal/photolimit/bombs"
)

// memBucket is an in-memory PhotoReader.
type memBucket map[string][]byte

func (m memBucket) Size(_ context.Context, _, object string) (int64, error) {
	b, ok := m[object]
	if !ok {
		return 0, ErrObjectNotFound
	}
	return int64(len(b)), nil
}

func (m memBucket) Open(_ context.Context, _, object string) (io.ReadCloser, error) {
	b, ok := m[object]
	if !ok {
		return nil, ErrObjectNotFound
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

// memRecords is an in-memory RecordStore.
type memRecords map[string]capture.Record

func (m memRecords) Get(_ context.Context, id string) (*capture.Record, error) {
	if r, ok := m[id]; ok {
		return &r, nil
	}
	return nil, nil
}

func (m memRecords) Save(_ context.Context, rec capture.Record) (capture.Record, error) {
	m[rec.CaptureID] = rec
	return rec, nil
}

func testJPEG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for x := range 64 {
		img.Set(x, x%48, color.RGBA{200, 30, 30, 255})
	}
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, img, nil))
	return buf.Bytes()
}

func TestInspectPhotoRefusesBadInputWithAClearReason(t *testing.T) {
	at := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	good := testJPEG(t)
	name := func(booth string) string {
		return capture.ObjectName(booth, at, "00112233445566778899aabbccddeeff", "jpg")
	}
	big := append(append([]byte{}, good...), make([]byte, 2048)...)
	bucket := memBucket{
		name("north-01"): good,
		name("north-02"): []byte("%PDF-1.4 this is not a photo"),
		name("south-01"): good[:len(good)/2],
		name("south-02"): big,
		name("west-99"):  good,
		name("North_01"): good,
		"uploads/x.jpg":  good,
	} // east-01's photo is absent: deleted before the activity ran
	p := &Photos{Reader: bucket, Records: memRecords{}, Booths: capture.Booths{"north-01", "north-02", "south-01", "south-02", "east-01"}, MaxPhotoBytes: int64(len(good) + 1024), Decoder: photolimit.New(0, 0)}

	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	env.RegisterActivity(p)

	v, err := env.ExecuteActivity(p.InspectPhoto, InspectRequest{CaptureID: "ok", Bucket: "b", Object: name("north-01")})
	require.NoError(t, err)
	var photo Photo
	require.NoError(t, v.Get(&photo))
	require.Equal(t, "north-01", photo.BoothID)
	require.Equal(t, at, photo.CaptureTime)
	require.Len(t, photo.SHA256, 64)
	require.Equal(t, 64, photo.Width)

	for _, tc := range []struct{ object, reason string }{
		{name("north-02"), "not a JPEG or PNG image"},
		{name("south-01"), "damaged or truncated"},
		{name("south-02"), "over the"},
		{name("west-99"), "booth id \"west-99\" is unknown"},
		{name("North_01"), "booth id \"North_01\" is malformed"},
		{"uploads/x.jpg", "not laid out as photos/BOOTH"},
		{name("east-01"), "deleted before it could be read"},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := env.ExecuteActivity(p.InspectPhoto, InspectRequest{CaptureID: "x", Bucket: "b", Object: tc.object})
			var appErr *temporal.ApplicationError
			require.True(t, errors.As(err, &appErr), "got %v", err)
			require.Equal(t, ErrInvalidPhoto, appErr.Type())
			require.True(t, appErr.NonRetryable())
			require.Contains(t, appErr.Error(), tc.reason)
		})
	}
}

func TestInspectPhotoReturnsTheStoredRecordOfAFinishedCapture(t *testing.T) {
	rec := capture.Record{CaptureID: "done", Status: capture.StatusAccepted, Plate: "SORRY"}
	p := &Photos{Reader: memBucket{}, Records: memRecords{"done": rec}, MaxPhotoBytes: 1 << 20}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	env.RegisterActivity(p)

	v, err := env.ExecuteActivity(p.InspectPhoto, InspectRequest{CaptureID: "done", Bucket: "b", Object: "gone"})
	require.NoError(t, err)
	var photo Photo
	require.NoError(t, v.Get(&photo))
	require.NotNil(t, photo.Existing)
	require.Equal(t, "SORRY", photo.Existing.Plate)
}

// TestInspectPhotoRefusesDecompressionBombs: a valid 1 MB PNG declaring 30,000 × 30,000 pixels,
// and JPEG headers claiming the same, end as ErrInvalidPhoto (failed_input) with the reason, not
// retried, and having allocated almost nothing: the fault run's poison pill.
func TestInspectPhotoRefusesDecompressionBombs(t *testing.T) {
	at := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	bucket := memBucket{}
	for i, data := range [][]byte{bombs.PNG(30000, 30000), bombs.JPEG(30000, 30000, false), bombs.JPEG(30000, 30000, true)} {
		bucket[capture.ObjectName("north-01", at.Add(time.Duration(i)*time.Second), "00112233445566778899aabbccddeeff", "jpg")] = data
	}
	p := &Photos{Reader: bucket, Records: memRecords{}, Booths: capture.Booths{"north-01"}, MaxPhotoBytes: 10 << 20,
		Decoder: photolimit.New(photolimit.DefaultMaxPixels, photolimit.DefaultMemoryBytes)}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	env.RegisterActivity(p)
	for object := range bucket {
		var err error
		n := bombs.Allocated(func() {
			_, err = env.ExecuteActivity(p.InspectPhoto, InspectRequest{CaptureID: "bomb", Bucket: "b", Object: object})
		})
		var appErr *temporal.ApplicationError
		require.True(t, errors.As(err, &appErr), "got %v", err)
		require.Equal(t, ErrInvalidPhoto, appErr.Type())
		require.True(t, appErr.NonRetryable())
		require.Contains(t, appErr.Error(), "declares 30000 × 30000 pixels (900.0 megapixels), over the limit of 40.0 megapixels (TOLLBOOTH_MAX_PHOTO_PIXELS)")
		require.Less(t, n, uint64(32<<20), "no pixel of the 900-megapixel canvas was allocated (%d bytes)", n)
	}
}
