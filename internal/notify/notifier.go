package notify

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tollbooth/tollbooth/internal/alert"
)

// Channel is one way of delivering an alert.
type Channel interface {
	// Name is the channel's name in the de-duplication marks ("mail", "webhook").
	Name() string
	Send(ctx context.Context, a alert.Alert) error
}

// Notifier sends each alert through every channel, once per condition and window.
type Notifier struct {
	Channels []Channel
	Marks    Marks
	// Window is how long a condition (Kind + Key) stays quiet after an alert about it.
	Window time.Duration
	// UIBaseURL prefixes links that start with "/" (paths in the Temporal Web UI), so workflows
	// need not know where the UI is.
	UIBaseURL string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// ErrInProgress means another worker is delivering the same alert right now; the activity retries.
var ErrInProgress = errors.New("another worker is delivering this alert")

// Notify delivers a unless the same condition was reported within the window, and says whether
// it delivered it (false: a repeat, dropped). A channel that already delivered this alert (a retry
// after a partial failure) is not used again.
func (n *Notifier) Notify(ctx context.Context, a alert.Alert) (bool, error) {
	sent, err := n.notify(ctx, a)
	return sent && err == nil, err
}

func (n *Notifier) notify(ctx context.Context, a alert.Alert) (bool, error) {
	if len(n.Channels) == 0 {
		return false, errors.New("no alert channel configured: set TOLLBOOTH_SMTP_ADDR and TOLLBOOTH_ALERT_TO, or TOLLBOOTH_ALERT_WEBHOOK")
	}
	if strings.HasPrefix(a.Link, "/") && n.UIBaseURL != "" {
		a.Link = strings.TrimSuffix(n.UIBaseURL, "/") + a.Link
	}
	now := n.now()
	claim, err := n.Marks.Claim(ctx, a, now, n.Window, claimLease)
	if err != nil {
		return false, err
	}
	if claim.Duplicate {
		return false, nil
	}
	var errs []error
	for _, ch := range n.Channels {
		if claim.Sent[ch.Name()] {
			continue
		}
		if err := ch.Send(ctx, a); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", ch.Name(), err))
			continue
		}
		if err := n.Marks.Sent(ctx, a, ch.Name()); err != nil {
			errs = append(errs, fmt.Errorf("record %s delivery: %w", ch.Name(), err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		// Release the claim so a retry can go on at once with the channels left.
		return false, errors.Join(err, n.Marks.Release(ctx, a))
	}
	return true, n.Marks.Done(ctx, a, n.now())
}

func (n *Notifier) now() time.Time {
	if n.Now != nil {
		return n.Now().UTC()
	}
	return time.Now().UTC()
}

// claimLease is how long a worker may take to deliver an alert before another may take over.
const claimLease = 2 * time.Minute

// Text renders the alert for a person: what happened, since when, where to look.
func Text(a alert.Alert) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(a.Body))
	b.WriteString("\n\n")
	if !a.Since.IsZero() {
		fmt.Fprintf(&b, "Since: %s\n", a.Since.UTC().Format(time.RFC3339))
	}
	if a.Link != "" {
		fmt.Fprintf(&b, "Where to look: %s\n", a.Link)
	}
	fmt.Fprintf(&b, "Condition: %s (repeats of it are held back for the de-duplication window)\n", a.DedupKey())
	return b.String()
}
