package gcp

import "github.com/tollbooth/tollbooth/internal/capture"

// The capture fields this package queries on, named by the record's firestore tags (one place).
var (
	fieldCaptureID   = capture.FieldName("CaptureID")
	fieldBoothID     = capture.FieldName("BoothID")
	fieldCaptureTime = capture.FieldName("CaptureTime")
	fieldPlate       = capture.FieldName("Plate")
	fieldStatus      = capture.FieldName("Status")
	fieldReason      = capture.FieldName("Reason")
	fieldReasonCode  = capture.FieldName("ReasonCode")
	fieldCreatedAt   = capture.FieldName("CreatedAt")
)
