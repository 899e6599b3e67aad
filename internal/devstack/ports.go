package devstack

import (
	"fmt"
	"math/rand/v2"
	"net"
	"strconv"
	"strings"

	"github.com/tollbooth/tollbooth/internal/config"
)

// LocalVisionStatsPort is where the vision server's statistics endpoint listens in the fixed-port
// stack. internal/config has no constant for it yet.
const LocalVisionStatsPort = 8914

// LocalPostgresPort is where PostgreSQL listens in the fixed-port stack of `--temporal postgres`:
// beside the stack's other ports rather than 5432, which a PostgreSQL of the machine may hold.
const LocalPostgresPort = 8918

// LocalTemporalHTTPPort is the dev server's HTTP API in the fixed-port stack. Left to itself,
// start-dev picks a random free port for it, which can be the very gRPC port devstack chose and the
// server has not bound yet: the server then fails to start ("address already in use").
const LocalTemporalHTTPPort = 8921

// Host is the only address the stack binds to: nothing is reachable from outside the machine.
const Host = "127.0.0.1"

// Ports are the TCP ports of one stack. WorkerMetrics, TriggerMetrics and Gateway are not servers of
// the stack: they are the addresses handed to the programs (TOLLBOOTH_METRICS_ADDR,
// TOLLBOOTH_TRIGGER_METRICS_ADDR, TOLLBOOTH_GATEWAY_ADDR), so that a test stack's programs do not
// collide with a running demo's, and so that the stack's Prometheus knows where to scrape them.
type Ports struct {
	Temporal        int
	TemporalUI      int
	TemporalMetrics int // the Temporal server's own /metrics
	TemporalHTTP    int // the dev server's HTTP API; 0 with `--temporal postgres`
	Prometheus      int
	Firestore       int
	PubSub          int
	Storage         int
	Vision          int
	VisionStats     int
	WorkerMetrics   int
	TriggerMetrics  int
	Gateway         int
	SMTP            int // mailpit SMTP
	MailpitUI       int // mailpit web UI and API
	FTP             int // tools/ftpserver
	Postgres        int // PostgreSQL under the Temporal server of `--temporal postgres`; 0 otherwise
}

// FixedPorts are the well-known ports of `make demo` (internal/config), so that the binaries run
// beside it with no configuration.
func FixedPorts() Ports {
	return Ports{
		Temporal:        config.LocalTemporalPort,
		TemporalUI:      config.LocalTemporalUI,
		TemporalMetrics: config.LocalTemporalMetrics,
		TemporalHTTP:    LocalTemporalHTTPPort,
		Prometheus:      config.LocalPrometheus,
		Firestore:       config.LocalFirestorePort,
		PubSub:          config.LocalPubSubPort,
		Storage:         config.LocalStoragePort,
		Vision:          config.LocalVisionPort,
		VisionStats:     LocalVisionStatsPort,
		WorkerMetrics:   config.LocalWorkerMetrics,
		TriggerMetrics:  config.LocalTriggerMetrics,
		Gateway:         config.LocalGatewayPort,
		SMTP:            config.LocalSMTPPort,
		MailpitUI:       config.LocalMailpitUI,
		FTP:             config.LocalFTPPort,
		Postgres:        LocalPostgresPort,
	}
}

// FreePorts asks the kernel for distinct free loopback ports, so a test stack can run beside a
// demo. All listeners stay open until every port is chosen, so no port is handed out twice; a
// process outside this one could still take a port before the server binds it, which the port
// check in Start then reports.
func FreePorts() (Ports, error) {
	var p Ports
	fields := p.fields()
	ports, err := PickFreePorts(len(fields))
	if err != nil {
		return Ports{}, err
	}
	for i, field := range fields {
		*field.port = ports[i]
	}
	return p, nil
}

