package signals

// Workflow type names, as registered by the worker and started by clients. They are in every
// recorded history and every schedule: a Go function may be renamed, these never.
const (
	CaptureWorkflow = "Capture"
)

const (
	// ReviewDecisionUpdate carries a reviewer's decision (ReviewDecision) to a capture waiting for
	// one: the primary path (gateway, starter). Its validator refuses malformed decisions and
	// decisions on a capture already decided before anything is written to history, and it answers
	// once the record is stored.
	ReviewDecisionUpdate = "review-decision"
	// ReviewDecisionSignal carries the same ReviewDecision as a signal, for operators in the Temporal
	// Web UI ("Send signal") or `temporal workflow signal`. The workflow checks it with the same code
	// as the update; a valid one decides the capture exactly like the update. A signal cannot answer,
	// so a refused one is listed in the query's RefusedSignals and logged, and changes nothing.
	ReviewDecisionSignal = "review-decision"
	// CaptureStateQuery returns the capture's current state (CaptureState).
	CaptureStateQuery = "capture-state"
)

// Search attributes set on capture workflows, registered by the local stack (tools/devstack) and, on a
// real cluster, with `temporal operator search-attribute create` (see README).
const (
	SearchAttrStatus      = "TollboothStatus"      // Keyword: the capture's status while it waits for, and after, a review
	SearchAttrBooth       = "TollboothBooth"       // Keyword: the booth id
	SearchAttrCaptureTime = "TollboothCaptureTime" // Datetime: when the photo was taken; the review queue's order
)

// SearchAttrTypes lists every search attribute with its type, as `temporal operator
// search-attribute create` and `temporal server start-dev --search-attribute NAME=TYPE` take them.
var SearchAttrTypes = map[string]string{
	SearchAttrStatus:      "Keyword",
	SearchAttrBooth:       "Keyword",
	SearchAttrCaptureTime: "Datetime",
}
