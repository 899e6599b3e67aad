package gateway

import (
	"bytes"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/photolimit"
	"github.com/tollbooth/tollbooth/internal/photolimit/bombs"
)

const fuzzBoundary = "tollbooth-fuzz"

// fuzzForm is a multipart body with the fuzz boundary: the fields in order, then the photo.
func fuzzForm(fields [][2]string, photo []byte) []byte {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	_ = mw.SetBoundary(fuzzBoundary)
	for _, f := range fields {
		_ = mw.WriteField(f[0], f[1])
	}
	if photo != nil {
		fw, _ := mw.CreateFormFile("photo", "photo.jpg")
		_, _ = fw.Write(photo)
	}
	_ = mw.Close()
	return b.Bytes()
}

// FuzzReadSubmission feeds arbitrary multipart bodies to the submission reader, behind the body
// limit the API puts on every upload. It never panics; it answers 400, 413 or 422 with a message,
// or accepts a submission that holds everything the workflow relies on: a known booth, an RFC 3339
// time not in the future, a JPEG or PNG photo within the byte and pixel limits.
func FuzzReadSubmission(f *testing.F) {
	var jpg bytes.Buffer
	_ = png.Encode(&jpg, image.NewGray(image.Rect(0, 0, 8, 8)))
	small := jpg.Bytes()
	good := [][2]string{{"booth_id", "north-01"}, {"capture_time", "2026-11-25T17:05:00Z"}}
	f.Add(fuzzForm(good, small))
	f.Add(fuzzForm(good, small[:len(small)/2]))
	f.Add(fuzzForm(good, bombs.PNGHeader(30000, 30000)))
	f.Add(fuzzForm(good, bombs.JPEG(30000, 30000, true)))
	f.Add(fuzzForm([][2]string{{"capture_time", "2026-11-25T17:05:00.123+01:00"}, {"booth_id", " north-01 "}, {"extra", "x"}}, small))
	f.Add(fuzzForm([][2]string{{"booth_id", "../../etc"}, {"capture_time", "yesterday"}}, []byte("hello")))
	f.Add(fuzzForm(nil, nil))
	f.Add([]byte("--" + fuzzBoundary + "\r\nContent-Disposition: form-data; name=\"photo\"\r\n\r\n\xff\xd8\xff"))

	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	a := &API{Booths: capture.Booths{"north-01", "south-01"}, MaxPhotoBytes: 64 << 10, Now: func() time.Time { return now },
		Decoder: photolimit.New(photolimit.DefaultMaxPixels, 16<<20)}
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/v1/captures", bytes.NewReader(body))
		r.Header.Set("Content-Type", "multipart/form-data; boundary="+fuzzBoundary)
		r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, a.MaxPhotoBytes+maxUploadOverhead)
		s, status, err := a.readSubmission(r)
		if err != nil {
			if status != http.StatusBadRequest && status != http.StatusRequestEntityTooLarge && status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d for %v", status, err)
			}
			if err.Error() == "" {
				t.Fatal("an empty error message")
			}
			return
		}
		if status != 0 {
			t.Fatalf("accepted with status %d", status)
		}
		if err := a.Booths.Check(s.booth); err != nil {
			t.Fatalf("accepted booth %q: %v", s.booth, err)
		}
		if s.at.IsZero() || s.at.After(now.Add(maxFutureSkew)) {
			t.Fatalf("accepted capture time %v", s.at)
		}
		if len(s.photo) == 0 || int64(len(s.photo)) > a.MaxPhotoBytes {
			t.Fatalf("accepted a photo of %d bytes", len(s.photo))
		}
		if (s.ext != "jpg" || s.contentType != "image/jpeg") && (s.ext != "png" || s.contentType != "image/png") {
			t.Fatalf("accepted %q as %q", s.contentType, s.ext)
		}
		if _, _, err := a.Decoder.Check(s.photo); err != nil {
			t.Fatalf("accepted a photo the decoder refuses: %v", err)
		}
		capture.ObjectName(s.booth, s.at, "00112233445566778899aabbccddeeff", s.ext) // the name it will be stored under
	})
}
