//go:build !race

package platefind

// raceDetector: see race_test.go.
const raceDetector = false
