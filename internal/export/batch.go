package export

import (
	"fmt"
	"path"
	"time"

	"github.com/tollbooth/tollbooth/internal/capture"
)

// Collection holds one document per export batch; the document id is the batch id.
const Collection = "exports"

// SequenceDoc is the document (collection/id) that hands out batch sequence numbers.
const SequenceDoc = "export_state/sequence"

// Fields of a capture record that the exporter owns (the capture workflow never writes them).
const (
	FieldBatch      = capture.FieldExportBatch // the batch that holds the record ("" until claimed)
	FieldClaimedAt  = "export_claimed_at"      // when the batch claimed it
	FieldExportedAt = "exported_at"            // when its batch reached the FTP server
)

// Status is where a batch stands. A batch moves forward only; "claimed" fixes its records.
type Status string

const (
	StatusClaiming Status = "claiming" // records are being claimed (at most BatchSize)
	StatusClaimed  Status = "claimed"  // its records are fixed; files are being written
	StatusStaged   Status = "staged"   // the whole CSV is on the FTP server under its temporary name
	StatusUploaded Status = "uploaded" // the CSV is on the FTP server under its final name
	StatusDone     Status = "done"     // every record is marked exported
)

// OpenStatuses are the statuses of a batch that is not finished.
var OpenStatuses = []Status{StatusClaiming, StatusClaimed, StatusStaged, StatusUploaded}

// Batch is one CSV file's worth of records and where it went.
type Batch struct {
	BatchID    string    `firestore:"batch_id" json:"batch_id"`
	Seq        int64     `firestore:"seq" json:"seq"`
	Status     Status    `firestore:"status" json:"status"`
	Count      int       `firestore:"count" json:"count"`
	FileName   string    `firestore:"file_name" json:"file_name"`
	GCSURI     string    `firestore:"gcs_uri" json:"gcs_uri,omitempty"`
	FTPURI     string    `firestore:"ftp_uri" json:"ftp_uri,omitempty"`
	SHA256     string    `firestore:"sha256" json:"sha256,omitempty"`
	CreatedAt  time.Time `firestore:"created_at" json:"created_at"`
	ClaimedAt  time.Time `firestore:"claimed_at" json:"claimed_at,omitzero"`
	UploadedAt time.Time `firestore:"uploaded_at" json:"uploaded_at,omitzero"`
	ExportedAt time.Time `firestore:"exported_at" json:"exported_at,omitzero"`
	// WorkflowID is the batch-export workflow that carries it, for links.
	WorkflowID string `firestore:"workflow_id" json:"workflow_id,omitempty"`
}

// BatchID names batch number seq: batch-000042. Sequence numbers come from SequenceDoc.
func BatchID(seq int64) string { return fmt.Sprintf("batch-%06d", seq) }

// FileName is the CSV's name, fixed when the batch is created: tollbooth-20261125-000042.csv.
func FileName(seq int64, created time.Time) string {
	return fmt.Sprintf("tollbooth-%s-%06d.csv", created.UTC().Format("20060102"), seq)
}

// ObjectName is where the CSV goes in the exports bucket.
func ObjectName(fileName string) string { return path.Join("exports", fileName) }

// TempName is the name a CSV is uploaded under before the rename; the billing system ignores
// files that start with a dot and end in .part.
func TempName(fileName string) string { return "." + fileName + ".part" }

// MaxBatchSize is the most rows in one CSV: the billing system's limit.
const MaxBatchSize = 1000
