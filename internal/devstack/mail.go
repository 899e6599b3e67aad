package devstack

import (
	"context"
	"path/filepath"
	"time"
)

// startMailpit starts mailpit: SMTP for the alerts, a web UI and an HTTP API (/api/v1/messages)
// to see and assert what was sent. Plain SMTP without authentication on loopback.
func (s *Stack) startMailpit(ctx context.Context) error {
	ui := "http://" + addr(s.Ports.MailpitUI)
	svc, err := s.launch("mailpit", "mailpit", addr(s.Ports.SMTP), ProcessSpec{
		Path: s.Tool(Mailpit.Binary),
		Args: []string{
			"--smtp", addr(s.Ports.SMTP),
			"--listen", addr(s.Ports.MailpitUI),
			"--database", filepath.Join(s.Dir, "mailpit.db"),
			"--disable-version-check",
		},
		Dir: s.Dir,
	})
	if err != nil {
		return err
	}
	svc.Extra = []Endpoint{{Name: "mailpit web UI (sent alerts)", Addr: ui}}
	return s.waitReady(ctx, svc, 30*time.Second, func(ctx context.Context) error {
		if err := dialable(ctx, addr(s.Ports.SMTP)); err != nil {
			return err
		}
		_, err := getText(ctx, ui+"/api/v1/info")
		return err
	})
}
