package signals

import "time"

// Defaults of the review deadlines, used when a workflow's input leaves them unset (runs started
// before they were configurable, or by a client that does not set them).
const (
	DefaultReviewReminderAfter = 30 * time.Minute
	DefaultReviewEscalateAfter = 4 * time.Hour
)
