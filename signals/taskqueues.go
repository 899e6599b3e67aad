package signals

const (
	// CaptureTaskQueue carries capture workflows and their storage and database activities.
	CaptureTaskQueue = "tollbooth-capture"
	// VisionTaskQueue carries only the Vision API calls. It has its own queue so that the
	// requests per second can be capped for every worker at once (TaskQueueActivitiesPerSecond),
	// which keeps the Vision quota intact during a traffic spike: the backlog waits in Temporal.
	VisionTaskQueue = "tollbooth-vision"
)
