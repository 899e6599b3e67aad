//go:build race

package platefind

// raceDetector says the tests run under -race, which makes Find ten times slower or more. Find
// shares nothing between calls, so the race detector has little to find in it: the photo-set
// tests then take a small deterministic subset, so that `make test` (which runs the unit tests
// with -race) stays well inside the test timeout on a busy machine. Without -race they take
// every photo: `go test ./internal/platefind` checks the floors on the whole sets.
const raceDetector = true
