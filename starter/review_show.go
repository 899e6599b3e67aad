package main

import (
	"context"
	"flag"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tollbooth/tollbooth/internal/app"
	"github.com/tollbooth/tollbooth/internal/capture"
	"github.com/tollbooth/tollbooth/internal/photolimit"
	"github.com/tollbooth/tollbooth/internal/plate"
	"github.com/tollbooth/tollbooth/internal/platecrop"
	"github.com/tollbooth/tollbooth/signals"
)

// cropColumns is how wide `review show` draws the plate in a terminal.
const cropColumns = 72

// runReviewShow prints what a reviewer needs to decide a capture: why it waits for a person, the
// recognizer's reads and candidates, and the plate's enlarged crop (written to a PNG file, and drawn
// in the terminal when the output is one). --json prints the whole state instead.
func runReviewShow(ctx context.Context, env *cli, args []string) error {
	fs := flag.NewFlagSet("review show", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the capture's whole state as JSON")
	cropDir := fs.String("crop-dir", os.TempDir(), "folder for the plate crop's PNG")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: give exactly one CAPTURE_ID", errUsage)
	}
	if *asJSON {
		return showCapture(ctx, env, pos[0])
	}
	captures, err := env.captures(ctx)
	if err != nil {
		return err
	}
	st, err := captures.Show(ctx, pos[0])
	if err != nil {
		return err
	}
	printReview(env.stdout, st)
	if st.PlateBox == nil {
		fmt.Fprintln(env.stdout, "plate crop:  none (the recognizer found no plate): look at the whole photo")
		return nil
	}
	crop, err := plateCrop(ctx, env, st.Record)
	if err != nil {
		return fmt.Errorf("crop the plate out of %s: %w", st.PhotoURI, err)
	}
	png, err := platecrop.PNG(crop)
	if err != nil {
		return err
	}
	path := filepath.Join(*cropDir, "tollbooth-plate-"+st.CaptureID+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		return fmt.Errorf("write the plate crop: %w", err)
	}
	fmt.Fprintf(env.stdout, "plate crop:  %s (enlarged)\n", path)
	if isTerminal(env.stdout) {
		return platecrop.WriteANSI(env.stdout, crop, cropColumns)
	}
	return nil
}

// printReview writes the capture's state for a reviewer.
func printReview(w io.Writer, st signals.CaptureState) {
	fmt.Fprintf(w, "capture %s  booth %s  taken %s  status %s\n", st.CaptureID, st.BoothID, st.CaptureTime.Format("2006-01-02 15:04:05Z07:00"), st.Status)
	if st.Reason != "" {
		fmt.Fprintf(w, "why:         [%s] %s\n", st.ReasonCode, st.Reason)
	}
	for _, r := range st.Reads {
		verdict := "acceptable alone"
		if r.ReasonCode != "" {
			verdict = string(r.ReasonCode)
		}
		fmt.Fprintf(w, "read (%s): %s at %.2f, %s\n", r.Source, orDash(r.Plate), r.Confidence, verdict)
	}
	var cands []string
	for _, c := range st.Candidates {
		cands = append(cands, fmt.Sprintf("%s %.2f", c.Plate, c.Confidence))
	}
	fmt.Fprintf(w, "candidates:  %s\n", orDash(strings.Join(cands, ", ")))
	if st.Decision != "" {
		fmt.Fprintf(w, "decided:     %s%s\n", st.Decision, plateSuffix(st.Plate))
	}
	fmt.Fprintf(w, "photo:       %s\n", st.PhotoURI)
	if st.Status == capture.StatusAwaitingReview {
		fmt.Fprintf(w, "decide with: starter review submit %s --plate TEXT --reviewer YOU   (or --unreadable)\n", st.CaptureID)
	}
}

// plateCrop reads the capture's photo and cuts its plate out, as the worker's crop read does.
func plateCrop(ctx context.Context, env *cli, rec capture.Record) (image.Image, error) {
	bucket, object, ok := capture.SplitPhotoURI(rec.PhotoURI)
	if !ok {
		return nil, fmt.Errorf("%s is not a gs:// photo", rec.PhotoURI)
	}
	cloud, err := env.cloudClients(ctx, app.NeedStorage)
	if err != nil {
		return nil, err
	}
	r, err := cloud.Storage.Bucket(bucket).Object(object).NewReader(ctx)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	cfg, err := env.config()
	if err != nil {
		return nil, err
	}
	b := rec.PlateBox
	return platecrop.FromPhoto(ctx, photolimit.New(cfg.MaxPhotoPixels, cfg.DecodeMemoryBytes), data, plate.Box{Left: b.Left, Top: b.Top, Width: b.Width, Height: b.Height})
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

func plateSuffix(p string) string {
	if p == "" {
		return ""
	}
	return ", plate " + p
}
