package ftpserver

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"

	"github.com/jlaffaye/ftp"
	"github.com/stretchr/testify/require"
)

// The transfer log holds each completed upload and rename as the server saw them, so a file staged
// twice and published once reads as such, whatever the folder holds afterwards.
func TestTheTransferLogCountsUploadsAndRenames(t *testing.T) {
	dir := t.TempDir()
	logPath := filepath.Join(dir, "transfers.log")
	srv, err := Start(Options{Addr: "127.0.0.1:0", Root: filepath.Join(dir, "root"), User: "u", Password: "p", TransferLog: logPath})
	require.NoError(t, err)
	defer srv.Stop()

	c, err := ftp.Dial(srv.Addr, ftp.DialWithTimeout(5*time.Second))
	require.NoError(t, err)
	defer c.Quit()
	require.NoError(t, c.Login("u", "p"))
	require.NoError(t, c.Stor("/a.csv.part", bytes.NewReader([]byte("first"))))
	require.NoError(t, c.Stor("/a.csv.part", bytes.NewReader([]byte("second try"))))
	require.NoError(t, c.Rename("/a.csv.part", "/a.csv"))
	require.Error(t, c.Rename("/a.csv.part", "/a.csv"), "the staged file is gone: a failed rename is not a transfer")

	got, err := ReadTransfers(logPath)
	require.NoError(t, err)
	require.Len(t, got, 3)
	require.Equal(t, Transfer{Op: OpPut, Path: "/a.csv.part", Bytes: 10}, Transfer{Op: got[1].Op, Path: got[1].Path, Bytes: got[1].Bytes})
	require.Equal(t, map[string]int{"a.csv.part": 2}, Uploads(got))
	require.Equal(t, map[string]int{"a.csv": 1}, Published(got))
}

// A log that does not exist yet is empty, and a line cut short by a kill is skipped.
func TestReadTransfersToleratesAMissingLogAndATornLine(t *testing.T) {
	dir := t.TempDir()
	got, err := ReadTransfers(filepath.Join(dir, "none.log"))
	require.NoError(t, err)
	require.Empty(t, got)

	l, err := openTransferLog(filepath.Join(dir, "t.log"))
	require.NoError(t, err)
	l.write(Transfer{Op: OpRename, Path: "/b.part", To: "/b"})
	_, _ = l.f.WriteString(`{"op":"rena`)
	require.NoError(t, l.Close())
	got, err = ReadTransfers(filepath.Join(dir, "t.log"))
	require.NoError(t, err)
	require.Equal(t, map[string]int{"b": 1}, Published(got))
}