// pickFreePortsBelow returns n distinct free loopback ports from lo up to hi, tried in random
// order: for ports a program stores in a smallint column (the Temporal server's membership ports
// must be below 32768; the kernel's own picks are above).
func pickFreePortsBelow(n, lo, hi int) ([]int, error) {
	var listeners []net.Listener
	defer func() {
		for _, l := range listeners {
			l.Close()
		}
	}()
	var ports []int
	for _, p := range rand.Perm(hi - lo + 1) {
		if len(ports) == n {
			break
		}
		l, err := net.Listen("tcp", net.JoinHostPort(Host, strconv.Itoa(lo+p)))
		if err != nil {
			continue
		}
		listeners = append(listeners, l)
		ports = append(ports, lo+p)
	}
	if len(ports) < n {
		return nil, fmt.Errorf("fewer than %d free ports on %s between %d and %d", n, Host, lo, hi)
	}
	return ports, nil
}

// PickFreePorts returns n distinct free loopback ports (see FreePorts).
func PickFreePorts(n int) ([]int, error) {
	var listeners []net.Listener
	defer func() {
		for _, l := range listeners {
			l.Close()
		}
	}()
	ports := make([]int, 0, n)
	for range n {
		l, err := net.Listen("tcp", net.JoinHostPort(Host, "0"))
		if err != nil {
			return nil, fmt.Errorf("picking a free port on %s: %w", Host, err)
		}
		listeners = append(listeners, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

type portField struct {
	name string
	port *int
}

func (p *Ports) fields() []portField {
	return []portField{
		{"Temporal server", &p.Temporal},
		{"Temporal Web UI", &p.TemporalUI},
		{"Temporal server metrics", &p.TemporalMetrics},
		{"Temporal HTTP API", &p.TemporalHTTP},
		{"Prometheus", &p.Prometheus},
		{"Firestore emulator", &p.Firestore},
		{"Pub/Sub emulator", &p.PubSub},
		{"fake-gcs-server", &p.Storage},
		{"vision server", &p.Vision},
		{"vision server statistics", &p.VisionStats},
		{"worker metrics", &p.WorkerMetrics},
		{"trigger metrics", &p.TriggerMetrics},
		{"gateway", &p.Gateway},
		{"mailpit SMTP", &p.SMTP},
		{"mailpit web UI", &p.MailpitUI},
		{"FTP server", &p.FTP},
		{"PostgreSQL", &p.Postgres},
	}
}

// BusyPort is a port of the stack that something else holds.
type BusyPort struct {
	Port    int
	Service string
}

// PortsInUseError lists the ports of the stack that are taken, and what to do about it.
type PortsInUseError struct {
	Busy []BusyPort
	Hint string
}

func (e *PortsInUseError) Error() string {
	var names []string
	for _, b := range e.Busy {
		names = append(names, fmt.Sprintf("%d (%s)", b.Port, b.Service))
	}
	what := "port " + names[0] + " is"
	if len(names) > 1 {
		what = "ports " + strings.Join(names, ", ") + " are"
	}
	return fmt.Sprintf("%s in use: %s. `ss -ltnp 'sport = :%d'` shows who holds it.", what, e.Hint, e.Busy[0].Port)
}

// CheckFree fails fast, before anything slow starts, when a port is taken. hint tells the user what
// to do about it. The programs' ports (WorkerMetrics, TriggerMetrics, Gateway) are checked only when
// checkWorker is set (the demo starts the programs; `up` does not).
func (p Ports) CheckFree(hint string, checkWorker bool) error {
	var busy []BusyPort
	for _, f := range p.fields() {
		program := f.port == &p.WorkerMetrics || f.port == &p.TriggerMetrics || f.port == &p.Gateway
		if (program && !checkWorker) || *f.port == 0 {
			continue
		}
		if !portFree(*f.port) {
			busy = append(busy, BusyPort{Port: *f.port, Service: f.name})
		}
	}
	if len(busy) > 0 {
		return &PortsInUseError{Busy: busy, Hint: hint}
	}
	return nil
}

// portFree reports whether a listener can bind Host:port right now.
func portFree(port int) bool {
	l, err := net.Listen("tcp", net.JoinHostPort(Host, strconv.Itoa(port)))
	if err != nil {
		return false
	}
	l.Close()
	return true
}

// addr renders Host:port.
func addr(port int) string { return net.JoinHostPort(Host, strconv.Itoa(port)) }
