package config

import (
	"fmt"
	"os"
	"time"

	"github.com/tollbooth/tollbooth/signals"
)

// Review configures human review: the deadlines recorded in each capture workflow's input, and the
// reviewers' gateway.
type Review struct {
	ReminderAfter time.Duration // a capture waiting this long raises a reminder alert
	EscalateAfter time.Duration // ... and this long, an escalation
	GatewayAddr   string        // host:port the gateway listens on; loopback by default
	ReviewersFile string        // reviewer ids and bcrypt hashes (`starter reviewer add`)
	CookieSecure  bool          // mark session cookies Secure (behind HTTPS)
}

// LocalGatewayPort is the gateway's port on the local stack and the default.
const LocalGatewayPort = 8080

// DefaultReviewersFile is where `starter reviewer add` writes when TOLLBOOTH_REVIEWERS_FILE is unset.
const DefaultReviewersFile = ".devstack/reviewers"

const (
	EnvReviewReminderAfter = "TOLLBOOTH_REVIEW_REMINDER_AFTER"
	EnvReviewEscalateAfter = "TOLLBOOTH_REVIEW_ESCALATE_AFTER"
	EnvGatewayAddr         = "TOLLBOOTH_GATEWAY_ADDR"
	EnvReviewersFile       = "TOLLBOOTH_REVIEWERS_FILE"
	EnvCookieSecure        = "TOLLBOOTH_COOKIE_SECURE"
)

func (c *Config) loadReview() error {
	r := Review{
		GatewayAddr:   env(EnvGatewayAddr, fmt.Sprintf("127.0.0.1:%d", LocalGatewayPort)),
		ReviewersFile: env(EnvReviewersFile, DefaultReviewersFile),
		CookieSecure:  os.Getenv(EnvCookieSecure) == "true",
	}
	var err error
	if r.ReminderAfter, err = durationEnv(EnvReviewReminderAfter, signals.DefaultReviewReminderAfter, time.Second, 30*24*time.Hour); err != nil {
		return err
	}
	if r.EscalateAfter, err = durationEnv(EnvReviewEscalateAfter, signals.DefaultReviewEscalateAfter, time.Second, 90*24*time.Hour); err != nil {
		return err
	}
	if r.EscalateAfter <= r.ReminderAfter {
		return fmt.Errorf("%s=%s must be longer than %s=%s", EnvReviewEscalateAfter, r.EscalateAfter, EnvReviewReminderAfter, r.ReminderAfter)
	}
	c.Review = r
	return nil
}
