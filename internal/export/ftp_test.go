package export

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tollbooth/tollbooth/internal/ftpserver"
)

// Stage then Publish: billing never sees a partial file, and a retry never hands it the file twice.
func TestFTPUploadIsAtomicAndIdempotent(t *testing.T) {
	root := t.TempDir()
	srv, err := ftpserver.Start(ftpserver.Options{Addr: "127.0.0.1:0", Root: root, User: "billing", Password: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	f := FTP{Addr: srv.Addr, User: "billing", Password: "s3cret", Dir: "/"}
	ctx := context.Background()
	const name = "tollbooth-20261125-000001.csv"
	body := []byte("capture_id\r\nc1\r\n")
	files := func() []string {
		entries, _ := os.ReadDir(root)
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}

	// Staged: only the temporary name, which billing ignores.
	if err := f.Stage(ctx, name, []byte("capture_id\r\npartial")); err != nil {
		t.Fatal(err)
	}
	if err := f.Stage(ctx, name, body); err != nil { // a retry replaces a partial stage
		t.Fatal(err)
	}
	if got := files(); len(got) != 1 || got[0] != TempName(name) {
		t.Fatalf("after Stage: %v", got)
	}
	uri, err := f.Publish(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	if uri != "ftp://"+srv.Addr+"/"+name {
		t.Fatalf("uri %s", uri)
	}
	if got := files(); len(got) != 1 || got[0] != name {
		t.Fatalf("after Publish: %v (want only the final name)", got)
	}
	if got, _ := os.ReadFile(filepath.Join(root, name)); string(got) != string(body) {
		t.Fatalf("content %q", got)
	}
	// A retried Publish, before or after billing took the file, sends nothing again.
	if _, err := f.Publish(ctx, name); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(root, name)); err != nil { // billing takes it
		t.Fatal(err)
	}
	if _, err := f.Publish(ctx, name); err != nil {
		t.Fatal(err)
	}
	if got := files(); len(got) != 0 {
		t.Fatalf("a retry after billing took the file put it back: %v", got)
	}

	bad := f
	bad.Password = "wrong"
	if err := bad.Stage(ctx, "x.csv", body); err == nil {
		t.Fatal("want a login error")
	}
	_ = srv.Stop()
	if err := f.Stage(ctx, "y.csv", body); err == nil {
		t.Fatal("want an error with the server down")
	}
}
