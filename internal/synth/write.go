package synth

import (
	"encoding/csv"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"strconv"
)

// TruthFile is the name of the truth table WriteDir writes beside the photos.
const TruthFile = "truth.csv"

// truthHeader is the first row of truth.csv.
var truthHeader = []string{"file", "plate", "shown", "region", "hard"}

// WriteDir writes opts.Count JPEG photos and truth.csv into dir, creating it. Each photo is
// encoded with its Sample.Quality. truth.csv is written last, so its presence means the set is
// complete.
func WriteDir(dir string, opts Options) ([]Sample, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	samples := make([]Sample, opts.Count)
	err = forEachPhoto(opts, func(i int, s Sample, img *image.RGBA) error {
		samples[i] = s
		return writeJPEG(filepath.Join(dir, s.File), img, s.Quality)
	})
	if err != nil {
		return nil, err
	}
	if err := writeTruth(filepath.Join(dir, TruthFile), samples); err != nil {
		return nil, err
	}
	return samples, nil
}

// EncodeJPEG writes img as a baseline JPEG; quality is clamped to 1..100.
func EncodeJPEG(w io.Writer, img image.Image, quality int) error {
	if img == nil {
		return errors.New("synth: nil image")
	}
	quality = min(max(quality, 1), 100)
	if err := jpeg.Encode(w, img, &jpeg.Options{Quality: quality}); err != nil {
		return fmt.Errorf("synth: encode jpeg: %w", err)
	}
	return nil
}

func writeJPEG(path string, img image.Image, quality int) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("synth: %w", cerr)
		}
	}()
	return EncodeJPEG(f, img, quality)
}

// WriteTruth writes samples as CSV with the header file,plate,shown,region,hard.
func WriteTruth(w io.Writer, samples []Sample) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(truthHeader); err != nil {
		return err
	}
	for _, s := range samples {
		if err := cw.Write([]string{s.File, s.Plate, s.Shown, s.Region, strconv.FormatBool(s.Hard)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeTruth(path string, samples []Sample) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("synth: %w", cerr)
		}
	}()
	if err := WriteTruth(f, samples); err != nil {
		return fmt.Errorf("synth: write %s: %w", path, err)
	}
	return nil
}

// ReadTruth parses a truth.csv written by WriteDir. Quality and PlateBox are not stored and stay
// zero.
func ReadTruth(r io.Reader) ([]Sample, error) {
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("synth: read truth: %w", err)
	}
	if len(rows) == 0 || fmt.Sprint(rows[0]) != fmt.Sprint(truthHeader) {
		return nil, fmt.Errorf("synth: truth header is not %v", truthHeader)
	}
	out := make([]Sample, 0, len(rows)-1)
	for n, row := range rows[1:] {
		hard, err := strconv.ParseBool(row[4])
		if err != nil {
			return nil, fmt.Errorf("synth: truth row %d: hard %q: %w", n+2, row[4], err)
		}
		out = append(out, Sample{File: row[0], Plate: row[1], Shown: row[2], Region: row[3], Hard: hard})
	}
	return out, nil
}
