package devstack

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func writeFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.log")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestTail(t *testing.T) {
	for _, tc := range []struct {
		name, content string
		n             int
		want          []string
	}{
		{"empty", "", 3, nil},
		{"shorter than n", "a\nb\n", 3, []string{"a", "b"}},
		{"no final newline", "a\nb\nc", 2, []string{"b", "c"}},
		{"exactly n", "a\nb\nc\n", 3, []string{"a", "b", "c"}},
		{"blank lines kept", "a\n\nb\n", 3, []string{"a", "", "b"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Tail(writeFile(t, tc.content), tc.n)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTailOfHugeLogReadsOnlyTheEnd(t *testing.T) {
	var b strings.Builder
	for i := range 100_000 {
		fmt.Fprintf(&b, "line %06d of a long Java log\n", i)
	}
	got, err := Tail(writeFile(t, b.String()), 3)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"line 099997 of a long Java log", "line 099998 of a long Java log", "line 099999 of a long Java log"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q", got)
	}
}

func TestServiceErrorShowsTheLogTail(t *testing.T) {
	path := writeFile(t, "starting\nERROR: address already in use\n")
	err := NewServiceError("Pub/Sub emulator", path, errors.New("exited before it was ready (exit status 1)"))
	// What stopping the service writes afterwards is not what caused the error.
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("shutting down\n")
	f.Close()
	msg := err.Error()
	if strings.Contains(msg, "shutting down") {
		t.Errorf("the tail was read late:\n%s", msg)
	}
	for _, want := range []string{"Pub/Sub emulator: exited before it was ready", "last 2 lines of " + path, "ERROR: address already in use"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	missing := NewServiceError("x", filepath.Join(t.TempDir(), "none.log"), errors.New("boom"))
	if !strings.Contains(missing.Error(), "could not read its log") {
		t.Errorf("missing log not explained: %s", missing.Error())
	}
}
