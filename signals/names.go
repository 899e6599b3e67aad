package signals

const (
	// ReviewDecisionUpdate carries a reviewer's decision (ReviewDecision) to a capture waiting for
	// one. It is an update, not a signal, so the reviewer learns at once whether it was accepted:
	// its validator refuses malformed plates and decisions on a capture already decided.
	ReviewDecisionUpdate = "review-decision"
	// CaptureStateQuery returns the capture's current state (workflows.CaptureState).
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
