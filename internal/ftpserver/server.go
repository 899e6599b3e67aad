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
	xfer *transferLog
	done chan error
}

// Options configure Start.
type Options struct {
	Addr     string // host:port; port 0 picks a free one
	Root     string // folder that holds the files
	User     string // the one user
	Password string
	Logger   *log.Logger // the session log (commands and answers); nil discards it
	// TransferLog, when set, is a file the server appends each completed upload and rename to
	// (transfers.go); it lives outside Root, so clients never see it.
	TransferLog string
}

// Start serves o.Root over FTP on o.Addr for one user.
func Start(o Options) (*Server, error) {
	if err := os.MkdirAll(o.Root, 0o755); err != nil {
		return nil, err
	}
	host, _, err := net.SplitHostPort(o.Addr)
	if err != nil {
		return nil, fmt.Errorf("ftp server address %q: %w", o.Addr, err)
	}
	var driver server.Driver
	if driver, err = file.NewDriver(o.Root); err != nil {
		return nil, err
	}
	var xfer *transferLog
	if o.TransferLog != "" {
		if xfer, err = openTransferLog(o.TransferLog); err != nil {
			return nil, err
		}
		driver = loggingDriver{Driver: driver, log: xfer}
	}
	l, err := net.Listen("tcp", o.Addr)
	if err != nil {
		if xfer != nil {
			xfer.Close()
		}
		return nil, fmt.Errorf("ftp server: listen on %s: %w", o.Addr, err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	logger := o.Logger
	opts := &server.Options{
		Driver:   driver,
		Auth:     &server.SimpleAuth{Name: o.User, Password: o.Password},
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
		if xfer != nil {
			xfer.Close()
		}
		return nil, err
	}
	s := &Server{Addr: net.JoinHostPort(host, strconv.Itoa(port)), Root: o.Root, srv: srv, l: l, xfer: xfer, done: make(chan error, 1)}
	go func() { s.done <- srv.Serve(l) }()
	return s, nil
}

// Stop closes the listener and every session.
func (s *Server) Stop() error {
	_ = s.srv.Shutdown()
	err := s.l.Close()
	if s.xfer != nil {
		_ = s.xfer.Close()
	}
	if err != nil && !errors.Is(err, net.ErrClosed) {
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
