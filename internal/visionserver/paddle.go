package visionserver

import (
	"context"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"sync"

	ort "github.com/yalue/onnxruntime_go"
	"google.golang.org/grpc/codes"
)

// The PaddleOCR files the paddle engine reads from its model folder: PP-OCRv4 text detection and
// recognition, and the recognizer's character list.
const (
	PaddleDetectionModel   = "ch_PP-OCRv4_det_infer.onnx"
	PaddleRecognitionModel = "ch_PP-OCRv4_rec_infer.onnx"
	PaddleDictionary       = "ppocr_keys_v1.txt"
)

// paddleSetupHint is what to do when the models or the runtime are missing or damaged.
const paddleSetupHint = "run `make tools` (it fetches and checks the PaddleOCR models and ONNX Runtime into the tools cache), " +
	"or point -paddle-models / -onnxruntime-lib at them, or start the server with -engine tesseract"

// PaddleOptions configures the paddle engine.
type PaddleOptions struct {
	// ModelDir holds PaddleDetectionModel, PaddleRecognitionModel and PaddleDictionary.
	ModelDir string
	// LibraryPath is ONNX Runtime's shared library (libonnxruntime.so.1), loaded at start.
	LibraryPath string
	// Concurrency bounds photos read at once; default 1. Each photo in flight holds the
	// detection network's working memory (about 300 MB for a 960-pixel input), so this bounds
	// memory as well as CPU: scale with replicas rather than concurrency.
	Concurrency int
	// Threads is ONNX Runtime's intra-op threads per model run; default 1.
	Threads int
}

// recHeight is the recognition model's input height; crops are resized to it.
const recHeight = 48

// recMinWidth is PaddleOCR's narrowest recognition input (ratio 320:48); shorter crops are padded.
const recMinWidth = 320

// recMaxRatio caps a crop's width:height: a region wider than this is not one plate's line.
const recMaxRatio = 25

// recBatch is how many crops go through the recognizer in one run (PaddleOCR's rec_batch_num).
const recBatch = 6

// minLineScore drops recognized lines below this mean character probability (PaddleOCR's
// drop_score): they are texture the detector took for text, not text.
const minLineScore = 0.5

// maxVerticalRatio skips regions much taller than wide: vertical text, never a plate's line.
const maxVerticalRatio = 1.5

// detectionLimit is the longer side, in pixels, that photos are scaled down to for detection.
// PaddleOCR's default is 960; on the openalpr-br photos 640 read as many plates (103 of 114 at
// 640, 102 at 960, fewer at 1280) for half the CPU, and it bounds the detection network's working
// memory, which grows with the input's area (the server peaked at 400 MB at 640, 750 MB at 960).
const detectionLimit = 640

// PaddleEngine reads text with PaddleOCR's PP-OCRv4 models on ONNX Runtime: DB text detection,
// then CRNN recognition with CTC decoding restricted to plate characters.
type PaddleEngine struct {
	det, rec *ort.DynamicAdvancedSession
	dict     *ctcDictionary
	slots    chan struct{}
}

// NewPaddleEngine loads ONNX Runtime and the models, and checks that they fit together, so a
// missing or damaged file is reported now rather than at the first photo.
func NewPaddleEngine(opts PaddleOptions) (*PaddleEngine, error) {
	if opts.Concurrency <= 0 {
		opts.Concurrency = 1
	}
	if opts.Threads <= 0 {
		opts.Threads = 1
	}
	paths := map[string]string{}
	for _, f := range []string{PaddleDetectionModel, PaddleRecognitionModel, PaddleDictionary} {
		p := filepath.Join(opts.ModelDir, f)
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("paddle engine: model file %s is missing (%v); %s", p, err, paddleSetupHint)
		}
		paths[f] = p
	}
	dict, err := loadCTCDictionary(paths[PaddleDictionary])
	if err != nil {
		return nil, fmt.Errorf("paddle engine: character list %s: %v; %s", paths[PaddleDictionary], err, paddleSetupHint)
	}
	if err := initONNXRuntime(opts.LibraryPath); err != nil {
		return nil, err
	}
	e := &PaddleEngine{dict: dict, slots: make(chan struct{}, opts.Concurrency)}
	if e.det, err = openModel(paths[PaddleDetectionModel], opts.Threads, 4, 1, 1); err != nil {
		return nil, err
	}
	if e.rec, err = openModel(paths[PaddleRecognitionModel], opts.Threads, 4, 2, dict.classes()); err != nil {
		e.Close()
		return nil, err
	}
	return e, nil
}

// ortState is the process's one ONNX Runtime environment: the library can be loaded once.
var ortState struct {
	sync.Mutex
	lib string
}

// initONNXRuntime loads the shared library at lib, once per process.
func initONNXRuntime(lib string) error {
	if lib == "" {
		return fmt.Errorf("paddle engine: no ONNX Runtime library given; %s", paddleSetupHint)
	}
	if _, err := os.Stat(lib); err != nil {
		return fmt.Errorf("paddle engine: ONNX Runtime library %s is missing (%v); %s", lib, err, paddleSetupHint)
	}
	ortState.Lock()
	defer ortState.Unlock()
	if ort.IsInitialized() {
		if ortState.lib != lib {
			return fmt.Errorf("paddle engine: ONNX Runtime is already loaded from %s; one process can load only one library, not also %s", ortState.lib, lib)
		}
		return nil
	}
	ort.SetSharedLibraryPath(lib)
	if err := ort.InitializeEnvironment(ort.WithLogLevelError()); err != nil {
		return fmt.Errorf("paddle engine: loading ONNX Runtime from %s failed (%v); the file may be damaged or for another platform; %s", lib, err, paddleSetupHint)
	}
	ortState.lib = lib
	return nil
}

