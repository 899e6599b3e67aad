// Package audit is the audit log of plate disclosures: every API answer that shows a plate's
// captures (who asked, when, which plate, which captures, from where). Toll photos and plates are
// personal data; the log answers "who has looked at this vehicle?". The gateway writes an entry
// before it answers, and refuses to answer (503) when it cannot: an unrecorded disclosure is the
// breach the log exists to prevent. Entries are in Firestore (gcp.AuditLog), read by
// `starter audit`.
package audit

import (
	"context"
	"time"
)

// PlateReadsCollection is the Firestore collection of PlateRead entries (document ids are random).
const PlateReadsCollection = "audit_plate_reads"

// PlateRead is one answer that showed a plate's captures.
type PlateRead struct {
	At       time.Time `firestore:"at" json:"at"`
	KeyID    string    `firestore:"key_id" json:"key_id"`     // the API key's id, or "oidc:SUBJECT"
	Customer string    `firestore:"customer" json:"customer"` // the key's name (`starter apikey issue --name`)
	Scope    string    `firestore:"scope" json:"scope"`       // customer or operator
	Plate    string    `firestore:"plate" json:"plate"`       // normalized, as the captures store it
	// CaptureIDs are the captures the answer showed, each with a photo link (none: the plate has
	// no accepted capture in that page).
	CaptureIDs []string `firestore:"capture_ids" json:"capture_ids"`
	Route      string   `firestore:"route" json:"route"`             // the API route, e.g. GET /v1/plates/{plate}/captures
	ClientAddr string   `firestore:"client_addr" json:"client_addr"` // the client's address (TOLLBOOTH_TRUSTED_PROXIES)
}

// Query selects entries, newest first.
type Query struct {
	Plate string    // "": any plate
	KeyID string    // "": any key
	Since time.Time // entries at or after
	Limit int
}

// Log is where entries are written and read (gcp.AuditLog).
type Log interface {
	RecordPlateRead(ctx context.Context, e PlateRead) error
	PlateReads(ctx context.Context, q Query) ([]PlateRead, error)
}
