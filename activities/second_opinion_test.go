package activities_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/tollbooth/tollbooth/activities"
	"github.com/tollbooth/tollbooth/internal/autoaccept"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/internal/photolimit"
	"github.com/tollbooth/tollbooth/internal/photolimit/bombs"
	"github.com/tollbooth/tollbooth/internal/plate"
	"github.com/tollbooth/tollbooth/internal/recognition"
	"github.com/tollbooth/tollbooth/internal/visionserver"
)

// onePhoto is a bucket that holds one photo.
type onePhoto struct {
	object string
	data   []byte
}

func (p onePhoto) Size(_ context.Context, _, object string) (int64, error) {
	if object != p.object {
		return 0, activities.ErrObjectNotFound
	}
	return int64(len(p.data)), nil
}

func (p onePhoto) Open(_ context.Context, _, object string) (io.ReadCloser, error) {
	if object != p.object {
		return nil, activities.ErrObjectNotFound
	}
	return io.NopCloser(bytes.NewReader(p.data)), nil
}

// secondRecognizer is a Vision-compatible server (fixture engine) that reads every image as text,
// reached through the production client, as the worker reaches the second recognizer. It serves
// photo as gs://photos/p.jpg.
func secondRecognizer(t *testing.T, text string, photo []byte) *gcp.Vision {
	t.Helper()
	engine := visionserver.NewFixtureEngine(&visionserver.Manifest{Default: visionserver.FixtureEntry{Text: text, Confidence: 0.95}})
	srv, err := visionserver.NewServer(engine, visionserver.MapFetcher{"gs://photos/p.jpg": photo}, nil).Start("127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { srv.Stop(context.Background()) })
	v, err := gcp.NewVision(context.Background(), srv.Addr)
	require.NoError(t, err)
	t.Cleanup(func() { _ = v.Close() })
	return v
}

func photoJPEG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 320, 240))
	for x := range 320 {
		img.Set(x, x%240, color.RGBA{200, 30, 30, 255})
	}
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, img, nil))
	return buf.Bytes()
}

// agreed is what the first recognizer's two reads agreed on.
var agreed = autoaccept.Verdict{Plate: "7ABC123", Confidence: 0.93, Jurisdiction: "us-ca", Format: "us-ca-1980"}

func readSecondOpinion(t *testing.T, s *activities.SecondOpinion, object string) (recognition.Result, error) {
	t.Helper()
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestActivityEnvironment()
	env.RegisterActivity(s)
	v, err := env.ExecuteActivity(s.ReadSecondOpinion, activities.CropRequest{
		ReadRequest: activities.ReadRequest{CaptureID: "cap1", Bucket: "photos", Object: object, BoothID: "north-01", Width: 320, Height: 240, MinConfidence: 0.8},
		Box:         plate.Box{Left: 0.3, Top: 0.5, Width: 0.4, Height: 0.15},
		First:       agreed,
	})
	if err != nil {
		return recognition.Result{}, err
	}
	var res recognition.Result
	require.NoError(t, v.Get(&res))
	return res, nil
}

func TestReadSecondOpinionAgreesOnlyOnTheSamePlate(t *testing.T) {
	photo := onePhoto{object: "p.jpg", data: photoJPEG(t)}
	california := func(string) []string { return []string{"us-ca"} }

	same, err := readSecondOpinion(t, &activities.SecondOpinion{Vision: secondRecognizer(t, "7ABC123", photo.data), Photos: photo, Jurisdictions: california, Decoder: photolimit.New(0, 0)}, "p.jpg")
	require.NoError(t, err)
	require.Equal(t, "7ABC123", same.Own.Plate)
	require.True(t, same.Own.Acceptable(), "the second recognizer's read is judged on its own: %+v", same.Own)
	require.True(t, same.Verdict.Acceptable(), "all reads agree: %+v", same.Verdict)
	require.Equal(t, "7ABC123", same.Verdict.Plate)

	other, err := readSecondOpinion(t, &activities.SecondOpinion{Vision: secondRecognizer(t, "7ABC128", photo.data), Photos: photo, Jurisdictions: california, Decoder: photolimit.New(0, 0)}, "p.jpg")
	require.NoError(t, err)
	require.Equal(t, "7ABC128", other.Own.Plate)
	require.True(t, other.Own.Acceptable(), "acceptable alone: %+v", other.Own)
	require.Equal(t, capture.ReasonReadsDisagree, other.Verdict.Code)
	require.Equal(t, "the photo reads 7ABC123 but the second recognizer reads 7ABC128", other.Verdict.Reason)
}

func TestReadSecondOpinionFailures(t *testing.T) {
	photo := onePhoto{object: "p.jpg", data: photoJPEG(t)}
	s := &activities.SecondOpinion{Vision: secondRecognizer(t, "7ABC123", photo.data), Photos: photo, Decoder: photolimit.New(0, 0)}

	_, err := readSecondOpinion(t, s, "deleted.jpg")
	var appErr *temporal.ApplicationError
	require.True(t, errors.As(err, &appErr), "%v", err)
	require.Equal(t, activities.ErrPhotoRejected, appErr.Type(), "a deleted photo is not retried")
	require.True(t, appErr.NonRetryable())

	// A photo that cannot be decoded to crop fails the same way every time: not retried either.
	for name, data := range map[string][]byte{
		"truncated": photo.data[:len(photo.data)/2],
		"bomb":      bombs.JPEG(30000, 30000, false),
	} {
		bad := &activities.SecondOpinion{Vision: s.Vision, Photos: onePhoto{object: "p.jpg", data: data}, Decoder: photolimit.New(0, 0)}
		_, err = readSecondOpinion(t, bad, "p.jpg")
		require.True(t, errors.As(err, &appErr), "%s: %v", name, err)
		require.Equal(t, activities.ErrPhotoRejected, appErr.Type(), name)
		require.True(t, appErr.NonRetryable(), name)
		require.Contains(t, appErr.Message(), "could not be cut out", name)
	}

	// A second recognizer that is down: an error the workflow's bounded retries handle.
	down, err := gcp.NewVision(context.Background(), "127.0.0.1:1")
	require.NoError(t, err)
	defer down.Close()
	_, err = readSecondOpinion(t, &activities.SecondOpinion{Vision: down, Photos: photo, Decoder: photolimit.New(0, 0)}, "p.jpg")
	require.Error(t, err)
	require.False(t, errors.As(err, &appErr) && appErr.NonRetryable(), "retryable: %v", err)
}

// ReadPlate tells the workflow whether this worker has a second recognizer.
func TestReadPlateSaysWhetherASecondRecognizerIsConfigured(t *testing.T) {
	v := secondRecognizer(t, "7ABC123", photoJPEG(t))
	for _, configured := range []bool{false, true} {
		r := &activities.Recognizer{Vision: v, SecondOpinion: configured}
		var suite testsuite.WorkflowTestSuite
		env := suite.NewTestActivityEnvironment()
		env.RegisterActivity(r)
		val, err := env.ExecuteActivity(r.ReadPlate, activities.ReadRequest{CaptureID: "cap1", Bucket: "photos", Object: "p.jpg", Width: 320, Height: 240})
		require.NoError(t, err)
		var res recognition.Result
		require.NoError(t, val.Get(&res))
		require.Equal(t, configured, res.SecondOpinion)
	}
}
