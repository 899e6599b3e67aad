package config

import (
	"fmt"
	"os"
	"strings"
	"time"
)

// Alerts configures alert delivery (internal/notify).
type Alerts struct {
	SMTPAddr     string // host:port of the SMTP submission server; local: mailpit
	SMTPUser     string // empty: no authentication
	SMTPPassword string // from the environment or a secret reference resolved at start; never logged
	From         string
	To           []string
	Webhook      string        // optional JSON webhook URL
	DedupWindow  time.Duration // one alert per condition per window
	MailpitURL   string        // local stack only: mailpit's web UI and API
	UIBaseURL    string        // the Temporal Web UI, for links in alerts (TOLLBOOTH_TEMPORAL_UI)
}

// Alert defaults.
const (
	DefaultAlertFrom        = "tollbooth@localhost"
	LocalAlertTo            = "operations@tollbooth.local"
	DefaultAlertDedupWindow = time.Hour
)

func (c *Config) loadAlerts() error {
	a := Alerts{
		SMTPAddr:     c.emulator(EnvSMTPAddr, LocalSMTPPort),
		SMTPUser:     os.Getenv(EnvSMTPUser),
		SMTPPassword: c.secrets[EnvSMTPPassword],
		From:         env(EnvAlertFrom, DefaultAlertFrom),
		Webhook:      os.Getenv(EnvAlertWebhook),
		MailpitURL:   os.Getenv(EnvMailpitURL),
		UIBaseURL:    c.Temporal.UIBaseURL,
	}
	if a.MailpitURL == "" && c.Local {
		a.MailpitURL = fmt.Sprintf("http://127.0.0.1:%d", LocalMailpitUI)
	}
	to := os.Getenv(EnvAlertTo)
	if to == "" && c.Local {
		to = LocalAlertTo
	}
	for r := range strings.SplitSeq(to, ",") {
		if r = strings.TrimSpace(r); r != "" {
			a.To = append(a.To, r)
		}
	}
	var err error
	if a.DedupWindow, err = durationEnv(EnvAlertDedupWindow, DefaultAlertDedupWindow, time.Second, 30*24*time.Hour); err != nil {
		return err
	}
	if a.SMTPAddr != "" && len(a.To) == 0 {
		return fmt.Errorf("%s is set but %s is empty: name the alert recipients", EnvSMTPAddr, EnvAlertTo)
	}
	if (a.SMTPUser == "") != (a.SMTPPassword == "") {
		return fmt.Errorf("set both %s and %s for SMTP authentication, or neither", EnvSMTPUser, EnvSMTPPassword)
	}
	c.Alerts = a
	return nil
}

func durationEnv(name string, def, lo, hi time.Duration) (time.Duration, error) {
	v := os.Getenv(name)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < lo || d > hi {
		return 0, fmt.Errorf("%s=%q: want a duration from %s to %s, e.g. 1h or 15m", name, v, lo, hi)
	}
	return d, nil
}
