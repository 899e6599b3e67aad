package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
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

// Upload puts body on the server as name, atomically: it is written under TempName(name) and then
// renamed, so the billing system never reads a partial file. When the same bytes are already there
// under the final name (a retry after the rename), nothing is sent again. It returns the file's
// ftp:// address.
func (f FTP) Upload(ctx context.Context, name string, body []byte) (string, error) {
	timeout := f.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	c, err := ftp.Dial(f.Addr, ftp.DialWithContext(ctx), ftp.DialWithTimeout(timeout))
	if err != nil {
		return "", fmt.Errorf("connect to FTP server %s: %w", f.Addr, err)
	}
	defer c.Quit()
	if err := c.Login(f.User, f.Password); err != nil {
		return "", fmt.Errorf("FTP login as %s on %s: %w", f.User, f.Addr, err)
	}
	dir := f.Dir
	if dir == "" {
		dir = "/"
	}
	final := path.Join(dir, name)
	uri := "ftp://" + f.Addr + final
	if size, err := c.FileSize(final); err == nil && size == int64(len(body)) {
		if same, err := sameContent(c, final, body); err != nil {
			return "", err
		} else if same {
			return uri, nil // a retry after the rename: the file is there already
		}
	} else if err != nil && !isNotFound(err) {
		return "", fmt.Errorf("FTP SIZE %s: %w", final, err)
	}
	tmp := path.Join(dir, TempName(name))
	if err := c.Stor(tmp, bytes.NewReader(body)); err != nil {
		return "", fmt.Errorf("FTP upload %s: %w", tmp, err)
	}
	if err := c.Rename(tmp, final); err != nil {
		return "", fmt.Errorf("FTP rename %s to %s: %w", tmp, final, err)
	}
	return uri, nil
}

// sameContent reads the remote file and compares it with body.
func sameContent(c *ftp.ServerConn, name string, body []byte) (bool, error) {
	r, err := c.Retr(name)
	if err != nil {
		return false, fmt.Errorf("FTP RETR %s: %w", name, err)
	}
	got, err := io.ReadAll(io.LimitReader(r, int64(len(body))+1))
	if cerr := r.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return false, fmt.Errorf("FTP RETR %s: %w", name, err)
	}
	return bytes.Equal(got, body), nil
}

// isNotFound: FTP servers answer 550 (or 450) to SIZE for a file that is not there.
func isNotFound(err error) bool {
	var pe *textproto.Error
	return errors.As(err, &pe) && (pe.Code == ftp.StatusFileUnavailable || pe.Code == ftp.StatusFileActionIgnored)
}
