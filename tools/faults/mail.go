package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// photosMissedSubject is part of the subject of the sweep's alert (workflows/sweep.go).
const photosMissedSubject = "had no workflow"

// mails counts the alerts in mailpit whose subject holds the text.
func (s *suite) mails(ctx context.Context, subject string) (int, error) {
	u := s.cfg.Alerts.MailpitURL + "/api/v1/search?query=" + url.QueryEscape("subject:\""+subject+"\"")
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, fmt.Errorf("ask mailpit: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("mailpit search answered %s", resp.Status)
	}
	var found struct {
		MessagesCount int `json:"messages_count"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&found); err != nil {
		return 0, fmt.Errorf("mailpit search: %w", err)
	}
	return found.MessagesCount, nil
}
