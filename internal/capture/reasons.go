package capture

// RecognizerFailedPrefix starts the reason of a capture sent to a person because the recognizer
// (Vision) kept failing after its retries (workflows/capture.go writes it); the recognition-spike
// check counts such captures.
const RecognizerFailedPrefix = "the recognizer failed"
