package devstack

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"time"

	"github.com/tollbooth/tollbooth/internal/config"
)

// ftpPackage is the local billing FTP server, built from this repository.
const ftpPackage = "./tools/ftpserver"

// FTPRoot is the folder the local FTP server keeps uploaded files in: DIR/ftp.
func (s *Stack) FTPRoot() string { return filepath.Join(s.Dir, "ftp") }

// FTPTransferLog is the local FTP server's own account of every completed upload and rename
// (internal/ftpserver/transfers.go): DIR/ftp-transfers.log, outside the served folder.
func (s *Stack) FTPTransferLog() string { return filepath.Join(s.Dir, "ftp-transfers.log") }

// ftpPassword is the local FTP server's password: the well-known local one on the demo's fixed
// port, else one derived from the stack's folder and port (loopback only, never a real secret).
func (s *Stack) ftpPassword() string {
	if s.Ports.FTP == config.LocalFTPPort {
		return config.LocalFTPPassword
	}
	sum := sha256.Sum256([]byte(s.Dir + "/" + addr(s.Ports.FTP)))
	return hex.EncodeToString(sum[:12])
}

// startFTP builds tools/ftpserver and starts it on loopback.
func (s *Stack) startFTP(ctx context.Context) error {
	bin := filepath.Join(s.BinDir(), "ftpserver")
	if err := s.GoBuild(ctx, bin, ftpPackage); err != nil {
		return err
	}
	svc, err := s.launch("FTP server", "ftp", addr(s.Ports.FTP), ProcessSpec{
		Path: bin, Args: []string{"-addr", addr(s.Ports.FTP), "-root", s.FTPRoot(), "-user", config.LocalFTPUser,
			"-transfer-log", s.FTPTransferLog()},
		Dir: s.Dir,
		Env: Environ(os.Environ(), []EnvVar{{config.EnvFTPPassword, s.ftpPassword()}}),
	})
	if err != nil {
		return err
	}
	svc.Extra = []Endpoint{{Name: "uploaded files", Addr: s.rel(s.FTPRoot())}}
	return s.waitReady(ctx, svc, 30*time.Second, func(ctx context.Context) error {
		return dialable(ctx, addr(s.Ports.FTP))
	})
}

// exportEnv is what the worker, the starter and tests need for exports and alerts.
func (s *Stack) exportEnv() []EnvVar {
	p := s.Ports
	return []EnvVar{
		{config.EnvFTPAddr, addr(p.FTP)},
		{config.EnvFTPUser, config.LocalFTPUser},
		{config.EnvFTPPassword, s.ftpPassword()},
		{EnvFTPRoot, s.FTPRoot()},
		{EnvFTPTransferLog, s.FTPTransferLog()},
		{config.EnvSMTPAddr, addr(p.SMTP)},
		{config.EnvMailpitURL, "http://" + addr(p.MailpitUI)},
		{config.EnvAlertTo, config.LocalAlertTo},
	}
}

// Variables that show tests what the local FTP server holds and did.
const (
	// EnvFTPRoot names the local FTP server's folder, for tests that look at the uploaded files.
	EnvFTPRoot = "TOLLBOOTH_FTP_ROOT"
	// EnvFTPTransferLog names its transfer log, for tests that count uploads and renames.
	EnvFTPTransferLog = "TOLLBOOTH_FTP_TRANSFER_LOG"
)
