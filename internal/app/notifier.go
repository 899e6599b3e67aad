package app

import (
	"cloud.google.com/go/firestore"

	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/notify"
)

// NewNotifier builds the alert Notifier the configuration asks for: mail when an SMTP server and
// recipients are set, the webhook when its URL is set, de-duplication marks in Firestore.
func NewNotifier(cfg config.Alerts, fs *firestore.Client) *notify.Notifier {
	n := &notify.Notifier{Marks: notify.FirestoreMarks{Client: fs}, Window: cfg.DedupWindow, UIBaseURL: cfg.UIBaseURL}
	if cfg.SMTPAddr != "" && len(cfg.To) > 0 {
		n.Channels = append(n.Channels, notify.Mail{Addr: cfg.SMTPAddr, User: cfg.SMTPUser, Password: cfg.SMTPPassword, From: cfg.From, To: cfg.To})
	}
	if cfg.Webhook != "" {
		n.Channels = append(n.Channels, notify.Webhook{URL: cfg.Webhook})
	}
	return n
}
