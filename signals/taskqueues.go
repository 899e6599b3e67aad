package signals

const (
	// CaptureTaskQueue carries capture workflows and their storage and database activities.
	CaptureTaskQueue = "tollbooth-capture"
	// VisionTaskQueue carries only the Vision API calls. It has its own queue so that the
	// requests per second can be capped for every worker at once (TaskQueueActivitiesPerSecond),
	// which keeps the Vision quota intact during a traffic spike: the backlog waits in Temporal.
	VisionTaskQueue = "tollbooth-vision"
	// SecondOpinionTaskQueue carries only the second recognizer's reads
	// (TOLLBOOTH_SECOND_OPINION_ENDPOINT), with its own rate cap: its own quota or capacity, and an
	// outage of it never holds up the Vision queue. Polled only by workers that have one configured.
	SecondOpinionTaskQueue = "tollbooth-second-opinion"
)
