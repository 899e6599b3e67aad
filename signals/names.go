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
	SearchAttrStatus = "TollboothStatus"
	SearchAttrBooth  = "TollboothBooth"
)
