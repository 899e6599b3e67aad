package devstack

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// visionPackage is the Vision-API-compatible server, built from this repository.
const visionPackage = "./tools/visionserver"

// VisionEngines are the vision server's engines: paddle (PaddleOCR on ONNX Runtime, the default:
// it reads real photos far better than tesseract), tesseract, and fixture (scripted answers).
var VisionEngines = []string{"paddle", "tesseract", "fixture"}

// DefaultVisionEngine is the engine of `make demo` and the end-to-end stack.
const DefaultVisionEngine = "paddle"

// checkVisionSource fails early when the vision server's source is not in the repository.
func (s *Stack) checkVisionSource() error {
	if _, err := os.Stat(filepath.Join(s.opts.RepoRoot, visionPackage, "main.go")); err != nil {
		return fmt.Errorf("vision server: %s not found in %s (pass --no-vision to start the stack without it)",
			visionPackage, s.opts.RepoRoot)
	}
	if s.opts.VisionEngine == "fixture" && s.opts.VisionFixtures == "" {
		return fmt.Errorf("vision server: the fixture engine needs a manifest: pass --vision-fixtures PATH")
	}
	return nil
}

// startVision builds tools/visionserver and starts it. It reads photos from fake-gcs-server
// through STORAGE_EMULATOR_HOST, so it gets the stack's environment.
func (s *Stack) startVision(ctx context.Context) error {
	bin := filepath.Join(s.BinDir(), "visionserver")
	if err := s.GoBuild(ctx, bin, visionPackage); err != nil {
		return err
	}
	args := []string{
		"-addr", addr(s.Ports.Vision),
		"-engine", s.opts.VisionEngine,
		"-stats-addr", addr(s.Ports.VisionStats),
	}
	if s.opts.VisionEngine == "paddle" {
		args = append(args, "-paddle-models", PaddleModelDir(s.opts.ToolsDir),
			"-onnxruntime-lib", ONNXRuntimeLibrary(s.opts.ToolsDir))
	}
	if s.opts.VisionFixtures != "" {
		fixtures, err := filepath.Abs(s.opts.VisionFixtures)
		if err != nil {
			return err
		}
		args = append(args, "-fixtures", fixtures)
	}
	svc, err := s.launch("vision server", "vision", addr(s.Ports.Vision), ProcessSpec{
		Path: bin, Args: args, Dir: s.Dir, Env: Environ(os.Environ(), s.Env()),
	})
	if err != nil {
		return err
	}
	stats := "http://" + addr(s.Ports.VisionStats)
	svc.Extra = []Endpoint{{Name: "vision statistics", Addr: stats + "/stats"}}
	return s.waitReady(ctx, svc, 60*time.Second, func(ctx context.Context) error {
		if err := dialable(ctx, addr(s.Ports.Vision)); err != nil {
			return err
		}
		_, err := getText(ctx, stats+"/healthz")
		return err
	})
}

// GoBuild builds main packages of the repository into out (a file, or a folder ending in "/" for
// several), with progress lines: the first build on a machine compiles the Google client libraries
// and takes a minute or more.
func (s *Stack) GoBuild(ctx context.Context, out string, pkgs ...string) error {
	start := time.Now()
	s.out.Printf("building %s...", strings.Join(pkgs, " "))
	args := append([]string{"build", "-o", out}, pkgs...)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = s.opts.RepoRoot
	output, err := cmd.CombinedOutput()
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("go build %s failed (%v):\n%s", strings.Join(pkgs, " "), err, strings.TrimSpace(string(output)))
	}
	s.out.Printf("built %s in %s", strings.Join(pkgs, " "), round(time.Since(start)))
	return nil
}
