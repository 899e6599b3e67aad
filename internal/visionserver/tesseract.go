package visionserver

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"

	"google.golang.org/grpc/codes"
)

// tesseractInstallHint is what to do when tesseract is missing.
const tesseractInstallHint = "install Debian's tesseract-ocr (apt-get install tesseract-ocr), or start the server with -engine fixture"

// TesseractOptions configures the tesseract engine; zero values pick the defaults.
type TesseractOptions struct {
	// Path is the tesseract binary; default "tesseract" from PATH.
	Path string
	// Language is the traineddata to use; default "eng".
	Language string
	// Concurrency bounds images read at once (each is one tesseract process); default
	// runtime.NumCPU().
	Concurrency int
	// TextPSM is the page segmentation mode for TEXT_DETECTION; default 11 (sparse text), which
	// suits a plate somewhere in a photo of a car.
	TextPSM int
	// DocumentPSM is the page segmentation mode for DOCUMENT_TEXT_DETECTION after preprocessing;
	// default 11 as well (see DefaultDocumentPSM).
	DocumentPSM int
}

// DefaultDocumentPSM is the mode for DOCUMENT_TEXT_DETECTION. Toll photos are car backs with a
// small plate among bumpers, lights and frames, not documents: on the sample photos the
// uniform-block mode (6) returned mostly noise and auto layout (3) often nothing, while sparse
// text (11) on the enlarged grayscale image read the most plates.
const DefaultDocumentPSM = 11

// TesseractEngine reads text with the tesseract command, one process per image.
type TesseractEngine struct {
	path    string
	lang    string
	textPSM int
	docPSM  int
	slots   chan struct{} // semaphore: one slot per image being read (preprocessing and tesseract)
}

// NewTesseractEngine finds tesseract and checks that the language data is installed.
func NewTesseractEngine(ctx context.Context, opts TesseractOptions) (*TesseractEngine, error) {
	if opts.Path == "" {
		opts.Path = "tesseract"
	}
	if opts.Language == "" {
		opts.Language = "eng"
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = runtime.NumCPU()
	}
	if opts.TextPSM == 0 {
		opts.TextPSM = 11
	}
	if opts.DocumentPSM == 0 {
		opts.DocumentPSM = DefaultDocumentPSM
	}
	path, err := exec.LookPath(opts.Path)
	if err != nil {
		return nil, fmt.Errorf("tesseract not found (%v): %s", err, tesseractInstallHint)
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "--list-langs").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("run %s --list-langs: %v: %s; %s", path, err, bytes.TrimSpace(out), tesseractInstallHint)
	}
	if !hasLanguage(out, opts.Language) {
		return nil, fmt.Errorf("tesseract has no %q language data; install it (apt-get install tesseract-ocr-%s)", opts.Language, opts.Language)
	}
	return &TesseractEngine{
		path:    path,
		lang:    opts.Language,
		textPSM: opts.TextPSM,
		docPSM:  opts.DocumentPSM,
		slots:   make(chan struct{}, opts.Concurrency),
	}, nil
}

func hasLanguage(listLangs []byte, lang string) bool {
	for _, l := range strings.Split(string(listLangs), "\n") {
		if strings.TrimSpace(l) == lang {
			return true
		}
	}
	return false
}

// Name is "tesseract".
func (t *TesseractEngine) Name() string { return "tesseract" }

// Annotate reads the image. TEXT_DETECTION feeds the original bytes to tesseract as is;
// DOCUMENT_TEXT_DETECTION, the stronger second attempt, first cleans the image up (see
// preprocessForOCR) and maps the boxes back to the original's coordinates.
func (t *TesseractEngine) Annotate(ctx context.Context, img Image, mode Mode) (*Result, error) {
	// One slot covers preprocessing too: resizing a photo costs CPU and memory on the same scale
	// as the OCR run, and the bound exists to keep both in check under a burst.
	select {
	case t.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-t.slots }()

	encoded, psm, scale := img.Bytes, t.textPSM, 1.0
	if mode == ModeDocument {
		var err error
		if encoded, scale, err = preprocessForOCR(img.Decoded); err != nil {
			return nil, err
		}
		psm = t.docPSM
	}
	res, err := t.run(ctx, encoded, psm, scale)
	if err != nil {
		return nil, err
	}
	b := img.Decoded.Bounds()
	res.Width, res.Height = b.Dx(), b.Dy()
	return res, nil
}

