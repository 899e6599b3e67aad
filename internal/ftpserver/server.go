// Package ftpserver is the local stand-in for the billing FTP server: a real FTP server
// (goftp.io/server/v2 with its file driver) on loopback, one user, files in a folder. The local
// stack runs it as tools/ftpserver; tests can run it in-process to stop and restart it.
package ftpserver

import (
	"errors"
	"fmt"
	"log"
	"net"
	"os"
	"strconv"

	"goftp.io/server/v2"
	"goftp.io/server/v2/driver/file"
)

// Server is a running FTP server.
type Server struct {
	Addr string // host:port it listens on
	Root string // folder that holds the files
	srv  *server.Server
	l    net.Listener
	done chan error
}

// Start serves root over FTP on addr (host:port; port 0 picks a free one) for one user.
func Start(addr, root, user, password string, logger *log.Logger) (*Server, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, err
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("ftp server address %q: %w", addr, err)
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("ftp server: listen on %s: %w", addr, err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	driver, err := file.NewDriver(root)
	if err != nil {
		l.Close()
		return nil, err
	}
	opts := &server.Options{
		Driver:   driver,
		Auth:     &server.SimpleAuth{Name: user, Password: password},
		Perm:     server.NewSimplePerm("tollbooth", "tollbooth"),
		Hostname: host,
		PublicIP: host, // passive data connections on loopback too
		Port:     port,
		Name:     "tollbooth local FTP",
	}
	if logger != nil {
		opts.Logger = stdLogger{logger}
	} else {
		opts.Logger = &server.DiscardLogger{}
	}
	srv, err := server.NewServer(opts)
	if err != nil {
		l.Close()
		return nil, err
	}
	s := &Server{Addr: net.JoinHostPort(host, strconv.Itoa(port)), Root: root, srv: srv, l: l, done: make(chan error, 1)}
	go func() { s.done <- srv.Serve(l) }()
	return s, nil
}

// Stop closes the listener and every session.
func (s *Server) Stop() error {
	_ = s.srv.Shutdown()
	if err := s.l.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
		return err
	}
	return nil
}

// Done delivers Serve's result once the server stops.
func (s *Server) Done() <-chan error { return s.done }

type stdLogger struct{ l *log.Logger }

func (s stdLogger) Print(id string, m any) { s.l.Printf("%s  %v", id, m) }
func (s stdLogger) Printf(id string, f string, v ...any) {
	s.l.Printf("%s  "+f, append([]any{id}, v...)...)
}
func (s stdLogger) PrintCommand(id, cmd, params string) {
	if cmd == "PASS" {
		params = "****"
	}
	s.l.Printf("%s > %s %s", id, cmd, params)
}
func (s stdLogger) PrintResponse(id string, code int, msg string) {
	s.l.Printf("%s < %d %s", id, code, msg)
}
