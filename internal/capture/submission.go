package capture

import "time"

// SubmissionsCollection holds, for each capture submitted through the gateway's API, the API keys
// that submitted it (the document id is the capture id). An ingest key reads the status of those
// captures only. It is kept apart from the record (Collection): the record is written by the
// capture workflow, which may be started by the upload notification before the API's own start,
// and knows nothing of keys.
const SubmissionsCollection = "capture_submissions"

// Submission is one capture's document in SubmissionsCollection.
type Submission struct {
	CaptureID string    `firestore:"capture_id"`
	KeyIDs    []string  `firestore:"key_ids"` // every key that submitted this photo (same booth, time and bytes)
	LastAt    time.Time `firestore:"last_submitted_at"`
}
