package export

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tollbooth/tollbooth/internal/ftpserver"
)

func TestFTPUploadIsAtomicAndIdempotent(t *testing.T) {
	root := t.TempDir()
	srv, err := ftpserver.Start("127.0.0.1:0", root, "billing", "s3cret", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	f := FTP{Addr: srv.Addr, User: "billing", Password: "s3cret", Dir: "/"}
	body := []byte("capture_id\r\nc1\r\n")
	uri, err := f.Upload(context.Background(), "tollbooth-20261125-000001.csv", body)
	if err != nil {
		t.Fatal(err)
	}
	if uri != "ftp://"+srv.Addr+"/tollbooth-20261125-000001.csv" {
		t.Fatalf("uri %s", uri)
	}
	// Billing takes the file; a retry with the same bytes to an unchanged server sends nothing new.
	if _, err := f.Upload(context.Background(), "tollbooth-20261125-000001.csv", body); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 || entries[0].Name() != "tollbooth-20261125-000001.csv" {
		t.Fatalf("files on the server: %v (want only the final name, no .part left)", entries)
	}
	got, _ := os.ReadFile(filepath.Join(root, entries[0].Name()))
	if string(got) != string(body) {
		t.Fatalf("content %q", got)
	}
	bad := f
	bad.Password = "wrong"
	if _, err := bad.Upload(context.Background(), "x.csv", body); err == nil {
		t.Fatal("want a login error")
	}
	_ = srv.Stop()
	if _, err := f.Upload(context.Background(), "y.csv", body); err == nil {
		t.Fatal("want an error with the server down")
	}
}
