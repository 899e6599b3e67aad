package notify

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/smtp"
	"strings"
	"time"

	"github.com/tollbooth/tollbooth/internal/alert"
)

// Mail sends alerts by SMTP submission. It upgrades the connection with STARTTLS whenever the
// server offers it and authenticates (PLAIN, else LOGIN, as Office 365 offers) when a user is set.
// A password is never sent over a connection that is neither encrypted nor to loopback.
type Mail struct {
	Addr     string // host:port, e.g. smtp.office365.com:587
	User     string
	Password string
	From     string
	To       []string
	Timeout  time.Duration // per delivery; 0 means 30s
	// TLS configures STARTTLS; nil verifies the server against the system's roots.
	TLS *tls.Config
}

func (m Mail) Name() string { return "mail" }

// Send delivers one message to every recipient.
func (m Mail) Send(ctx context.Context, a alert.Alert) error {
	timeout := m.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < timeout {
		timeout = time.Until(dl)
	}
	conn, err := (&net.Dialer{Timeout: timeout}).DialContext(ctx, "tcp", m.Addr)
	if err != nil {
		return fmt.Errorf("connect to SMTP server %s: %w", m.Addr, err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(timeout))
	host, _, _ := net.SplitHostPort(m.Addr)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		return fmt.Errorf("SMTP greeting from %s: %w", m.Addr, err)
	}
	defer c.Close()
	if err := c.Hello("tollbooth"); err != nil {
		return fmt.Errorf("SMTP EHLO: %w", err)
	}
	encrypted := false
	if ok, _ := c.Extension("STARTTLS"); ok {
		conf := &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
		if m.TLS != nil {
			conf = m.TLS.Clone()
		}
		if err := c.StartTLS(conf); err != nil {
			return fmt.Errorf("SMTP STARTTLS with %s: %w", m.Addr, err)
		}
		encrypted = true
	}
	if m.User != "" {
		if !encrypted && !isLoopback(host) {
			return fmt.Errorf("SMTP server %s offers no STARTTLS: refusing to send the password in clear", m.Addr)
		}
		ok, mechs := c.Extension("AUTH")
		if !ok {
			return fmt.Errorf("SMTP server %s offers no AUTH but TOLLBOOTH_SMTP_USER is set", m.Addr)
		}
		var auth smtp.Auth
		switch {
		case strings.Contains(" "+mechs+" ", " PLAIN "):
			auth = plainAuth{user: m.User, password: m.Password}
		case strings.Contains(" "+mechs+" ", " LOGIN "):
			auth = loginAuth{user: m.User, password: m.Password}
		default:
			return fmt.Errorf("SMTP server %s offers AUTH %s; tollbooth speaks PLAIN and LOGIN", m.Addr, mechs)
		}
		if err := c.Auth(auth); err != nil {
			return fmt.Errorf("SMTP AUTH as %s: %w", m.User, err)
		}
	}
	if err := c.Mail(m.From); err != nil {
		return fmt.Errorf("SMTP MAIL FROM %s: %w", m.From, err)
	}
	for _, to := range m.To {
		if err := c.Rcpt(to); err != nil {
			return fmt.Errorf("SMTP RCPT TO %s: %w", to, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("SMTP DATA: %w", err)
	}
	if _, err := w.Write(m.message(a, time.Now())); err != nil {
		return fmt.Errorf("SMTP DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("SMTP server refused the message: %w", err)
	}
	return c.Quit()
}

// message renders the RFC 5322 message: UTF-8 text, encoded subject, CRLF line ends.
func (m Mail) message(a alert.Alert, now time.Time) []byte {
	var id [8]byte
	_, _ = rand.Read(id[:])
	domain := "tollbooth.local"
	if _, d, ok := strings.Cut(m.From, "@"); ok {
		domain = strings.Trim(d, "> ")
	}
	headers := []string{
		"From: " + m.From,
		"To: " + strings.Join(m.To, ", "),
		"Subject: " + mime.QEncoding.Encode("utf-8", "[tollbooth] "+a.Subject),
		"Date: " + now.Format(time.RFC1123Z),
		"Message-ID: <" + hex.EncodeToString(id[:]) + "@" + domain + ">",
		"X-Tollbooth-Alert: " + a.DedupKey(),
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=UTF-8",
		"Content-Transfer-Encoding: 8bit",
	}
	body := strings.ReplaceAll(Text(a), "\r\n", "\n")
	body = strings.ReplaceAll(body, "\n", "\r\n")
	return []byte(strings.Join(headers, "\r\n") + "\r\n\r\n" + body)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// plainAuth is AUTH PLAIN; the caller has checked the connection is encrypted or local (net/smtp's
// own PlainAuth refuses anything but TLS or "localhost").
type plainAuth struct{ user, password string }

func (a plainAuth) Start(*smtp.ServerInfo) (string, []byte, error) {
	return "PLAIN", []byte("\x00" + a.user + "\x00" + a.password), nil
}

func (a plainAuth) Next(_ []byte, more bool) ([]byte, error) {
	if more {
		return nil, errors.New("unexpected SMTP AUTH PLAIN challenge")
	}
	return nil, nil
}

// loginAuth is AUTH LOGIN, the mechanism Office 365 offers for basic authentication.
type loginAuth struct{ user, password string }

func (a loginAuth) Start(*smtp.ServerInfo) (string, []byte, error) { return "LOGIN", nil, nil }

func (a loginAuth) Next(fromServer []byte, more bool) ([]byte, error) {
	if !more {
		return nil, nil
	}
	switch strings.ToLower(strings.TrimSpace(string(fromServer))) {
	case "username:":
		return []byte(a.user), nil
	case "password:":
		return []byte(a.password), nil
	}
	return nil, fmt.Errorf("unexpected SMTP AUTH LOGIN challenge %q", fromServer)
}
