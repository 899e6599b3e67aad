package devstack

import (
	"errors"
	"net"
	"strings"
	"testing"
)

func TestFreePortsAreDistinctAndFree(t *testing.T) {
	p, err := FreePorts()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]string{}
	for _, f := range p.fields() {
		if *f.port <= 0 {
			t.Fatalf("%s: port %d", f.name, *f.port)
		}
		if other, dup := seen[*f.port]; dup {
			t.Fatalf("%s and %s both got port %d", f.name, other, *f.port)
		}
		seen[*f.port] = f.name
	}
	if err := p.CheckFree("hint", true); err != nil {
		t.Fatalf("ports just picked are not free: %v", err)
	}
}

func TestCheckFreeNamesTheBusyPort(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	busy := l.Addr().(*net.TCPAddr).Port

	p, err := FreePorts()
	if err != nil {
		t.Fatal(err)
	}
	p.Firestore = busy
	err = p.CheckFree("is another `make demo` running?", false)
	var inUse *PortsInUseError
	if !errors.As(err, &inUse) {
		t.Fatalf("got %v, want a PortsInUseError", err)
	}
	if len(inUse.Busy) != 1 || inUse.Busy[0].Port != busy || inUse.Busy[0].Service != "Firestore emulator" {
		t.Fatalf("busy = %+v", inUse.Busy)
	}
	msg := err.Error()
	for _, want := range []string{"port ", "(Firestore emulator) is in use", "another `make demo`", "ss -ltnp"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}

func TestCheckFreeSkipsWorkerMetricsUnlessAsked(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	p, err := FreePorts()
	if err != nil {
		t.Fatal(err)
	}
	p.WorkerMetrics = l.Addr().(*net.TCPAddr).Port
	if err := p.CheckFree("hint", false); err != nil {
		t.Fatalf("up does not start a worker, yet: %v", err)
	}
	if err := p.CheckFree("hint", true); err == nil {
		t.Fatal("demo starts a worker: a busy metrics port must be reported")
	}
}

func TestPortsInUseErrorListsSeveral(t *testing.T) {
	err := &PortsInUseError{Busy: []BusyPort{{7233, "Temporal server"}, {8233, "Temporal Web UI"}}, Hint: "stop it"}
	want := "ports 7233 (Temporal server), 8233 (Temporal Web UI) are in use: stop it. `ss -ltnp 'sport = :7233'` shows who holds it."
	if got := err.Error(); got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
}

func TestFixedPortsMatchConfig(t *testing.T) {
	p := FixedPorts()
	if p.Temporal != 7233 || p.TemporalUI != 8233 || p.Firestore != 8910 || p.PubSub != 8911 ||
		p.Storage != 8912 || p.Vision != 8913 {
		t.Fatalf("fixed ports drifted from the documented ones: %+v", p)
	}
}
