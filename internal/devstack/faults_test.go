package devstack

import (
	"bufio"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// greeting dials the FTP server and reads its 220 greeting within a second.
func greeting(address string) error {
	c, err := net.DialTimeout("tcp", address, time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	_ = c.SetReadDeadline(time.Now().Add(time.Second))
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(line, "220") {
		return &net.AddrError{Err: "unexpected greeting " + line, Addr: address}
	}
	return nil
}

// The fault suite's controls on a real server of the stack (the FTP server, built from the
// repository): paused, it accepts connections but answers nothing; killed, it is gone and not
// reported as died; restarted, it serves the same folder on the same port, its log kept. A crash
// nobody asked for is still reported.
func TestPauseKillAndRestartAServer(t *testing.T) {
	ports, err := FreePorts()
	require.NoError(t, err)
	s, err := newStack(Options{Dir: t.TempDir(), Ports: ports})
	require.NoError(t, err)
	ctx := context.Background()
	require.NoError(t, s.startFTP(ctx))
	s.watch()
	defer s.Stop()
	address := addr(s.Ports.FTP)
	require.NoError(t, os.WriteFile(filepath.Join(s.FTPRoot(), "kept.csv"), []byte("capture_id\r\n"), 0o644))
	require.NoError(t, greeting(address))

	require.NoError(t, s.Pause(ServiceFTP))
	require.Error(t, greeting(address), "a paused server answers nothing")
	require.NoError(t, s.Resume(ServiceFTP))
	require.NoError(t, greeting(address))

	require.NoError(t, s.Kill(ServiceFTP))
	require.Error(t, greeting(address), "a killed server is gone")
	require.ErrorContains(t, s.Kill("Pub/Sub emulator"), "cannot be started again")
	require.NoError(t, s.Restart(ctx, ServiceFTP))
	require.NoError(t, greeting(address))
	require.FileExists(t, filepath.Join(s.FTPRoot(), "kept.csv"))
	log, err := os.ReadFile(s.LogPath("ftp"))
	require.NoError(t, err)
	require.Equal(t, 2, strings.Count(string(log), "# devstack started FTP server"), "the log keeps both runs")
	require.ErrorContains(t, s.Restart(ctx, ServiceFTP), "is running")
	select {
	case err := <-s.Died():
		t.Fatalf("a server killed on purpose was reported: %v", err)
	case <-time.After(200 * time.Millisecond):
	}

	svc, err := s.service(ServiceFTP)
	require.NoError(t, err)
	require.NoError(t, syscall.Kill(-svc.proc.Pid(), syscall.SIGKILL))
	select {
	case err := <-s.Died():
		require.ErrorContains(t, err, "FTP server: exited unexpectedly")
	case <-time.After(10 * time.Second):
		t.Fatal("a crash of the restarted server was not reported")
	}
}
