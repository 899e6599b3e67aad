package notify

import (
	"cloud.google.com/go/firestore"

	"github.com/tollbooth/tollbooth/internal/config"
)

// New builds the Notifier the configuration asks for: mail when an SMTP server and recipients are
// set, the webhook when its URL is set, de-duplication marks in Firestore.
func New(cfg config.Alerts, fs *firestore.Client) *Notifier {
	n := &Notifier{Marks: FirestoreMarks{Client: fs}, Window: cfg.DedupWindow, UIBaseURL: cfg.UIBaseURL}
	if cfg.SMTPAddr != "" && len(cfg.To) > 0 {
		n.Channels = append(n.Channels, Mail{Addr: cfg.SMTPAddr, User: cfg.SMTPUser, Password: cfg.SMTPPassword, From: cfg.From, To: cfg.To})
	}
	if cfg.Webhook != "" {
		n.Channels = append(n.Channels, Webhook{URL: cfg.Webhook})
	}
	return n
}
