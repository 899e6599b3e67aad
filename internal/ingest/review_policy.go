package ingest

import (
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/workflows"
)

// ReviewPolicy is the review part of a capture workflow's input, from the configuration.
func ReviewPolicy(cfg config.Config) workflows.ReviewPolicy {
	return workflows.ReviewPolicy{
		ReminderAfter: cfg.Review.ReminderAfter,
		EscalateAfter: cfg.Review.EscalateAfter,
		WebUI:         cfg.Temporal.UIBaseURL,
	}
}
