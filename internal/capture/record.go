package capture

import "time"

// Collection is the Firestore collection of capture records; the document id is the capture id.
const Collection = "captures"

// Record is the one definition of a capture: its document in Firestore (field names from the
// firestore tags, see StoredFields), the state its workflow answers to queries with, the body of the
// API's capture endpoints and what the review page shows. A field added here reaches all of them.
// The JSON names are also the activity payloads' field names in recorded histories: never rename one.
type Record struct {
	CaptureID   string      `firestore:"capture_id" json:"capture_id"`
	BoothID     string      `firestore:"booth_id" json:"booth_id"`
	CaptureTime time.Time   `firestore:"capture_time" json:"capture_time"`
	PhotoURI    string      `firestore:"photo_uri" json:"photo_uri"`
	PhotoSHA256 string      `firestore:"photo_sha256" json:"photo_sha256"`
	Status      Status      `firestore:"status" json:"status"`
	Plate       string      `firestore:"plate" json:"plate"`
	Confidence  float64     `firestore:"confidence" json:"confidence"`
	Decision    string      `firestore:"decision" json:"decision"`
	Reason      string      `firestore:"reason" json:"reason,omitempty"`
	ReasonCode  ReasonCode  `firestore:"reason_code" json:"reason_code,omitempty"`
	RawText     string      `firestore:"raw_text" json:"raw_text"`
	Candidates  []Candidate `firestore:"candidates" json:"candidates"`
	Attempts    int         `firestore:"recognition_attempts" json:"recognition_attempts"`
	// PlateBox is where the recognizer found the licence plate (nil: it found none); reviewers are
	// shown its enlarged crop.
	PlateBox *PlateBox `firestore:"plate_box" json:"plate_box,omitempty"`
	// Reads are the recognizers' independent reads of the plate, in order (the photo, then the
	// plate's enlarged crop, then the second recognizer's read of that crop when one is
	// configured), each with the rule that refused it if any.
	Reads []Read `firestore:"reads" json:"reads,omitempty"`
	// Jurisdiction and PlateFormat are the jurisdiction and the standard format an auto-accepted
	// plate fits (internal/jurisdiction).
	Jurisdiction  string    `firestore:"jurisdiction" json:"jurisdiction,omitempty"`
	PlateFormat   string    `firestore:"plate_format" json:"plate_format,omitempty"`
	ReviewerID    string    `firestore:"reviewer_id" json:"reviewer_id,omitempty"`
	DecidedAt     time.Time `firestore:"decided_at" json:"decided_at,omitzero"`
	WorkflowID    string    `firestore:"workflow_id" json:"workflow_id"`
	WorkflowRunID string    `firestore:"workflow_run_id" json:"workflow_run_id"`
	CreatedAt     time.Time `firestore:"created_at" json:"created_at"`
	UpdatedAt     time.Time `firestore:"updated_at" json:"updated_at"`
	// ExpireRawAt is when RawText and Candidates are cleared (README, "Data retention"): set when
	// the final record is saved (TOLLBOOTH_RAW_RETENTION later), zero while a reviewer may need
	// them and once they are cleared. The billing fields stay.
	ExpireRawAt time.Time `firestore:"expire_raw_at" json:"expire_raw_at,omitzero"`
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

// PlateBox is a licence plate's box on the photo, normalized to 0..1 of its width and height.
type PlateBox struct {
	Left   float64 `firestore:"left" json:"left"`
	Top    float64 `firestore:"top" json:"top"`
	Width  float64 `firestore:"width" json:"width"`
	Height float64 `firestore:"height" json:"height"`
}

// Read is one independent read of the plate and the auto-accept policy's verdict on it.
type Read struct {
	// Source names the read: ReadPhoto, ReadPlateCrop, ReadSecondOpinion.
	Source     string  `firestore:"source" json:"source"`
	Plate      string  `firestore:"plate" json:"plate"`
	Confidence float64 `firestore:"confidence" json:"confidence"`
	// ReasonCode is empty when the policy accepted this read on its own.
	ReasonCode ReasonCode `firestore:"reason_code" json:"reason_code,omitempty"`
}

// The sources of reads.
const (
	ReadPhoto     = "photo"
	ReadPlateCrop = "plate-crop"
	// ReadSecondOpinion is the second recognizer's read of the plate's enlarged crop
	// (TOLLBOOTH_SECOND_OPINION_ENDPOINT).
	ReadSecondOpinion = "second-opinion"
)
