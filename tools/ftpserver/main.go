// Command ftpserver is the local stack's stand-in for the billing FTP server: one user, files in a
// folder, loopback only. The password comes from TOLLBOOTH_FTP_PASSWORD, never from a flag (flags
// show in ps). It stops on SIGINT or SIGTERM.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/tollbooth/tollbooth/internal/config"
	"github.com/tollbooth/tollbooth/internal/ftpserver"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8917", "host:port to listen on")
	root := flag.String("root", "ftp", "folder that holds the uploaded files")
	user := flag.String("user", config.LocalFTPUser, "the one user")
	transfers := flag.String("transfer-log", "", "file to append each completed upload and rename to, one JSON line each (the server's own account, for tests)")
	flag.Parse()
	password := os.Getenv(config.EnvFTPPassword)
	if password == "" {
		fmt.Fprintf(os.Stderr, "ftpserver: set %s\n", config.EnvFTPPassword)
		os.Exit(2)
	}
	logger := log.New(os.Stderr, "", log.LstdFlags|log.Lmicroseconds)
	srv, err := ftpserver.Start(ftpserver.Options{
		Addr: *addr, Root: *root, User: *user, Password: password, Logger: logger, TransferLog: *transfers,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "ftpserver:", err)
		os.Exit(1)
	}
	logger.Printf("serving %s over FTP on %s (user %s)", srv.Root, srv.Addr, *user)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	select {
	case <-sig:
		_ = srv.Stop()
	case err := <-srv.Done():
		fmt.Fprintln(os.Stderr, "ftpserver:", err)
		os.Exit(1)
	}
}
