// Command visionserver runs the local Vision-API-compatible gRPC server, tollbooth's development
// double for Google Cloud Vision. Point the worker at it with TOLLBOOTH_VISION_ENDPOINT.
//
//	go run ./tools/visionserver                                  # real OCR: PaddleOCR models on ONNX Runtime
//	go run ./tools/visionserver -engine tesseract                # real OCR with Debian's tesseract
//	go run ./tools/visionserver -engine fixture -fixtures m.json # scripted answers and faults
//
// The paddle engine reads its models and ONNX Runtime from the tools cache that `make tools` fills
// (-paddle-models, -onnxruntime-lib, or TOLLBOOTH_PADDLE_MODELS and TOLLBOOTH_ONNXRUNTIME_LIB).
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/devstack"
	"github.com/tollbooth/tollbooth/internal/visionserver"
)

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(log); err != nil {
		log.Error("vision server failed", "err", err)
		os.Exit(1)
	}
}

func run(log *slog.Logger) error {
	addr := flag.String("addr", net.JoinHostPort("127.0.0.1", strconv.Itoa(config.LocalVisionPort)), "gRPC listen address")
	engineName := flag.String("engine", "paddle", "OCR engine: paddle (PaddleOCR on ONNX Runtime), tesseract, or fixture (answers from -fixtures)")
	fixtures := flag.String("fixtures", "", "fixture manifest JSON for -engine fixture (see visionserver.Manifest)")
	statsAddr := flag.String("stats-addr", "", "serve GET /stats and GET /healthz over HTTP on this address (empty: off)")
	concurrency := flag.Int("concurrency", 0, "photos read at once (0: the engine's default; paddle: 1, as each photo in flight holds its own working memory; tesseract: one process per core)")
	models := flag.String("paddle-models", "", "folder with the PaddleOCR models for -engine paddle (default $"+envPaddleModels+", else the tools cache)")
	photosDir := flag.String("photos-dir", "", "read gs://BUCKET/OBJECT from DIR/BUCKET/OBJECT instead of Cloud Storage (measurements without the stack)")
	library := flag.String("onnxruntime-lib", "", "ONNX Runtime shared library for -engine paddle (default $"+envONNXRuntimeLib+", else the tools cache)")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	engine, err := newEngine(ctx, engineConfig{name: *engineName, fixtures: *fixtures, concurrency: *concurrency,
		models: *models, library: *library})
	if err != nil {
		return err
	}
	var fetcher visionserver.Fetcher = visionserver.DirFetcher(*photosDir)
	if *photosDir == "" {
		storage := visionserver.NewStorageFetcher()
		defer storage.Close()
		fetcher = storage
	}
	srv := visionserver.NewServer(engine, fetcher, log)

	running, err := srv.Start(*addr)
	if err != nil {
		return err
	}
	var statsServer *http.Server
	if *statsAddr != "" {
		lis, err := net.Listen("tcp", *statsAddr)
		if err != nil {
			return fmt.Errorf("listen for stats on %s (pick a free -stats-addr): %w", *statsAddr, err)
		}
		statsServer = &http.Server{Handler: srv.StatsCounter().Handler(), ReadHeaderTimeout: 5 * time.Second}
		go func() {
			if err := statsServer.Serve(lis); err != nil && !errors.Is(err, http.ErrServerClosed) {
				log.Error("stats endpoint stopped", "err", err)
			}
		}()
	}
	log.Info("vision server listening", "addr", running.Addr, "engine", engine.Name(), "stats_addr", *statsAddr)

	select {
	case <-ctx.Done():
	case err := <-running.Done():
		return fmt.Errorf("gRPC server: %w", err)
	}
	st := srv.Stats()
	log.Info("vision server stopping", "requests", st.Requests, "images", st.Images, "peak_per_second", st.PeakPerSecond, "rpc_failures", st.RPCFailures)
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if statsServer != nil {
		_ = statsServer.Shutdown(shutdown)
	}
	running.Stop(shutdown)
	return nil
}

// The paddle engine's files, when the flags do not name them.
const (
	envPaddleModels   = "TOLLBOOTH_PADDLE_MODELS"
	envONNXRuntimeLib = "TOLLBOOTH_ONNXRUNTIME_LIB"
)

// engineConfig is what the flags say about the engine.
type engineConfig struct {
	name, fixtures  string
	concurrency     int
	models, library string // paddle: "" means the environment, then the tools cache
}

func newEngine(ctx context.Context, c engineConfig) (visionserver.Engine, error) {
	switch c.name {
	case "paddle":
		models, library, err := paddleFiles(c.models, c.library)
		if err != nil {
			return nil, err
		}
		return visionserver.NewPaddleEngine(visionserver.PaddleOptions{ModelDir: models, LibraryPath: library, Concurrency: c.concurrency})
	case "tesseract":
		return visionserver.NewTesseractEngine(ctx, visionserver.TesseractOptions{Concurrency: c.concurrency})
	case "fixture":
		if c.fixtures == "" {
			return nil, errors.New("-engine fixture needs -fixtures PATH, a manifest written by visionserver.WriteManifest")
		}
		m, err := visionserver.LoadManifest(c.fixtures)
		if err != nil {
			return nil, err
		}
		return visionserver.NewFixtureEngine(m), nil
	}
	return nil, fmt.Errorf("unknown -engine %q; use paddle, tesseract or fixture", c.name)
}

// paddleFiles resolves the model folder and the runtime library: the flag, else the environment,
// else the tools cache that `make tools` fills.
func paddleFiles(models, library string) (string, string, error) {
	models = cmp.Or(models, os.Getenv(envPaddleModels))
	library = cmp.Or(library, os.Getenv(envONNXRuntimeLib))
	if models != "" && library != "" {
		return models, library, nil
	}
	tools, err := devstack.ToolsDir()
	if err != nil {
		return "", "", fmt.Errorf("%w; or give -paddle-models and -onnxruntime-lib", err)
	}
	return cmp.Or(models, devstack.PaddleModelDir(tools)), cmp.Or(library, devstack.ONNXRuntimeLibrary(tools)), nil
}
