package config

import (
	"math"
	"runtime/debug"

	"github.com/tollbooth/tollbooth/internal/photolimit"
)

// loadDecodeLimits reads the decompression-bomb guards (internal/photolimit): the pixel limit per
// photo, and the memory budget of a process's decodes together. The budget defaults to half of
// the Go memory limit (GOMEMLIMIT, which the worker's manifest sets below the pod's limit), else
// to photolimit.DefaultMemoryBytes: half, because the collector lets the heap grow to twice
// what is live before it collects.
func (c *Config) loadDecodeLimits() error {
	pixels, err := floatEnv(EnvMaxPhotoPixels, photolimit.DefaultMaxPixels, 1, photolimit.VisionMaxPixels)
	if err != nil {
		return err
	}
	c.MaxPhotoPixels = int64(pixels)
	def := int64(photolimit.DefaultMemoryBytes)
	if limit := debug.SetMemoryLimit(-1); limit < math.MaxInt64 {
		def = limit / 2
	}
	budget, err := floatEnv(EnvDecodeMemoryBytes, float64(def), 1<<20, 1<<40)
	if err != nil {
		return err
	}
	c.DecodeMemoryBytes = int64(budget)
	return nil
}
