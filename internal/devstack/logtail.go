package devstack

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
)

// TailLines is how much of a service's log an error shows.
const TailLines = 20

// tailMaxBytes bounds how much of a log Tail reads: enough for TailLines of long Java log lines.
const tailMaxBytes = 64 << 10

// Tail returns the last n lines of the file at path (fewer if it is shorter). It reads at most the
// last 64 KiB, so a huge log costs nothing.
func Tail(path string, n int) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	start := info.Size() - tailMaxBytes
	if start < 0 {
		start = 0
	}
	buf := make([]byte, info.Size()-start)
	if _, err := f.ReadAt(buf, start); err != nil && err != io.EOF {
		return nil, err
	}
	if start > 0 { // drop the partial first line
		if i := bytes.IndexByte(buf, '\n'); i >= 0 {
			buf = buf[i+1:]
		}
	}
	text := strings.TrimRight(string(buf), "\n")
	if text == "" {
		return nil, nil
	}
	lines := strings.Split(text, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return lines, nil
}

// ServiceError is a failure of one service, with the end of its log so the cause is on screen.
type ServiceError struct {
	Service string
	LogPath string
	Err     error
	// Tail is the end of the log when the error happened (NewServiceError reads it then, before
	// stopping the service appends its shutdown messages).
	Tail    []string
	tailErr error
}

// NewServiceError records err for service and the last TailLines lines of its log as they are now.
func NewServiceError(service, logPath string, err error) *ServiceError {
	e := &ServiceError{Service: service, LogPath: logPath, Err: err}
	if logPath != "" {
		e.Tail, e.tailErr = Tail(logPath, TailLines)
	}
	return e
}

func (e *ServiceError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %v", e.Service, e.Err)
	if e.LogPath == "" {
		return b.String()
	}
	lines, err := e.Tail, e.tailErr
	if lines == nil && err == nil { // built without NewServiceError: read the log now
		lines, err = Tail(e.LogPath, TailLines)
	}
	switch {
	case err != nil:
		fmt.Fprintf(&b, "\n(could not read its log %s: %v)", e.LogPath, err)
	case len(lines) == 0:
		fmt.Fprintf(&b, "\n(its log %s is empty)", e.LogPath)
	default:
		fmt.Fprintf(&b, "\n--- last %d lines of %s ---\n%s\n---", len(lines), e.LogPath, strings.Join(lines, "\n"))
	}
	return b.String()
}

func (e *ServiceError) Unwrap() error { return e.Err }
