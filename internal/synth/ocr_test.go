package synth

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The readability check: easy photos must be read exactly by tesseract (the local OCR engine
// behind the development Vision server), hard ones mostly not, so a demo auto-accepts the first
// and sends the second to a reviewer. A read counts when tesseract's output, stripped to A-Z0-9,
// contains the truth plate, with --psm 11 (sparse text) or else --psm 6 (one block).
//
// Set SYNTH_OCR_SAMPLES=N to measure on N easy and N/2 hard photos instead of 12 and 6.

const (
	ocrSeed = 2026
	// Measured with Debian's tesseract 5.3.0 (bookworm) on seed 2026: 10 of 12 easy photos read
	// exactly (7 by --psm 11 alone), 0 of 6 hard ones. On 150 easy and 75 hard photos: 133 easy
	// (89%; 112 by --psm 11 alone) and 1 hard. The floor and ceiling leave one photo of margin
	// for another tesseract or libjpeg build.
	minEasyRead = 9 // of 12
	maxHardRead = 2 // of 6
)

func TestOCRReadability(t *testing.T) {
	bin, err := exec.LookPath("tesseract")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("tesseract is not installed (apt-get install tesseract-ocr): %v", err)
		}
		t.Skipf("tesseract not installed: %v", err)
	}
	nEasy := 12
	if v, err := strconv.Atoi(os.Getenv("SYNTH_OCR_SAMPLES")); err == nil && v > 0 {
		nEasy = v
	}
	nHard := max(nEasy/2, 1)

	start := time.Now()
	easyRead, easySparse, easyMiss := readSet(t, bin, Options{Count: nEasy, Seed: ocrSeed})
	hardRead, hardSparse, _ := readSet(t, bin, Options{Count: nHard, Seed: ocrSeed, HardShare: 1})
	t.Logf("tesseract read %d/%d easy photos exactly (%.0f%%; %d with --psm 11 alone), %d/%d hard (%.0f%%; %d with --psm 11), in %v",
		easyRead, nEasy, 100*float64(easyRead)/float64(nEasy), easySparse,
		hardRead, nHard, 100*float64(hardRead)/float64(nHard), hardSparse, time.Since(start).Round(time.Millisecond))
	for _, m := range easyMiss {
		t.Logf("easy miss: %s", m)
	}
	if nEasy == 12 {
		if easyRead < minEasyRead {
			t.Errorf("easy photos read: %d of 12, want at least %d", easyRead, minEasyRead)
		}
		if hardRead > maxHardRead {
			t.Errorf("hard photos read: %d of 6, want at most %d", hardRead, maxHardRead)
		}
	}
}

// readSet writes the photos of opts and runs tesseract on each, one process per CPU. It returns
// how many were read exactly, how many of those by --psm 11 (what the development Vision server
// runs first), and a description of each miss.
func readSet(t *testing.T, bin string, opts Options) (read, sparse int, misses []string) {
	t.Helper()
	dir := t.TempDir()
	samples, err := WriteDir(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu sync.Mutex
		wg sync.WaitGroup
	)
	slots := make(chan struct{}, runtime.NumCPU())
	for _, s := range samples {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			psm, got := ocrContains(t, bin, filepath.Join(dir, s.File), s.Plate)
			mu.Lock()
			defer mu.Unlock()
			switch psm {
			case "11":
				sparse++
				read++
			case "6":
				read++
			default:
				misses = append(misses, fmt.Sprintf("%s %s (%s, shown %q): tesseract said %.100q", s.File, s.Plate, s.Region, s.Shown, got))
			}
		})
	}
	wg.Wait()
	return read, sparse, misses
}

// ocrContains runs tesseract with --psm 11 and, if that misses, --psm 6. It returns the mode
// that found the plate ("" for neither) and what tesseract said.
func ocrContains(t *testing.T, bin, path, plate string) (psm, said string) {
	var outs []string
	for _, psm := range []string{"11", "6"} {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		cmd := exec.CommandContext(ctx, bin, path, "stdout", "--psm", psm)
		// One thread per process: we already run one process per CPU.
		cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
		out, err := cmd.Output()
		cancel()
		if err != nil {
			t.Errorf("tesseract %s --psm %s: %v", path, psm, err)
			return "", ""
		}
		if strings.Contains(NormalizePlate(string(out)), plate) {
			return psm, string(out)
		}
		outs = append(outs, strings.Join(strings.Fields(string(out)), " "))
	}
	return "", strings.Join(outs, " | ")
}
