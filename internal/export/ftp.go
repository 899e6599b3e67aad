package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/textproto"
	"path"
	"time"

	"github.com/jlaffaye/ftp"
)

// FTP uploads CSV files to the billing FTP server.
type FTP struct {
	Addr     string // host:port
	User     string
	Password string
	Dir      string        // remote folder
	Timeout  time.Duration // per connection step; 0 means 30s
}

// Stage writes body under TempName(name), replacing what an interrupted attempt left there. The
// billing system ignores that name, so a partial file is never read.
func (f FTP) Stage(ctx context.Context, name string, body []byte) error {
	c, err := f.connect(ctx)
	if err != nil {
		return err
	}
	defer c.Quit()
	tmp := f.remote(TempName(name))
	if err := c.Stor(tmp, bytes.NewReader(body)); err != nil {
		return fmt.Errorf("FTP upload %s: %w", tmp, err)
	}
	return nil
}

// Publish renames the staged file to name, the atomic step after which billing may take it, and
// returns the file's ftp:// address. Call it only once Stage has succeeded (the caller records that):
// then a staged file means "not renamed yet", and no staged file means an earlier Publish renamed it
// — whether the final file is still there or billing has already taken it away. Either way nothing
// is sent again, so a retry never hands billing the same rows twice.
func (f FTP) Publish(ctx context.Context, name string) (string, error) {
	c, err := f.connect(ctx)
	if err != nil {
		return "", err
	}
	defer c.Quit()
	tmp, final := f.remote(TempName(name)), f.remote(name)
	uri := "ftp://" + f.Addr + final
	if _, err := c.FileSize(tmp); isNotFound(err) {
		return uri, nil
	} else if err != nil {
		return "", fmt.Errorf("FTP SIZE %s: %w", tmp, err)
	}
	if err := c.Rename(tmp, final); err != nil {
		return "", fmt.Errorf("FTP rename %s to %s: %w", tmp, final, err)
	}
	return uri, nil
}

func (f FTP) connect(ctx context.Context) (*ftp.ServerConn, error) {
	timeout := f.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	c, err := ftp.Dial(f.Addr, ftp.DialWithContext(ctx), ftp.DialWithTimeout(timeout))
	if err != nil {
		return nil, fmt.Errorf("connect to FTP server %s: %w", f.Addr, err)
	}
	if err := c.Login(f.User, f.Password); err != nil {
		_ = c.Quit()
		return nil, fmt.Errorf("FTP login as %s on %s: %w", f.User, f.Addr, err)
	}
	return c, nil
}

func (f FTP) remote(name string) string {
	dir := f.Dir
	if dir == "" {
		dir = "/"
	}
	return path.Join(dir, name)
}

// isNotFound: FTP servers answer 550 (or 450) to SIZE for a file that is not there.
func isNotFound(err error) bool {
	var pe *textproto.Error
	return errors.As(err, &pe) && (pe.Code == ftp.StatusFileUnavailable || pe.Code == ftp.StatusFileActionIgnored)
}
