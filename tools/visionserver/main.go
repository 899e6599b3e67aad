// Command visionserver runs the local Vision-API-compatible gRPC server, tollbooth's development
// double for Google Cloud Vision. Point the worker at it with TOLLBOOTH_VISION_ENDPOINT.
//
//	go run ./tools/visionserver                                  # real OCR with tesseract
//	go run ./tools/visionserver -engine fixture -fixtures m.json # scripted answers and faults
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/tollbooth/tollbooth/internal/config"
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
	engineName := flag.String("engine", "tesseract", "OCR engine: tesseract (real OCR) or fixture (answers from -fixtures)")
	fixtures := flag.String("fixtures", "", "fixture manifest JSON for -engine fixture (see visionserver.Manifest)")
	statsAddr := flag.String("stats-addr", "", "serve GET /stats and GET /healthz over HTTP on this address (empty: off)")
	concurrency := flag.Int("concurrency", runtime.NumCPU(), "tesseract processes allowed at once")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	engine, err := newEngine(ctx, *engineName, *fixtures, *concurrency)
	if err != nil {
		return err
	}
	fetcher := visionserver.NewStorageFetcher()
	defer fetcher.Close()
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

func newEngine(ctx context.Context, name, fixtures string, concurrency int) (visionserver.Engine, error) {
	switch name {
	case "tesseract":
		return visionserver.NewTesseractEngine(ctx, visionserver.TesseractOptions{Concurrency: concurrency})
	case "fixture":
		if fixtures == "" {
			return nil, errors.New("-engine fixture needs -fixtures PATH, a manifest written by visionserver.WriteManifest")
		}
		m, err := visionserver.LoadManifest(fixtures)
		if err != nil {
			return nil, err
		}
		return visionserver.NewFixtureEngine(m), nil
	}
	return nil, fmt.Errorf("unknown -engine %q; use tesseract or fixture", name)
}
