package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/tollbooth/tollbooth/internal/alert"
)

// Webhook posts alerts as JSON to a URL (a chat or incident tool's incoming webhook).
type Webhook struct {
	URL    string
	Client *http.Client // nil: a client with a 15s timeout
}

// WebhookPayload is the JSON body posted for each alert.
type WebhookPayload struct {
	alert.Alert
	Condition string    `json:"condition"`
	Text      string    `json:"text"` // the whole message, for tools that show one text field
	SentAt    time.Time `json:"sent_at"`
}

func (w Webhook) Name() string { return "webhook" }

func (w Webhook) Send(ctx context.Context, a alert.Alert) error {
	body, err := json.Marshal(WebhookPayload{Alert: a, Condition: a.DedupKey(), Text: a.Subject + "\n\n" + Text(a), SentAt: time.Now().UTC()})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("alert webhook: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	hc := w.Client
	if hc == nil {
		hc = &http.Client{Timeout: 15 * time.Second}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("alert webhook: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("alert webhook answered %s: %s", resp.Status, bytes.TrimSpace(msg))
	}
	return nil
}
