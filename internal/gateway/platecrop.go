package gateway

import (
	"errors"
	"io"
	"net/http"

	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/photolimit"
	"github.com/tollbooth/tollbooth/internal/plate"
	"github.com/tollbooth/tollbooth/internal/platecrop"
)

// plateCrop answers the capture's plate, cut out of its photo and enlarged (PNG): what the reviewer
// reads and types, beside the whole photo. 404 when the recognizer found no plate.
func (g *Gateway) plateCrop(w http.ResponseWriter, r *http.Request, _ session) {
	id := r.PathValue("id")
	st, ok := g.show(w, r, id)
	if !ok {
		return
	}
	bucket, object, ok := capture.SplitPhotoURI(st.PhotoURI)
	if !ok || bucket != g.PhotoBucket || st.PlateBox == nil {
		http.Error(w, "no plate was found on this capture's photo", http.StatusNotFound)
		return
	}
	rc, err := g.Photos.Open(r.Context(), bucket, object)
	if err != nil {
		g.fail(w, r, "open the photo", err)
		return
	}
	data, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		g.fail(w, r, "read the photo", err)
		return
	}
	b := st.PlateBox
	crop, err := platecrop.FromPhoto(r.Context(), g.Decoder, data, plate.Box{Left: b.Left, Top: b.Top, Width: b.Width, Height: b.Height})
	switch {
	case errors.Is(err, platecrop.ErrOutside):
		http.Error(w, "the plate's box is outside the photo", http.StatusNotFound)
		return
	case photolimit.Refused(err):
		http.Error(w, "the photo cannot be decoded to crop its plate: "+err.Error(), http.StatusUnprocessableEntity)
		return
	case err != nil:
		g.fail(w, r, "decode the photo", err)
		return
	}
	png, err := platecrop.PNG(crop)
	if err != nil {
		g.fail(w, r, "encode the plate crop", err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, max-age=3600")
	_, _ = w.Write(png)
}