// openModel starts a session on the model at path and checks its one input has rank inputRank
// and its one output has size outSize along dimension outDim (detection: one probability map;
// recognition: one score per character class).
func openModel(path string, threads, inputRank, outDim, outSize int) (*ort.DynamicAdvancedSession, error) {
	damaged := func(err error) error {
		return fmt.Errorf("paddle engine: model %s could not be loaded (%v); the file is damaged or not this model: delete it and %s", path, err, paddleSetupHint)
	}
	inputs, outputs, err := ort.GetInputOutputInfo(path)
	if err != nil {
		return nil, damaged(err)
	}
	if len(inputs) != 1 || len(outputs) != 1 || len(inputs[0].Dimensions) != inputRank {
		return nil, damaged(fmt.Errorf("%d inputs and %d outputs, want one of each with a rank-%d input", len(inputs), len(outputs), inputRank))
	}
	if dims := outputs[0].Dimensions; len(dims) <= outDim || dims[outDim] != int64(outSize) {
		return nil, damaged(fmt.Errorf("output shape %v, want %d along dimension %d", dims, outSize, outDim))
	}
	so, err := ort.NewSessionOptions()
	if err != nil {
		return nil, err
	}
	defer so.Destroy()
	// ONNX Runtime's memory arena stays on: without it every run maps its working memory afresh
	// and unmaps it after, and on these machines the page faults cost more CPU than the network
	// itself (measured: 1.8 s user + 1.3 s system for a detection that takes 0.35 s with warm
	// memory), while glibc keeps what was freed resident anyway.
	for _, set := range []func() error{
		func() error { return so.SetIntraOpNumThreads(threads) },
		func() error { return so.SetInterOpNumThreads(1) },
	} {
		if err := set(); err != nil {
			return nil, fmt.Errorf("paddle engine: session options: %w", err)
		}
	}
	s, err := ort.NewDynamicAdvancedSession(path, []string{inputs[0].Name}, []string{outputs[0].Name}, so)
	if err != nil {
		return nil, damaged(err)
	}
	return s, nil
}

// Close releases the model sessions. The runtime itself stays loaded for the process.
func (e *PaddleEngine) Close() {
	for _, s := range []*ort.DynamicAdvancedSession{e.det, e.rec} {
		if s != nil {
			_ = s.Destroy()
		}
	}
}

// Name is "paddle".
func (e *PaddleEngine) Name() string { return "paddle" }

// Annotate finds text regions, reads each one and lays the lines out top to bottom.
func (e *PaddleEngine) Annotate(ctx context.Context, img Image, mode Mode) (*Result, error) {
	select {
	case e.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-e.slots }()

	photo := toRGBA(img.Decoded)
	if mode == ModeDocument {
		// The second attempt reads a grey, contrast-stretched copy: a dim dusk photo or a
		// washed-out plate gives the networks the full range.
		photo = stretchedGray(img.Decoded)
	}
	regions, err := e.detect(photo, detectionLimit, plateDBParams)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	lines, err := e.recognize(photo, regions)
	if err != nil {
		return nil, err
	}
	res := layoutRegions(lines)
	res.Width, res.Height = photo.Rect.Dx(), photo.Rect.Dy()
	return res, nil
}

// detect runs the detection model on the photo scaled so its longer side is at most limit
// (both sides multiples of 32, as the network needs) and returns text regions in photo pixels.
func (e *PaddleEngine) detect(photo *image.RGBA, limit int, params dbParams) ([]image.Rectangle, error) {
	b := photo.Rect
	scale := min(1, float64(limit)/float64(max(b.Dx(), b.Dy())))
	w, h := roundTo32(float64(b.Dx())*scale), roundTo32(float64(b.Dy())*scale)
	input := make([]float32, 3*w*h)
	writeCHW(input, resized(photo, b, w, h), w, detNorms)
	prob, err := runModel(e.det, input, ort.NewShape(1, 3, int64(h), int64(w)))
	if err != nil {
		return nil, err
	}
	defer prob.Destroy()
	if got := prob.GetShape(); len(got) != 4 || got[2] != int64(h) || got[3] != int64(w) {
		return nil, ImageError(codes.Internal, "detection model answered shape %v for a %dx%d input", got, w, h)
	}
	boxes := dbBoxes(prob.GetData(), w, h, params)
	sx, sy := float64(b.Dx())/float64(w), float64(b.Dy())/float64(h)
	regions := make([]image.Rectangle, 0, len(boxes))
	for _, bx := range boxes {
		r := scaleRect(bx.rect, sx, sy, b)
		if r.Empty() || float64(r.Dy()) >= maxVerticalRatio*float64(r.Dx()) {
			continue
		}
		regions = append(regions, r)
	}
	return regions, nil
}

func roundTo32(v float64) int { return max(32, int(v/32+0.5)*32) }

// runModel runs a one-input, one-output model and returns the output tensor, which the caller
// destroys.
func runModel(s *ort.DynamicAdvancedSession, input []float32, shape ort.Shape) (*ort.Tensor[float32], error) {
	in, err := ort.NewTensor(shape, input)
	if err != nil {
		return nil, ImageError(codes.Internal, "input tensor %v: %v", shape, err)
	}
	defer in.Destroy()
	outputs := []ort.Value{nil}
	if err := s.Run([]ort.Value{in}, outputs); err != nil {
		return nil, ImageError(codes.Internal, "ONNX Runtime failed on a %v input: %v", shape, err)
	}
	out, ok := outputs[0].(*ort.Tensor[float32])
	if !ok {
		if outputs[0] != nil {
			outputs[0].Destroy()
		}
		return nil, ImageError(codes.Internal, "model answered %T, want a float32 tensor", outputs[0])
	}
	return out, nil
}
