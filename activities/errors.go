package activities

// Error types the workflow tells apart. They are non-retryable: retrying cannot fix the input.
const (
	// ErrInvalidPhoto: the object is not a usable capture photo (not an image, truncated, too large,
	// a malformed or unknown booth). The capture ends as failed_input, with the reason.
	ErrInvalidPhoto = "InvalidPhoto"
	// ErrPhotoRejected: the recognizer refused the image as invalid. A person looks at it.
	ErrPhotoRejected = "PhotoRejected"
)
