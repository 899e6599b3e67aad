package app

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/tollbooth/tollbooth/internal/config"
)

// closedAddr is a loopback address where nothing listens.
func closedAddr(t *testing.T) string {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := lis.Addr().String()
	require.NoError(t, lis.Close())
	return addr
}

// silentAddr accepts connections and never answers.
func silentAddr(t *testing.T) string {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { lis.Close() })
	go func() {
		for {
			c, err := lis.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { c.Close() })
		}
	}()
	return lis.Addr().String()
}

func requireUnreachable(t *testing.T, err error, addr, envVar, cause string) {
	t.Helper()
	var u *Unreachable
	require.True(t, errors.As(err, &u), "want *Unreachable, got %v", err)
	require.Contains(t, err.Error(), addr)
	require.Contains(t, err.Error(), envVar)
	require.Contains(t, err.Error(), cause)
	require.Contains(t, err.Error(), "make demo", "on loopback the likely cause is a stack that is not running")
}

func TestAClosedPortIsNamedWithItsVariableAndTheLikelyCause(t *testing.T) {
	addr := closedAddr(t)
	err := CheckServers(context.Background(), Server{Name: "Firestore emulator", Addr: addr, Var: config.EnvFirestoreEmulator,
		Probe: func(ctx context.Context) error { t.Error("no probe when nothing listens"); return nil }})
	requireUnreachable(t, err, addr, config.EnvFirestoreEmulator, "connection refused")
}

func TestAServerThatDoesNotAnswerFailsWithinTheTimeout(t *testing.T) {
	addr := silentAddr(t)
	start := time.Now()
	err := CheckServers(context.Background(), Server{Name: "Firestore emulator", Addr: addr, Var: config.EnvFirestoreEmulator,
		Probe: func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }})
	requireUnreachable(t, err, addr, config.EnvFirestoreEmulator, "did not answer")
	require.Less(t, time.Since(start), ReachTimeout+3*time.Second)
}

// A server that answers with an error is reachable: the operation reports that error itself.
func TestAnAnswerIsReachableEvenWhenItIsAnError(t *testing.T) {
	addr := silentAddr(t)
	err := CheckServers(context.Background(), Server{Name: "Pub/Sub emulator", Addr: addr, Var: config.EnvPubSubEmulator,
		Probe: func(ctx context.Context) error { return status.Error(codes.PermissionDenied, "no") }})
	require.NoError(t, err)
	require.NoError(t, CheckServers(context.Background(), Server{Name: "Vision server", Addr: addr, Var: config.EnvVisionEndpoint}))
}

// The first server given that fails is the one reported, even when all are checked at once.
func TestTheFirstFailingServerIsReported(t *testing.T) {
	up, down := silentAddr(t), closedAddr(t)
	err := CheckServers(context.Background(),
		Server{Name: "Vision server", Addr: up, Var: config.EnvVisionEndpoint},
		Server{Name: "Cloud Storage emulator", Addr: down, Var: config.EnvStorageEmulator})
	requireUnreachable(t, err, down, config.EnvStorageEmulator, "connection refused")
}

func TestAwayFromLoopbackTheAdviceIsTheNetwork(t *testing.T) {
	err := (&Unreachable{Server: Server{Name: "Temporal server", Addr: "tollbooth.a1b2c.tmprl.cloud:7233", Var: config.EnvTemporalAddress},
		Cause: "no connection within 5s"}).Error()
	require.NotContains(t, err, "make demo")
	require.Contains(t, err, "Check "+config.EnvTemporalAddress)
}

func TestDialTemporalAndOpenCloudFailFastOnAStoppedStack(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	temporal, firestore, storage := closedAddr(t), closedAddr(t), closedAddr(t)
	start := time.Now()
	_, err := DialTemporal(config.Config{Temporal: config.Temporal{Address: temporal, Namespace: "default"}}, log)
	requireUnreachable(t, err, temporal, config.EnvTemporalAddress, "connection refused")

	cfg := config.Config{Project: config.LocalProject, Local: true, FirestoreEmulator: firestore,
		StorageEmulator: "http://" + storage, PhotoBucket: config.DefaultPhotoBucket}
	_, err = OpenCloud(context.Background(), cfg, NeedFirestore)
	requireUnreachable(t, err, firestore, config.EnvFirestoreEmulator, "connection refused")
	_, err = OpenCloud(context.Background(), cfg, NeedStorage)
	requireUnreachable(t, err, storage, config.EnvStorageEmulator, "connection refused")
	require.Less(t, time.Since(start), 10*time.Second)
}