// run feeds one encoded image to tesseract and parses its TSV; scale is how much the image was
// resized, so boxes are divided by it.
func (t *TesseractEngine) run(ctx context.Context, encoded []byte, psm int, scale float64) (*Result, error) {
	cmd := exec.CommandContext(ctx, t.path, "stdin", "stdout", "-l", t.lang, "--psm", strconv.Itoa(psm), "tsv")
	cmd.Stdin = bytes.NewReader(encoded)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// tesseract's OpenMP threads would multiply with our own process-level parallelism and make
	// every run slower; one thread per process, NumCPU processes, uses the machine best.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if strings.Contains(stderr.String(), "pixReadMem") || strings.Contains(stderr.String(), "Error in pixRead") {
			// Go decoded it but leptonica could not: as far as the caller can tell, bad data.
			return nil, ImageError(codes.InvalidArgument, badImageData)
		}
		return nil, ImageError(codes.Internal, "tesseract failed (%v): %s; check that `tesseract --version` runs on this machine", err, lastLine(stderr.String()))
	}
	res, err := parseTesseractTSV(stdout.Bytes(), scale)
	if err != nil {
		return nil, ImageError(codes.Internal, "could not parse tesseract output: %v", err)
	}
	return res, nil
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// tsvColumns is tesseract's TSV header; parsing checks it so a future format change fails loudly.
const tsvColumns = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"

// parseTesseractTSV groups the word rows (level 5) by block, paragraph and line, in tesseract's
// reading order. Rows without text or with conf -1 are layout rows, not words.
func parseTesseractTSV(tsv []byte, scale float64) (*Result, error) {
	sc := bufio.NewScanner(bytes.NewReader(tsv))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	if !sc.Scan() {
		return &Result{}, sc.Err()
	}
	if header := strings.TrimRight(sc.Text(), "\r"); header != tsvColumns {
		return nil, fmt.Errorf("unexpected TSV header %q", header)
	}
	type lineKey struct{ page, block, par, line int }
	type parKey struct{ page, block, par int }
	type blockKey struct{ page, block int }
	res := &Result{}
	var (
		curBlock blockKey
		curPar   parKey
		curLine  lineKey
		started  bool
	)
	for sc.Scan() {
		fields := strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t")
		if len(fields) < 12 || fields[0] != "5" {
			continue
		}
		text := strings.TrimSpace(strings.Join(fields[11:], " "))
		conf, err := strconv.ParseFloat(fields[10], 64)
		if err != nil {
			return nil, fmt.Errorf("conf %q: %w", fields[10], err)
		}
		if text == "" || conf < 0 {
			continue
		}
		var n [10]int
		for i := range 10 {
			if n[i], err = strconv.Atoi(fields[i]); err != nil {
				return nil, fmt.Errorf("column %d %q: %w", i, fields[i], err)
			}
		}
		bk := blockKey{n[1], n[2]}
		pk := parKey{n[1], n[2], n[3]}
		lk := lineKey{n[1], n[2], n[3], n[4]}
		if !started || bk != curBlock {
			res.Blocks = append(res.Blocks, Block{})
		}
		block := &res.Blocks[len(res.Blocks)-1]
		if !started || pk != curPar {
			block.Paragraphs = append(block.Paragraphs, Paragraph{})
		}
		par := &block.Paragraphs[len(block.Paragraphs)-1]
		if !started || lk != curLine {
			par.Lines = append(par.Lines, Line{})
		}
		line := &par.Lines[len(par.Lines)-1]
		curBlock, curPar, curLine, started = bk, pk, lk, true

		left, top, w, h := n[6], n[7], n[8], n[9]
		box := image.Rect(unscale(left, scale), unscale(top, scale), unscale(left+w, scale), unscale(top+h, scale))
		line.Words = append(line.Words, Word{Text: text, Box: box, Confidence: float32(conf / 100)})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return res, nil
}

func unscale(v int, scale float64) int {
	if scale == 1 || scale == 0 {
		return v
	}
	return int(float64(v)/scale + 0.5)
}
