package app

import (
	"go.temporal.io/sdk/client"

	"github.com/tollbooth/tollbooth/internal/captureclient"
	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/gcp"
	"github.com/tollbooth/tollbooth/signals"
)

// NewCaptureClient is the one capture client of every program (trigger, gateway, starter, tests),
// with the settings every start records in the workflow's input. Without Firestore in cloud (the
// trigger), it only starts captures.
func NewCaptureClient(cfg config.Config, c client.Client, cloud *Cloud) *captureclient.Client {
	var records captureclient.Records
	if cloud != nil && cloud.Firestore != nil {
		records = gcp.Captures{Client: cloud.Firestore}
	}
	return captureclient.New(c, records, CaptureClientOptions(cfg))
}

// CaptureClientOptions are the capture client's settings from the configuration.
func CaptureClientOptions(cfg config.Config) captureclient.Options {
	return captureclient.Options{
		Namespace:            cfg.Temporal.Namespace,
		AutoAcceptConfidence: cfg.AutoAcceptConfidence,
		Review: signals.ReviewPolicy{
			ReminderAfter: cfg.Review.ReminderAfter,
			EscalateAfter: cfg.Review.EscalateAfter,
			WebUI:         cfg.Temporal.UIBaseURL,
		},
	}
}
