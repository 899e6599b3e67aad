package signals

import "strings"

// CaptureWorkflowPrefix starts every capture workflow id; the rest is the capture id, which is
// derived from the photo, so a second event for the same photo names the same workflow.
const CaptureWorkflowPrefix = "capture-"

// CaptureWorkflowID names the workflow of one capture.
func CaptureWorkflowID(captureID string) string { return CaptureWorkflowPrefix + captureID }

// CaptureIDFromWorkflowID is the inverse of CaptureWorkflowID; ok is false for other workflows.
func CaptureIDFromWorkflowID(workflowID string) (captureID string, ok bool) {
	return strings.CutPrefix(workflowID, CaptureWorkflowPrefix)
}
