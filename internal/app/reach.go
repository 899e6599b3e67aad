package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"syscall"
	"time"

	"cloud.google.com/go/firestore"
	"cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"
	"cloud.google.com/go/storage"
	"go.temporal.io/api/serviceerror"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/tollbooth/tollbooth/internal/apikeys"
	"github.com/tollbooth/tollbooth/internal/config"
)

// ReachTimeout bounds how long a program waits, at start, for each server it needs to answer. The
// Google clients retry an unreachable server without end (the Firestore client did, for a
// stopped emulator), so without it a newcomer could not tell a slow answer from a stack that is not
// running. Only the start-up check has this deadline: the program's own operations keep theirs.
const ReachTimeout = 5 * time.Second

// Server is one server a program needs, as the start-up check names it.
type Server struct {
	Name string // "Firestore emulator", "Temporal server"
	Addr string // host:port
	Var  string // the variable that sets Addr
	// Probe asks the server a cheap question; nil: accepting a connection is enough.
	Probe func(ctx context.Context) error
}

// Unreachable says which server a program could not reach, where, which variable sets the
// address, why, and what to do.
type Unreachable struct {
	Server
	Cause string
}

func (e *Unreachable) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "cannot reach the %s at %s", e.Name, e.Addr)
	if e.Var != "" {
		fmt.Fprintf(&b, " (set by %s)", e.Var)
	}
	fmt.Fprintf(&b, ": %s. ", e.Cause)
	switch {
	case isLoopback(e.Addr):
		fmt.Fprintf(&b, "Is `make demo` (or `go run ./tools/devstack up`) running? It starts the local stack; "+
			"otherwise set %s to where the server runs", e.Var)
	case e.Var != "":
		fmt.Fprintf(&b, "Check %s and the network", e.Var)
	default:
		b.WriteString("Check the network and the credentials")
	}
	return b.String()
}

// CheckServers checks each server within ReachTimeout, all at once, and returns the first that
// did not answer (in the order given) as an *Unreachable. A server that answers with an error
// (permission denied, not found) is reachable: the operation that needs it reports that error.
func CheckServers(ctx context.Context, servers ...Server) error {
	errs := make([]error, len(servers))
	done := make(chan int, len(servers))
	for i, s := range servers {
		go func() { errs[i] = checkServer(ctx, s); done <- i }()
	}
	for range servers {
		<-done
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func checkServer(ctx context.Context, s Server) error {
	ctx, cancel := context.WithTimeout(ctx, ReachTimeout)
	defer cancel()
	// On loopback (the local stack) connecting first gives the plain answer at once: nothing
	// listens. Elsewhere the probe goes first, through the clients' own proxy settings.
	if isLoopback(s.Addr) || s.Probe == nil {
		if err := dial(ctx, s.Addr); err != nil {
			return &Unreachable{Server: s, Cause: dialCause(err)}
		}
	}
	if s.Probe == nil {
		return nil
	}
	err := s.Probe(ctx)
	if err == nil || !unanswered(ctx, err) {
		return nil
	}
	return unreachable(s, err)
}

// unreachable is the *Unreachable for a server whose first call failed without an answer: it
// connects once more to tell "nothing listens there" from "it did not answer in time".
func unreachable(s Server, callErr error) *Unreachable {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := dial(ctx, s.Addr); err != nil {
		return &Unreachable{Server: s, Cause: dialCause(err)}
	}
	return &Unreachable{Server: s, Cause: fmt.Sprintf("it accepts connections but did not answer within %s (%v)", ReachTimeout, callErr)}
}

// unanswered reports whether err means the server gave no answer: the deadline passed, the
// connection failed, or gRPC found it unavailable.
func unanswered(ctx context.Context, err error) bool {
	if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	switch status.Code(err) {
	case codes.Unavailable, codes.DeadlineExceeded:
		return true
	}
	var unavailable *serviceerror.Unavailable // Temporal's errors carry their status apart
	var deadline *serviceerror.DeadlineExceeded
	if errors.As(err, &unavailable) || errors.As(err, &deadline) {
		return true
	}
	var opErr *net.OpError
	var urlErr *url.Error
	return errors.As(err, &opErr) || errors.As(err, &urlErr)
}

func dial(ctx context.Context, addr string) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	return conn.Close()
}

func dialCause(err error) string {
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused: nothing listens there"
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("no connection within %s", ReachTimeout)
	}
	return err.Error()
}

// isLoopback reports whether addr (host:port) is on this machine: the local stack.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// hostPort strips a scheme from an emulator address ("http://127.0.0.1:8912" → "127.0.0.1:8912").
func hostPort(addr string) string {
	if u, err := url.Parse(addr); err == nil && u.Host != "" {
		return u.Host
	}
	return addr
}

// servers are the servers of the clients c holds, each with a cheap question: a read of one absent
// Firestore document, the photo bucket's attributes, the upload subscription's settings, a
// connection to a Vision endpoint set by its variable. (Google's own Vision endpoint is not asked:
// every call is billed. The second recognizer is not checked at all: its outage is tolerated by
// design, its captures go to a person.)
func (c *Cloud) servers(cfg config.Config) []Server {
	var list []Server
	emulated := func(name, emulator, envVar, google string) Server {
		if emulator != "" {
			return Server{Name: name + " emulator", Addr: hostPort(emulator), Var: envVar}
		}
		return Server{Name: name + " (project " + cfg.Project + ")", Addr: google}
	}
	if c.Storage != nil {
		s := emulated("Cloud Storage", cfg.StorageEmulator, config.EnvStorageEmulator, "storage.googleapis.com:443")
		s.Probe = storageProbe(c.Storage, cfg.PhotoBucket)
		list = append(list, s)
	}
	if c.Firestore != nil {
		s := emulated("Firestore", cfg.FirestoreEmulator, config.EnvFirestoreEmulator, "firestore.googleapis.com:443")
		s.Probe = firestoreProbe(c.Firestore)
		list = append(list, s)
	}
	if c.PubSub != nil {
		s := emulated("Pub/Sub", cfg.PubSubEmulator, config.EnvPubSubEmulator, "pubsub.googleapis.com:443")
		sub := "projects/" + cfg.Project + "/subscriptions/" + cfg.UploadSubscription
		s.Probe = func(ctx context.Context) error {
			_, err := c.PubSub.SubscriptionAdminClient.GetSubscription(ctx, &pubsubpb.GetSubscriptionRequest{Subscription: sub})
			return err
		}
		list = append(list, s)
	}
	if c.Vision != nil && cfg.VisionEndpoint != "" {
		list = append(list, Server{Name: "Vision server", Addr: cfg.VisionEndpoint, Var: config.EnvVisionEndpoint})
	}
	return list
}

// firestoreProbe reads one absent document: NotFound is an answer.
func firestoreProbe(fs *firestore.Client) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		_, err := fs.Collection(apikeys.Collection).Doc("readiness-probe").Get(ctx)
		if status.Code(err) == codes.NotFound {
			return nil
		}
		return err
	}
}

// storageProbe reads the photo bucket's attributes: "no such bucket" is an answer.
func storageProbe(st *storage.Client, bucket string) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		_, err := st.Bucket(bucket).Attrs(ctx)
		if errors.Is(err, storage.ErrBucketNotExist) {
			return nil
		}
		return err
	}
}
