package capture

import "time"

// Collection is the Firestore collection of capture records; the document id is the capture id.
const Collection = "captures"

// Record is the one definition of a capture: its document in Firestore (field names from the
// firestore tags, see StoredFields), the state its workflow answers to queries with, the body of the
// API's capture endpoints and what the review page shows. A field added here reaches all of them.
// The JSON names are also the activity payloads' field names in recorded histories: never rename one.
type Record struct {
	CaptureID     string      `firestore:"capture_id" json:"capture_id"`
	BoothID       string      `firestore:"booth_id" json:"booth_id"`
	CaptureTime   time.Time   `firestore:"capture_time" json:"capture_time"`
	PhotoURI      string      `firestore:"photo_uri" json:"photo_uri"`
	PhotoSHA256   string      `firestore:"photo_sha256" json:"photo_sha256"`
	Status        Status      `firestore:"status" json:"status"`
	Plate         string      `firestore:"plate" json:"plate"`
	Confidence    float64     `firestore:"confidence" json:"confidence"`
	Decision      string      `firestore:"decision" json:"decision"`
	Reason        string      `firestore:"reason" json:"reason,omitempty"`
	ReasonCode    ReasonCode  `firestore:"reason_code" json:"reason_code,omitempty"`
	RawText       string      `firestore:"raw_text" json:"raw_text"`
	Candidates    []Candidate `firestore:"candidates" json:"candidates"`
	Attempts      int         `firestore:"recognition_attempts" json:"recognition_attempts"`
	ReviewerID    string      `firestore:"reviewer_id" json:"reviewer_id,omitempty"`
	DecidedAt     time.Time   `firestore:"decided_at" json:"decided_at,omitzero"`
	WorkflowID    string      `firestore:"workflow_id" json:"workflow_id"`
	WorkflowRunID string      `firestore:"workflow_run_id" json:"workflow_run_id"`
	CreatedAt     time.Time   `firestore:"created_at" json:"created_at"`
	UpdatedAt     time.Time   `firestore:"updated_at" json:"updated_at"`
	// ExportBatch is the export batch that holds this record ("" until one claims it); it is
	// written as "" when the record is created, so the exporter can query for unexported records.
	ExportBatch string `firestore:"export_batch" json:"export_batch,omitempty"`
}

// Candidate is a plate the recognizer proposed, kept on the record so that a reviewer's decision can
// be compared with what the machine read.
type Candidate struct {
	Plate      string  `firestore:"plate" json:"plate"`
	Confidence float64 `firestore:"confidence" json:"confidence"`
	Format     string  `firestore:"format" json:"format"`
}
