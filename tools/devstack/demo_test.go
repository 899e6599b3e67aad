package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestParseCaptures(t *testing.T) {
	text := `{"capture_id":"c1","booth_id":"north-01","status":"accepted","plate":"7ABC123","confidence":0.97,"decision":"auto"}
not json: a warning the starter printed
{"capture_id":"c2","status":"recognizing"}

{"capture_id":"c3","status":"awaiting_review","plate":"","confidence":0.2}
`
	got := parseCaptures(text)
	want := map[string]string{"c1": "accepted", "c2": "recognizing", "c3": "awaiting_review"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for id, s := range want {
		if got[id] != s {
			t.Errorf("%s: got %q, want %q", id, got[id], s)
		}
	}
	if settled[got["c2"]] || !settled[got["c3"]] || !settled["failed_input"] || !settled["unreadable"] {
		t.Error("settled statuses are wrong")
	}
}

func TestPhotoFilesSkipsTruthCSV(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"synth-0001.jpg", "synth-0000.jpg", "truth.csv", "TRUTH.CSV"} {
		os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644)
	}
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	got, err := photoFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "synth-0000.jpg"), filepath.Join(dir, "synth-0001.jpg")}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestNonEmptyLines(t *testing.T) {
	if got := nonEmptyLines("a\n\n  b  \r\n\n"); !slices.Equal(got, []string{"a", "b"}) {
		t.Fatalf("got %q", got)
	}
}

func TestShorten(t *testing.T) {
	args := []string{"upload", "--booth", "north-01", "1.jpg", "2.jpg", "3.jpg", "4.jpg", "5.jpg"}
	got := shorten(args)
	if len(got) != 6 || got[5] != "... (3 more)" {
		t.Fatalf("got %q", got)
	}
	if got := shorten(args[:4]); len(got) != 4 {
		t.Fatalf("short args changed: %q", got)
	}
}
