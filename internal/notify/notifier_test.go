package notify

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tollbooth/tollbooth/internal/alert"
)

type fakeChannel struct {
	name  string
	sent  []alert.Alert
	fails int
}

func (f *fakeChannel) Name() string { return f.name }
func (f *fakeChannel) Send(_ context.Context, a alert.Alert) error {
	if f.fails > 0 {
		f.fails--
		return errors.New("down")
	}
	f.sent = append(f.sent, a)
	return nil
}

func TestNotifyDeduplicatesPerConditionAndWindow(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	mail := &fakeChannel{name: "mail"}
	n := &Notifier{Channels: []Channel{mail}, Marks: &MemoryMarks{}, Window: time.Hour, Now: func() time.Time { return now }}
	a := alert.Alert{Kind: alert.KindExportEmpty, Key: "interval-1", Subject: "nothing to export"}
	ctx := context.Background()
	for i := range 3 {
		sent, err := n.Notify(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if sent != (i == 0) {
			t.Fatalf("call %d: sent = %v; only the first delivers", i+1, sent)
		}
	}
	other := a
	other.Key = "interval-2"
	if _, err := n.Notify(ctx, other); err != nil {
		t.Fatal(err)
	}
	if len(mail.sent) != 2 {
		t.Fatalf("sent %d mails, want 2 (one per condition)", len(mail.sent))
	}
	now = now.Add(61 * time.Minute)
	if _, err := n.Notify(ctx, a); err != nil {
		t.Fatal(err)
	}
	if len(mail.sent) != 3 {
		t.Fatalf("after the window: sent %d mails, want 3", len(mail.sent))
	}
}

func TestNotifyRetryUsesOnlyChannelsThatFailed(t *testing.T) {
	mail := &fakeChannel{name: "mail"}
	hook := &fakeChannel{name: "webhook", fails: 1}
	n := &Notifier{Channels: []Channel{mail, hook}, Marks: &MemoryMarks{}, Window: time.Hour}
	a := alert.Alert{Kind: alert.KindExportFailed, Key: "batch-000001"}
	if _, err := n.Notify(context.Background(), a); err == nil {
		t.Fatal("want an error while the webhook is down")
	}
	if _, err := n.Notify(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if len(mail.sent) != 1 || len(hook.sent) != 1 {
		t.Fatalf("mail %d, webhook %d; want one each", len(mail.sent), len(hook.sent))
	}
}

func TestClaimHeldByAnotherWorker(t *testing.T) {
	m := &MemoryMarks{}
	a := alert.Alert{Kind: alert.KindReviewBacklog}
	now := time.Now()
	if _, err := m.Claim(context.Background(), a, now, time.Hour, time.Minute); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Claim(context.Background(), a, now.Add(time.Second), time.Hour, time.Minute); !errors.Is(err, ErrInProgress) {
		t.Fatalf("second claim: %v, want ErrInProgress", err)
	}
	c, err := m.Claim(context.Background(), a, now.Add(2*time.Minute), time.Hour, time.Minute)
	if err != nil || c.Duplicate {
		t.Fatalf("claim after the lease: %+v %v, want a fresh claim", c, err)
	}
}

func TestMailMessageSaysWhatSinceAndWhere(t *testing.T) {
	m := Mail{From: "tollbooth@example.com", To: []string{"ops@example.com", "b@example.com"}}
	a := alert.Alert{Kind: alert.KindExportFailed, Key: "batch-000002", Subject: "Export batch-000002 failed: FTP down – ünïcode",
		Body: "The upload failed.\nReason: connection refused", Since: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC),
		Link: "http://127.0.0.1:8233/namespaces/default/workflows/export-batch-000002"}
	msg := string(m.message(a, time.Now()))
	for _, want := range []string{"To: ops@example.com, b@example.com\r\n", "Subject: =?utf-8?q?", "charset=UTF-8",
		"Reason: connection refused\r\n", "Since: 2026-11-25T09:00:00Z", "Where to look: http://127.0.0.1:8233/"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}

func TestWebhookPostsJSON(t *testing.T) {
	var got WebhookPayload
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
			t.Error(err)
		}
	}))
	defer srv.Close()
	a := alert.Alert{Kind: alert.KindExportEmpty, Key: "k", Subject: "s", Link: "http://ui"}
	if err := (Webhook{URL: srv.URL}).Send(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if got.Kind != alert.KindExportEmpty || got.Condition != "export-empty/k" || !strings.Contains(got.Text, "http://ui") {
		t.Fatalf("payload %+v", got)
	}
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Error(w, "nope", 500) }))
	defer bad.Close()
	if err := (Webhook{URL: bad.URL}).Send(context.Background(), a); err == nil {
		t.Fatal("want an error for a 500 answer")
	}
}
