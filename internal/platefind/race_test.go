//go:build race

package platefind

// raceDetector says the tests run under -race, which makes Find several times slower: the
// photo-set tests then take a deterministic subset, so `make test` (which runs unit tests with
// -race) stays within the test timeout on a busy machine. Without -race they take every photo.
const raceDetector = true
