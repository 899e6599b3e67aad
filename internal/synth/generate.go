package synth

import (
	"image"
	"runtime"
	"sync"
)

// Generate draws opts.Count photos in memory and returns their truth and images (*image.RGBA)
// in index order. Photos are drawn in parallel; the result does not depend on the parallelism.
// For large counts use WriteDir, which keeps only a few images in memory at a time.
func Generate(opts Options) ([]Sample, []image.Image, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, nil, err
	}
	samples := make([]Sample, opts.Count)
	images := make([]image.Image, opts.Count)
	err = forEachPhoto(opts, func(i int, s Sample, img *image.RGBA) error {
		samples[i], images[i] = s, img
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return samples, images, nil
}

// forEachPhoto renders photos 0..Count-1 on one goroutine per CPU and hands each to use, which
// may be called concurrently for different indexes. The first error stops the remaining work.
func forEachPhoto(opts Options, use func(i int, s Sample, img *image.RGBA) error) error {
	workers := min(runtime.GOMAXPROCS(0), opts.Count)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		next     int
		firstErr error
	)
	take := func() (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		if firstErr != nil || next >= opts.Count {
			return 0, false
		}
		next++
		return next - 1, true
	}
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if firstErr == nil {
			firstErr = err
		}
	}
	for range workers {
		wg.Go(func() {
			for i, ok := take(); ok; i, ok = take() {
				s, img, err := renderPhoto(opts, i)
				if err == nil {
					err = use(i, s, img)
				}
				if err != nil {
					fail(err)
					return
				}
			}
		})
	}
	wg.Wait()
	return firstErr
}
